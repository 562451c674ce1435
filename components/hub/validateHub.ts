import { cloudNodeGroupSizes } from "../cluster/cloudNodeGroupArgs";
import { customNetworkingMaxPods } from "../cluster/customNetworkingArgs";
import { EndpointAccess, NodeCredentials } from "../cluster/enums";
import { parseChecked, Problems, show } from "../config/problems";
import { checkStructure } from "../config/structure";
import { checkDisjoint, checkInsideOne, checkPrefix, KeyedCidr, parseCidrAt } from "../network/addressPlan";
import { parseCidr, PRIVATE_OR_SHARED, RFC1918 } from "../network/cidr";
import { EgressMode, GatewayType, PodNetworkingMode } from "../network/enums";
import { DEFAULT_CILIUM_CHART_VERSION } from "../cilium/ciliumValues";
import { DEFAULT_CLUSTER_POOL_MASK_SIZE, hasVtepSupport, VTEP_CILIUM_MINIMUM } from "../gateway/gatewayChart";
import { podNetworkingModeOf } from "../gateway/podNetworkingArgs";
import { DEFAULT_EGRESS, isAmazonSideAsn, MAX_NAT_VPC_PREFIX, VpcArgs } from "../network/networkArgs";
import { HubArgs, HubConfig } from "./hubArgs";
import { hubConfigSchema } from "./hubConfigSchema";
import { today, versionProblem } from "../cluster/supportCalendar";
import { interfaceEndpointServices } from "../endpoints/endpointServices";
import { DEFAULT_WEBHOOK_PORTS } from "../cluster/clusterDefaults";
import { planClusterSgRules, planCloudNodeSgRules } from "../cluster/securityGroupRules";
import { quotaLimit, quotaText } from "../network/quotas";

/** The config key of the hub settings in a stack file. */
export const HUB_CONFIG_KEY = "eks-hybrid:hub";

const PRIVATE_OR_SHARED_KEY = "RFC 1918 and 100.64.0.0/10";

/** Parses the `eks-hybrid:hub` stack config, throwing one ConfigError with every problem. */
export function parseHubConfig(raw: unknown, root = HUB_CONFIG_KEY): HubConfig {
    return parseChecked<HubConfig>(raw, root, checkHub);
}

/**
 * Every hub rule of docs/CONFIG.md: structure first, then addresses and modes. Keys start at `root`.
 * At the `unknown` keys (a component's Outputs, see knownView) the structure is not checked.
 */
export function checkHub(raw: unknown, root: string, problems: Problems, unknown: ReadonlySet<string> = new Set()): void {
    const structure = new Problems();
    checkStructure(hubConfigSchema, raw ?? {}, root, structure);
    problems.addAllBut(structure, unknown);
    if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
        checkHubRules(raw as HubArgs, root, problems);
    }
}

/**
 * The hub rules of docs/CONFIG.md beyond structure. Tolerates values of the wrong type (structure
 * reports those) so that every problem is found in one pass.
 */
function checkHubRules(hub: HubArgs, root: string, problems: Problems): void {
    const ranges = checkHubRanges(hub, root, problems);
    checkDisjoint(ranges, "the VPC, secondary, service, remote node and remote pod ranges must not overlap", problems);
    checkVpcMode(hub, root, problems);
    checkGateway(hub, root, problems);
    checkEndpointAccess(hub, root, problems);
    checkNodeCredentials(hub, root, problems);
    checkCloudNodeGroup(hub, root, problems);
    checkCiliumChartVersion(hub, root, problems);
    checkPodNetworking(hub, root, problems);
    if (hub.loadBalancerController?.enabled === true && hub.cloudNodeGroup === undefined)
        problems.add(
            `${root}.loadBalancerController.enabled`,
            "is true without cloudNodeGroup: the controller runs on cloud nodes, so that a site's outage never takes it " +
                "down; add cloudNodeGroup",
        );
    checkKubernetesObjects(hub, root, problems);
    checkClusterAdmin(hub, root, problems);
    checkExistingEndpoints(hub, root, problems);
    checkSecurityGroupRules(hub, root, problems);
    const versionKey = `${root}.kubernetesVersion`;
    if (typeof hub.kubernetesVersion === "string" && !problems.touches(versionKey)) {
        const problem = versionProblem(hub.kubernetesVersion, today());
        if (problem) problems.add(versionKey, problem);
    }
}

/**
 * Every security group of the hub within AWS's rules-per-group quota, inbound and outbound counted
 * apart: the remote-access group grows with supernets x webhook ports, the cluster group (which has
 * EKS's own inbound rule from itself) with pod supernets x ports from hybrid pods, the endpoints'
 * group with the VPC's and the remote CIDRs.
 */
function checkSecurityGroupRules(hub: HubArgs, root: string, problems: Problems): void {
    const keys = ["remoteNodeNetworks", "remotePodNetworks", "webhookPorts", "apiAccessCidrs", "vpc", "cloudNodeGroup"];
    const lists = [hub.remoteNodeNetworks, hub.remotePodNetworks, hub.webhookPorts ?? DEFAULT_WEBHOOK_PORTS];
    // Counted only over values the structure accepted.
    if (!lists.every(Array.isArray) || keys.some((k) => problems.touches(`${root}.${k}`)) || typeof hub.vpc?.cidr !== "string") return;
    const limit = quotaLimit("securityGroupRules", hub.quotas);
    const isPrivate = hub.endpointAccess === EndpointAccess.Private;
    const remote = planClusterSgRules(
        hub.remoteNodeNetworks,
        hub.remotePodNetworks,
        hub.webhookPorts ?? DEFAULT_WEBHOOK_PORTS,
        isPrivate ? (hub.apiAccessCidrs ?? [hub.vpc?.cidr]) : [],
    );
    const cloud = hub.cloudNodeGroup ? planCloudNodeSgRules(hub.remotePodNetworks, hub.cloudNodeGroup.portsFromHybridPods ?? []) : [];
    const vpcCidrs = 1 + (hub.customNetworking ? 1 : 0);
    const groups: [string, string, number][] = [
        ["the remote-access security group", "inbound", remote.filter((r) => r.direction === "ingress").length],
        ["the remote-access security group", "outbound", remote.filter((r) => r.direction === "egress").length],
        // EKS's own rule: all traffic from the group itself.
        ["the EKS cluster security group", "inbound", cloud.length + 1],
        ...(isPrivate
            ? ([
                  ["the VPC endpoints' security group", "inbound", vpcCidrs + hub.remoteNodeNetworks.length + hub.remotePodNetworks.length],
                  // DNS from on-prem, over TCP and UDP.
                  ["the resolver's security group", "inbound", 2 * hub.remoteNodeNetworks.length],
              ] as [string, string, number][])
            : []),
    ];
    for (const [group, direction, count] of groups) {
        if (count <= limit) continue;
        problems.add(
            `${root}.remotePodNetworks`,
            `${group} would hold ${count} ${direction} rules (${hub.remoteNodeNetworks.length} node and ` +
                `${hub.remotePodNetworks.length} pod supernets, ${(hub.webhookPorts ?? DEFAULT_WEBHOOK_PORTS).length} webhook ports); ` +
                `${quotaText("securityGroupRules", hub.quotas?.securityGroupRules)}, or use fewer, larger supernets or fewer ports`,
        );
    }
}

/** Existing endpoints live in an existing VPC, and are ones this hub would create. */
function checkExistingEndpoints(hub: HubArgs, root: string, problems: Problems): void {
    const existing = hub.privateEndpoints?.existing;
    const key = `${root}.privateEndpoints.existing`;
    if (!Array.isArray(existing) || existing.length === 0 || problems.touches(key)) return;
    if (hub.vpc?.id === undefined) {
        problems.add(key, `${show(existing)} is set but the hub creates its VPC; existing endpoints come with an existing VPC (vpc.id)`);
        return;
    }
    if (hub.endpointAccess !== EndpointAccess.Private) return;
    const needed = interfaceEndpointServices({
        nodeCredentials: hub.nodeCredentials,
        podIdentity: hub.podIdentity,
        cloudNodes: hub.cloudNodeGroup !== undefined,
        cloudControllers: hub.privateEndpoints?.cloudControllers,
    });
    existing.forEach((service, i) => {
        if (!needed.includes(service))
            problems.add(`${key}[${i}]`, `${show(service)} is not an endpoint this hub needs; it needs: ${needed.join(", ")}`);
    });
}

/** coredns needs Ready nodes, and hybrid nodes are Ready only once Cilium is installed. */
function checkKubernetesObjects(hub: HubArgs, root: string, problems: Problems): void {
    if (hub.kubernetesObjects === false && hub.temporaryPublicAccessCidrs !== undefined) {
        problems.add(
            `${root}.temporaryPublicAccessCidrs`,
            `${show(hub.temporaryPublicAccessCidrs)} is set but kubernetesObjects is false: the window is for applying the ` +
                "Kubernetes objects through it; remove the window, or set kubernetesObjects: true to use it",
        );
    }
    // Cloud nodes join at once, unless custom networking holds them back for their ENIConfigs.
    const cloudNodesNow = hub.cloudNodeGroup !== undefined && hub.customNetworking === undefined;
    if (hub.kubernetesObjects !== false || hub.coredns !== true || cloudNodesNow) return;
    problems.add(
        `${root}.coredns`,
        "is true but kubernetesObjects is false: coredns runs only on Ready nodes, hybrid nodes are Ready only once " +
            "Cilium is installed, and with custom networking the cloud nodes wait for their ENIConfigs; set " +
            "kubernetesObjects: true first, then coredns: true once the nodes are Ready",
    );
}

function checkHubRanges(hub: HubArgs, root: string, problems: Problems): KeyedCidr[] {
    const parsed: KeyedCidr[] = [];
    const at = (key: string, value: unknown, example: string): KeyedCidr | undefined => {
        if (value === undefined || problems.touches(key)) return undefined;
        const range = parseCidrAt(key, value, example, problems);
        if (range) parsed.push(range);
        return range;
    };

    const vpc = at(`${root}.vpc.cidr`, hub.vpc?.cidr, "10.0.0.0/16");
    if (vpc) checkPrefix(vpc, 16, 24, "a VPC CIDR", problems);

    const secondaryCidr = hub.customNetworking?.secondaryCidr;
    const secondary = at(`${root}.customNetworking.secondaryCidr`, secondaryCidr, "100.64.0.0/16");
    if (secondary) {
        checkInsideOne(secondary, PRIVATE_OR_SHARED, PRIVATE_OR_SHARED_KEY, problems);
        checkPrefix(secondary, 16, 28, "a secondary VPC CIDR", problems);
    }

    const service = at(`${root}.serviceCidr`, hub.serviceCidr, "172.20.0.0/16");
    if (service) {
        checkInsideOne(service, RFC1918, "RFC 1918", problems);
        checkPrefix(service, 12, 24, "the EKS service CIDR", problems);
    }

    for (const [name, example] of [
        ["remoteNodeNetworks", "10.80.0.0/12"],
        ["remotePodNetworks", "10.96.0.0/12"],
        ["loadBalancerNetworks", "10.112.0.0/16"],
    ] as const) {
        const list = hub[name];
        if (!Array.isArray(list)) continue;
        list.forEach((value, i) => {
            const remote = at(`${root}.${name}[${i}]`, value, example);
            if (!remote) return;
            // EKS refuses remote networks outside RFC 1918 (RemoteNodeNetwork, RemotePodNetwork).
            checkInsideOne(remote, RFC1918, "RFC 1918", problems);
            checkPrefix(remote, 8, 32, "a remote network", problems);
        });
    }

    // Public access CIDRs are checked for syntax only: they are internet ranges, not part of the plan.
    if (Array.isArray(hub.publicAccessCidrs)) {
        hub.publicAccessCidrs.forEach((value, i) => {
            const key = `${root}.publicAccessCidrs[${i}]`;
            if (!problems.touches(key)) parseCidrAt(key, value, "203.0.113.0/24", problems);
        });
    }
    if (Array.isArray(hub.temporaryPublicAccessCidrs)) {
        hub.temporaryPublicAccessCidrs.forEach((value, i) => {
            const key = `${root}.temporaryPublicAccessCidrs[${i}]`;
            if (!problems.touches(key)) parseCidrAt(key, value, "203.0.113.7/32", problems);
        });
    }
    if (Array.isArray(hub.apiAccessCidrs)) {
        hub.apiAccessCidrs.forEach((value, i) => {
            const key = `${root}.apiAccessCidrs[${i}]`;
            if (!problems.touches(key)) parseCidrAt(key, value, "10.0.0.0/16", problems);
        });
    }
    // A range already reported (outside its space, wrong size) is left out of the overlap check:
    // its overlaps would only repeat the same mistake.
    return parsed.filter((range) => !problems.touches(range.key));
}

function checkVpcMode(hub: HubArgs, root: string, problems: Problems): void {
    const vpc = hub.vpc;
    if (!vpc || typeof vpc !== "object") return;
    const key = `${root}.vpc`;
    if (vpc.id !== undefined) {
        if (vpc.availabilityZones !== undefined) {
            problems.add(
                `${key}.availabilityZones`,
                `${show(vpc.availabilityZones)} is set with vpc.id; an existing VPC brings its own subnets, remove it`,
            );
        }
        for (const name of ["privateSubnetIds", "routeTableIds"] as const) {
            if (vpc[name] === undefined) {
                problems.add(`${key}.${name}`, `missing; an existing VPC (vpc.id) needs its ${name} listed`);
            }
        }
    } else {
        for (const name of ["privateSubnetIds", "routeTableIds"] as const) {
            if (vpc[name] !== undefined) {
                problems.add(
                    `${key}.${name}`,
                    `${show(vpc[name])} is set without vpc.id; set vpc.id for an existing VPC or remove ${name}`,
                );
            }
        }
    }
    checkEgress(vpc, key, problems);
}

/** NAT gateways come with a new VPC that has room for their public subnets; "existing" describes an existing VPC. */
function checkEgress(vpc: VpcArgs, key: string, problems: Problems): void {
    const egress = vpc.egress;
    if (egress === undefined || problems.touches(`${key}.egress`)) return;
    const nat = egress === EgressMode.NatGateway || egress === EgressMode.NatGatewayPerZone;
    if (nat && vpc.id !== undefined) {
        problems.add(
            `${key}.egress`,
            `${show(egress)} is set with vpc.id; NAT gateways come with a new VPC, so for an existing VPC use existing (its route ` +
                "tables already reach the internet) or none",
        );
    }
    if (egress === EgressMode.Existing && vpc.id === undefined) {
        problems.add(
            `${key}.egress`,
            '"existing" is set without vpc.id; a new VPC has no egress of its own: use nat-gateway, nat-gateway-per-zone or none',
        );
    }
    const range = typeof vpc.cidr === "string" ? parseCidr(vpc.cidr) : undefined;
    if (nat && vpc.id === undefined && range?.ok && range.cidr.prefix > MAX_NAT_VPC_PREFIX) {
        problems.add(
            `${key}.egress`,
            `${show(egress)} needs public subnets of at least /28 for its NAT gateways, and vpc.cidr ${range.cidr.text} has no room ` +
                `for them; use a VPC of /${MAX_NAT_VPC_PREFIX} or larger`,
        );
    }
}

/** AWS tags its Cilium images v1.18.9-1 but versions the chart 1.18.9-1: the "v" finds no chart. */
function checkCiliumChartVersion(hub: HubArgs, root: string, problems: Problems): void {
    const version = hub.cilium?.chartVersion;
    const key = `${root}.cilium.chartVersion`;
    if (typeof version !== "string" || !version.startsWith("v") || problems.touches(key)) return;
    problems.add(key, `${show(version)} is an image tag; the chart's version has no "v": use ${show(version.slice(1))}`);
}

/**
 * podNetworking: gateway needs what AWS's Hybrid Nodes gateway runs on: a cloud node group of at
 * least two nodes over at least two zones (its active and standby pods), a Cilium build with VTEP,
 * the VPC's primary CIDR as everything the cloud side holds (no custom networking), and a
 * per-node pod mask longer than each pod network. (Every VPC here spans two zones or more, and a
 * managed node group balances its nodes over its subnets' zones.) Its own settings are refused under routed.
 */
function checkPodNetworking(hub: HubArgs, root: string, problems: Problems): void {
    const settings = hub.podNetworking;
    const key = `${root}.podNetworking`;
    if (!settings || typeof settings !== "object" || problems.touches(key)) return;
    if (podNetworkingModeOf(settings) !== PodNetworkingMode.Gateway) {
        for (const own of ["podMaskSize", "gatewayChartVersion"] as const)
            if (settings[own] !== undefined) problems.add(`${key}.${own}`, `is set with mode routed; it is for mode gateway`);
        return;
    }
    const group = hub.cloudNodeGroup;
    if (!group || typeof group !== "object") {
        problems.add(
            `${key}.mode`,
            "gateway needs cloudNodeGroup: the gateway's two pods (active and standby) run on cloud nodes in two zones; add " +
                "cloudNodeGroup with minSize 2",
        );
    } else if (!problems.touches(`${root}.cloudNodeGroup`) && cloudNodeGroupSizes(group).minSize < 2) {
        problems.add(
            `${root}.cloudNodeGroup.minSize`,
            `${cloudNodeGroupSizes(group).minSize} is below 2; with podNetworking.mode gateway the gateway's active and standby ` +
                "pods need two cloud nodes in two zones",
        );
    }
    if (hub.customNetworking !== undefined) {
        problems.add(
            `${root}.customNetworking`,
            "is set with podNetworking.mode gateway: the gateway's VXLAN endpoint covers the VPC's primary CIDR only, so pods " +
                "on the secondary CIDR would be out of reach (not built); use one or the other",
        );
    }
    const chart = hub.cilium?.chartVersion ?? DEFAULT_CILIUM_CHART_VERSION;
    if (typeof chart === "string" && !problems.touches(`${root}.cilium.chartVersion`) && !hasVtepSupport(chart)) {
        problems.add(
            `${root}.cilium.chartVersion`,
            `${show(chart)} has no VTEP support, which podNetworking.mode gateway needs; use ` +
                `${VTEP_CILIUM_MINIMUM["1.18"]} or later (AWS's first builds with it: ${Object.values(VTEP_CILIUM_MINIMUM).join(", ")})`,
        );
    }
    const mask = settings.podMaskSize ?? DEFAULT_CLUSTER_POOL_MASK_SIZE;
    if (Array.isArray(hub.remotePodNetworks) && !problems.touches(`${key}.podMaskSize`) && !problems.touches(`${root}.remotePodNetworks`)) {
        hub.remotePodNetworks.forEach((network, i) => {
            const parsed = parseCidr(network);
            if (parsed.ok && parsed.cidr.prefix >= mask) {
                problems.add(
                    `${key}.podMaskSize`,
                    `/${mask} is not longer than remotePodNetworks[${i}] ${network}: each hybrid node takes a /${mask} from ` +
                        `the pool; use a prefix length above ${parsed.cidr.prefix}`,
                );
            }
        });
    }
}

function checkGateway(hub: HubArgs, root: string, problems: Problems): void {
    const gateway = hub.gateway;
    if (!gateway || typeof gateway !== "object") return;
    const key = `${root}.gateway`;
    const asn = gateway.amazonSideAsn;
    if (typeof asn === "number" && !problems.touches(`${key}.amazonSideAsn`) && !isAmazonSideAsn(asn)) {
        problems.add(`${key}.amazonSideAsn`, `${show(asn)} is not a private ASN AWS accepts; use 64512-65534 or 4200000000-4294967294`);
    }
    if (gateway.id !== undefined && gateway.type === GatewayType.Vgw) {
        problems.add(
            `${key}.id`,
            `${show(gateway.id)} is set with type vgw; only an existing transit gateway can be given by id (type: tgw)`,
        );
    }
    if (gateway.ownerAccountId !== undefined && gateway.id === undefined) {
        problems.add(
            `${key}.ownerAccountId`,
            `${show(gateway.ownerAccountId)} is set without gateway.id; the owner is that of an existing transit gateway, ` +
                "give its id or remove ownerAccountId",
        );
    }
    if (gateway.id !== undefined && asn !== undefined && gateway.type === GatewayType.Tgw) {
        problems.add(
            `${key}.amazonSideAsn`,
            `${show(asn)} is set with an existing transit gateway (gateway.id); its ASN is fixed, remove amazonSideAsn`,
        );
    }
}

function checkEndpointAccess(hub: HubArgs, root: string, problems: Problems): void {
    const cidrs = hub.publicAccessCidrs;
    if (hub.endpointAccess === EndpointAccess.Public && hub.privateEndpoints !== undefined) {
        problems.add(
            `${root}.privateEndpoints`,
            "is set but endpointAccess is public; VPC endpoints come with endpointAccess: private, remove privateEndpoints",
        );
    }
    if (hub.endpointAccess === EndpointAccess.Private && cidrs !== undefined) {
        problems.add(
            `${root}.publicAccessCidrs`,
            `${show(cidrs)} is set but endpointAccess is private; remove publicAccessCidrs or set endpointAccess: public`,
        );
    }
    if (hub.endpointAccess === EndpointAccess.Public && hub.apiAccessCidrs !== undefined) {
        problems.add(
            `${root}.apiAccessCidrs`,
            `${show(hub.apiAccessCidrs)} is set but endpointAccess is public; a public endpoint takes publicAccessCidrs`,
        );
    }
    if (hub.endpointAccess === EndpointAccess.Public && hub.temporaryPublicAccessCidrs !== undefined) {
        problems.add(
            `${root}.temporaryPublicAccessCidrs`,
            `${show(hub.temporaryPublicAccessCidrs)} is set but endpointAccess is public; a bootstrap window is for a private ` +
                "endpoint, a public one takes publicAccessCidrs",
        );
    }
    if (hub.allowApiFromAnywhere !== true) {
        for (const key of ["publicAccessCidrs", "temporaryPublicAccessCidrs"] as const) {
            const list = hub[key];
            // A list already refused as a whole (the wrong endpoint access) is not judged item by item.
            if (!Array.isArray(list) || problems.touches(`${root}.${key}`)) continue;
            list.forEach((value, i) => {
                const parsed = parseCidr(value);
                if (parsed.ok && parsed.cidr.prefix === 0)
                    problems.add(
                        `${root}.${key}[${i}]`,
                        `${show(value)} opens the Kubernetes API to the whole internet; list the networks that need it, or set ` +
                            "allowApiFromAnywhere: true",
                    );
            });
        }
    }
    if (hub.endpointAccess === EndpointAccess.Public && cidrs === undefined) {
        problems.add(
            `${root}.publicAccessCidrs`,
            "missing; endpointAccess public needs the CIDRs allowed to reach the API, such as [203.0.113.0/24]",
        );
    }
}

function checkNodeCredentials(hub: HubArgs, root: string, problems: Problems): void {
    const ira = hub.iamRolesAnywhere;
    const key = `${root}.iamRolesAnywhere`;
    if (hub.nodeCredentials === NodeCredentials.Ssm && ira !== undefined) {
        problems.add(key, "is set but nodeCredentials is ssm; remove iamRolesAnywhere or set nodeCredentials: iam-ra");
    }
    if (hub.nodeCredentials !== NodeCredentials.IamRolesAnywhere) return;
    if (ira === undefined) {
        problems.add(key, "missing; nodeCredentials iam-ra needs a map with exactly one of caBundlePem or acmPcaArn");
        return;
    }
    if (typeof ira !== "object" || problems.touches(key)) return;
    const given = (["caBundlePem", "acmPcaArn"] as const).filter((name) => ira[name] !== undefined);
    if (given.length !== 1) {
        problems.add(key, `has ${given.length === 0 ? "neither" : "both"} caBundlePem and acmPcaArn; give exactly one of them`);
    }
    if (typeof ira.caBundlePem === "string" && !ira.caBundlePem.includes("-----BEGIN CERTIFICATE-----")) {
        problems.add(`${key}.caBundlePem`, "is not a PEM bundle; expected text with -----BEGIN CERTIFICATE-----");
    }
}

function checkCloudNodeGroup(hub: HubArgs, root: string, problems: Problems): void {
    const group = hub.cloudNodeGroup;
    if (!group || typeof group !== "object" || problems.touches(`${root}.cloudNodeGroup`)) return;
    const { minSize, desiredSize, maxSize, maxPods, instanceTypes } = cloudNodeGroupSizes(group);
    if (!(minSize <= desiredSize && desiredSize <= maxSize)) {
        problems.add(
            `${root}.cloudNodeGroup`,
            `minSize ${minSize}, desiredSize ${desiredSize}, maxSize ${maxSize} are out of order; need minSize <= desiredSize <= maxSize`,
        );
    }
    if (hub.endpointAccess === EndpointAccess.Public && (hub.vpc?.egress ?? DEFAULT_EGRESS) === EgressMode.None) {
        problems.add(
            `${root}.cloudNodeGroup`,
            "has no way out of the VPC: with endpointAccess public the cloud nodes reach the API endpoint and ECR over the " +
                "internet, and vpc.egress is none; set vpc.egress to nat-gateway or nat-gateway-per-zone (new VPC) or existing",
        );
    }
    if (hub.customNetworking !== undefined && maxPods === undefined && customNetworkingMaxPods(instanceTypes) === undefined) {
        problems.add(
            `${root}.cloudNodeGroup.maxPods`,
            `missing; with custom networking the nodes need max pods, and ${instanceTypes.join(", ")} has no known ENI limits ` +
                `here: set maxPods to (ENIs - 1) x (IPv4 addresses per ENI - 1) + 2`,
        );
    }
}

/** Without the creator's admin, someone must be admin before the hub applies its Kubernetes objects. */
function checkClusterAdmin(hub: HubArgs, root: string, problems: Problems): void {
    const key = `${root}.clusterCreatorAdmin`;
    if (hub.clusterCreatorAdmin !== false || problems.touches(key)) return;
    if (hub.kubernetesObjects !== false && (!Array.isArray(hub.clusterAdmins) || hub.clusterAdmins.length === 0))
        problems.add(
            key,
            "false leaves the cluster without an admin, yet the hub applies Kubernetes objects: list the deployer's role in " +
                "clusterAdmins and sign the kubeconfig as it (kubeconfig.roleArn), or keep true",
        );
}
