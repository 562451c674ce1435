import { Problem, Problems, show } from "../../components/config/problems";
import { HubArgs } from "../../components/hub/hubArgs";
import { HUB_CONFIG_KEY } from "../../components/hub/validateHub";
import { checkDisjoint, checkSiteRanges, KeyedCidr } from "../../components/network/addressPlan";
import { cidr, contains } from "../../components/network/cidr";
import { GatewayType, PodNetworkingMode } from "../../components/network/enums";
import { siteNodeCount, SiteStackConfig } from "../../components/site/siteArgs";
import { AWS_QUOTAS, quotaLimit, quotaText } from "../../components/network/quotas";
import { NodeCredentials, SsmInstanceTier } from "../../components/cluster/enums";
import { DEFAULT_AMAZON_SIDE_ASN, zoneCount } from "../../components/network/networkArgs";
import { DEFAULT_CILIUM_BGP } from "../../components/cilium/ciliumValues";
import { checkNodesForCredentials, checkSitePodNetworking, SITE_CONFIG_KEY } from "../../components/site/validateSite";
import { podNetworkingModeOf } from "../../components/gateway/gatewaySettings";
import { StackFile } from "./stackFolder";
import { checkStackConfig, KIND_KEY, StackKind } from "../../program/stackConfig";
import { nodeSkewProblem } from "../../components/cluster/versionSkew";
import { today, versionWarning } from "../../components/cluster/supportCalendar";
import { corednsInstalled, DEFAULT_COREDNS_REPLICAS } from "../../components/cluster/corednsSettings";


interface HubStack {
    file: string;
    stack: string;
    hub: HubArgs;
    region: string;
}
interface SiteStack {
    file: string;
    stack: string;
    site: SiteStackConfig;
    region: string;
}

/** Which rules between stacks apply. */
export interface FolderRuleOptions {
    /**
     * The stacks are only refreshed or taken down: the rules about what a fleet needs to work (one
     * site per virtual private gateway) are left out, so a fleet that predates them can still go.
     */
    removing?: boolean;
}

/** What `npm run validate` found: every problem, or a one-line summary per stack. */
export interface FolderReport {
    problems: readonly Problem[];
    summaries: string[];
    /** What is allowed but should be looked at (a version in extended support), with its file. */
    warnings: string[];
}

/**
 * Every rule of docs/CONFIG.md over a folder of stack files: each stack on its own, then the rules
 * between stacks — sites inside their hub's supernets and not overlapping each other, unique
 * site names and VPN server IPs, tunnel inside CIDRs unique per gateway, at most one site on a
 * virtual private gateway (it does not forward between static VPNs), no ASN clash with the gateway,
 * a hubStack that exists.
 */
export function validateFolder(files: readonly StackFile[], problems = new Problems(), options: FolderRuleOptions = {}): FolderReport {
    const hubs: HubStack[] = [];
    const sites: SiteStack[] = [];
    // Refreshing or taking a stack down must still work once its Kubernetes version is past support.
    const own = new Problems();
    for (const file of files) {
        const stack = checkStackConfig(file.config, `${file.file}: `, own);
        const region = String(file.config["aws:region"] ?? "");
        if (stack?.kind === StackKind.Hub) hubs.push({ file: file.file, stack: file.stack, hub: stack.hub, region });
        if (stack?.kind === StackKind.Site) sites.push({ file: file.file, stack: file.stack, site: stack.site, region });
    }
    for (const p of own.all) {
        const pastSupport = p.key.endsWith(".kubernetesVersion") && p.message.includes("end of EKS extended support");
        if (!(options.removing && pastSupport)) problems.add(p.key, p.message);
    }
    checkHubStacksExist(files, problems);

    // The rules between stacks need stacks that are valid on their own.
    const byHub = new Map<HubStack, SiteStack[]>(hubs.map((h) => [h, []]));
    for (const site of sites) {
        const hub = findHub(hubs, site.site.hubStack);
        if (hub) byHub.get(hub)!.push(site);
    }
    for (const [hub, hubSites] of byHub) checkHubSites(hub, hubSites, problems, options);
    if (!options.removing) checkFleetQuotas(byHub, problems);

    return {
        problems: problems.all,
        summaries: problems.all.length > 0 ? [] : [...hubs.map((h) => hubSummary(h, byHub.get(h)!)), ...sites.map(siteSummary)],
        warnings: hubs.flatMap((h) => {
            const warning = versionWarning(h.hub.kubernetesVersion, today());
            const dns = corednsWarning(h.hub, byHub.get(h)!.length);
            return [
                ...(warning ? [`warning: ${h.file}: ${HUB_CONFIG_KEY}.kubernetesVersion: ${warning}`] : []),
                ...(dns ? [`warning: ${h.file}: ${HUB_CONFIG_KEY}.corednsReplicas: ${dns}`] : []),
            ];
        }),
    };
}

/**
 * Fewer CoreDNS replicas than zones with nodes (the cloud node group's zones and one per site):
 * with the kube-dns Service's traffic kept in the zone, a zone without a replica resolves across
 * the WAN, and a site whose link is down has no DNS (docs/design.md, "A site outage is a zone outage").
 */
function corednsWarning(hub: HubArgs, sites: number): string | undefined {
    const cloudZones = hub.cloudNodeGroup ? zoneCount(hub.vpc) : 0;
    if (!corednsInstalled(hub.coredns, hub.cloudNodeGroup !== undefined)) return undefined;
    const zones = cloudZones + sites;
    const replicas = hub.corednsReplicas ?? DEFAULT_COREDNS_REPLICAS;
    if (replicas >= zones) return undefined;
    return (
        `${replicas} CoreDNS replicas for ${zones} zones with nodes ` +
        `(${cloudZones} in the cloud, ${sites} site${sites === 1 ? "" : "s"}): ` +
        `a zone without one resolves across the WAN, and a site that loses its link loses DNS; set corednsReplicas to at least ${zones}`
    );
}


/** `hub`, `project/hub` and `org/project/hub` all name the stack `hub` of this project. */
function hubStackName(hubStack: string): string {
    return hubStack.split("/").pop()!;
}

function findHub(hubs: HubStack[], hubStack: string): HubStack | undefined {
    return hubs.find((h) => h.stack === hubStackName(hubStack));
}

/** Every site's hubStack names a hub stack file of the folder (valid or not: that is reported on its own). */
function checkHubStacksExist(files: readonly StackFile[], problems: Problems): void {
    const hubNames = files.filter((f) => f.config[KIND_KEY] === StackKind.Hub).map((f) => f.stack);
    for (const f of files) {
        const hubStack = (f.config[SITE_CONFIG_KEY] as Partial<SiteStackConfig> | undefined)?.hubStack;
        if (f.config[KIND_KEY] !== StackKind.Site || typeof hubStack !== "string") continue;
        if (!hubNames.includes(hubStackName(hubStack))) {
            problems.add(`${f.file}: ${SITE_CONFIG_KEY}.hubStack`, `${show(hubStack)} is not a hub stack of this folder; hub ` +
                `stacks here: ${hubNames.join(", ") || "none"}`);
        }
    }
}

const siteKey = (s: SiteStack, key: string) => `${s.file}: ${SITE_CONFIG_KEY}.${key}`;
const hubKey = (h: HubStack, key: string) => `${h.file}: ${HUB_CONFIG_KEY}.${key}`;

function checkHubSites(hub: HubStack, sites: SiteStack[], problems: Problems, options: FolderRuleOptions): void {
    const mode = podNetworkingModeOf(hub.hub.podNetworking);
    for (const s of sites) checkSitePodNetworking(s.site, mode, `${s.file}: ${SITE_CONFIG_KEY}`, `hub stack ${hub.stack}`, problems);
    checkSiteRanges(
        {
            node: hub.hub.remoteNodeNetworks.map(cidr),
            pod: hub.hub.remotePodNetworks.map(cidr),
            nodeKey: hubKey(hub, "remoteNodeNetworks"),
            podKey: hubKey(hub, "remotePodNetworks"),
        },
        sites.map((s) => ({
            node: { key: siteKey(s, "nodeCidr"), cidr: cidr(s.site.nodeCidr) },
            ...(s.site.podCidr === undefined ? {} : { pod: { key: siteKey(s, "podCidr"), cidr: cidr(s.site.podCidr) } }),
        })),
        problems,
    );
    checkLoadBalancerCidrs(hub, sites, problems);
    unique(sites, (s) => s.site.name, (s) => siteKey(s, "name"), "site names must be unique", problems);
    unique(sites, (s) => s.site.vpnServer.publicIp, (s) => siteKey(s, "vpnServer.publicIp"), "each site needs its own VPN server " +
        "address", problems);

    const inside: KeyedCidr[] = sites.flatMap((s) =>
        (s.site.tunnels?.insideCidrs ?? []).map((text, i) => ({ key: siteKey(s, `tunnels.insideCidrs[${i}]`), cidr: cidr(text) })),
    );
    checkDisjoint(inside, "tunnel inside CIDRs must be unique on one gateway", problems);

    if (hub.hub.gateway.type === GatewayType.Vgw && sites.length > 1 && !options.removing) {
        problems.add(
            hubKey(hub, "gateway.type"),
            `"vgw" cannot carry ${sites.length} sites (${sites.map((s) => s.site.name).join(", ")}): a virtual private gateway ` +
                "forwards between VPN connections only over BGP (VPN CloudHub), and the sites' VPNs use static routes, so their " +
                "nodes and pods could not reach each other; use gateway.type: tgw (its route table forwards between the sites), " +
                "or one site per hub",
        );
    }
    if ((hub.hub.cilium?.bgp ?? DEFAULT_CILIUM_BGP) === false) {
        for (const s of sites.filter((s) => s.site.bgp !== undefined)) {
            problems.add(
                siteKey(s, "bgp"),
                `is set but ${hub.file} has cilium.bgp: false, so Cilium runs without its BGP control plane and the peering would ` +
                    `never come up; remove bgp here or turn cilium.bgp on in the hub`,
            );
        }
    }
    const amazonAsn = hub.hub.gateway.amazonSideAsn ?? DEFAULT_AMAZON_SIDE_ASN;
    for (const s of sites) {
        if (s.site.vpnServer.asn === amazonAsn) {
            const source = hub.hub.gateway.amazonSideAsn === undefined ? "its default" : `${HUB_CONFIG_KEY}.gateway.amazonSideAsn`;
            problems.add(
                siteKey(s, "vpnServer.asn"),
                `${amazonAsn} is the Amazon-side ASN of ${hub.file} (${source}); the customer gateway needs a different ASN`,
            );
        }
        checkNodesForCredentials(hub.hub.nodeCredentials, s.site, siteKey(s, "nodes.hosts"), hub.file, problems);
        // A site's VPN attaches to its hub's gateway, which lives in the hub's Region (a file without
        // aws:region takes the environment's).
        if (s.region !== "" && hub.region !== "" && s.region !== hub.region) {
            problems.add(
                `${s.file}: aws:region`,
                `${show(s.region)} is not the Region of its hub ${hub.file} (${show(hub.region)}); a site's ` +
                    "VPN attaches to the hub's gateway there: use the hub's aws:region",
            );
        }
        const nodeVersion = s.site.nodes.kubernetesVersion;
        const skew = nodeVersion === undefined ? undefined : nodeSkewProblem(nodeVersion, hub.hub.kubernetesVersion);
        if (skew) problems.add(siteKey(s, "nodes.kubernetesVersion"), `${show(nodeVersion)} ${skew} (${hub.file})`);
    }
}

/** Each site's load balancer CIDR inside one of the hub's loadBalancerNetworks, and no two sites' overlapping. */
function checkLoadBalancerCidrs(hub: HubStack, sites: SiteStack[], problems: Problems): void {
    const networks = (hub.hub.loadBalancerNetworks ?? []).map(cidr);
    const keyed: KeyedCidr[] = [];
    for (const s of sites.filter((x) => x.site.loadBalancerCidr !== undefined)) {
        const range = { key: siteKey(s, "loadBalancerCidr"), cidr: cidr(s.site.loadBalancerCidr!) };
        keyed.push(range);
        if (!networks.some((n) => contains(n, range.cidr)))
            problems.add(
                range.key,
                networks.length === 0
                    ? `${show(range.cidr.text)} needs ${hub.file} to list the supernets the sites' load balancer CIDRs come from ` +
                          `(${HUB_CONFIG_KEY}.loadBalancerNetworks), so the VPC and the other sites route to it`
                    : `${show(range.cidr.text)} is outside ${hub.file}'s loadBalancerNetworks (${networks.map((n) => n.text).join(", ")})`,
            );
    }
    checkDisjoint(keyed, "each site needs load balancer addresses of its own", problems);
}

/**
 * What AWS's quotas allow a fleet: customer gateways and VPN connections per account and Region
 * (all hubs of a Region together), a transit gateway's attachments and routes, and Systems
 * Manager's standard tier of 1,000 hybrid nodes per account and Region.
 */
function checkFleetQuotas(byHub: Map<HubStack, SiteStack[]>, problems: Problems): void {
    const regions = new Map<string, { hubs: HubStack[]; sites: SiteStack[] }>();
    for (const [hub, sites] of byHub) {
        const entry = regions.get(hub.region) ?? { hubs: [], sites: [] };
        entry.hubs.push(hub);
        entry.sites.push(...sites);
        regions.set(hub.region, entry);
    }
    for (const [region, { hubs, sites }] of regions) {
        const first = hubs[0];
        for (const [key, what] of [
            ["vpnConnections", "Site-to-Site VPN connections"],
            ["customerGateways", "customer gateways"],
        ] as const) {
            const stated = Math.max(...hubs.map((h) => h.hub.quotas?.[key] ?? 0));
            const raised = stated > 0 ? stated : undefined;
            if (sites.length > (raised ?? AWS_QUOTAS[key].default)) {
                problems.add(
                    hubKey(first, `quotas.${key}`),
                    `${sites.length} sites in ${region} need ${sites.length} ${what}; ${quotaText(key, raised)}`,
                );
            }
        }
        const ssmHubs = hubs.filter((h) => h.hub.nodeCredentials === NodeCredentials.Ssm);
        const ssmNodes = sites
            .filter((s) => ssmHubs.some((h) => h.stack === hubStackName(s.site.hubStack)))
            .reduce((n, s) => n + siteNodeCount(s.site), 0);
        const advanced = ssmHubs.some((h) => h.hub.ssmInstanceTier === SsmInstanceTier.Advanced);
        if (ssmNodes > AWS_QUOTAS.ssmStandardNodes.default && !advanced) {
            problems.add(
                hubKey(ssmHubs[0], "ssmInstanceTier"),
                `${ssmNodes} hybrid nodes in ${region} register with SSM activations, more than the ` +
                    `${AWS_QUOTAS.ssmStandardNodes.default} "${AWS_QUOTAS.ssmStandardNodes.name}"; set ssmInstanceTier: advanced ` +
                    "(charged per node hour, see AWS Systems Manager pricing), or use nodeCredentials: iam-ra",
            );
        }
    }
    for (const [hub, sites] of byHub) {
        if (hub.hub.gateway.type !== GatewayType.Tgw) continue;
        const attachments = sites.length + 1;
        if (attachments > AWS_QUOTAS.transitGatewayAttachments.default) {
            problems.add(
                hubKey(hub, "gateway.type"),
                `${sites.length} sites and the VPC need ${attachments} attachments on one transit gateway; ` +
                    `${quotaText("transitGatewayAttachments")}: split the sites over hubs`,
            );
        }
        // Two static routes per site (three with a load balancer CIDR), and the VPC's CIDRs propagated into the same table.
        const serving = sites.filter((x) => x.site.loadBalancerCidr !== undefined).length;
        const routes = 2 * sites.length + serving + 1 + (hub.hub.customNetworking ? 1 : 0);
        const raised = hub.hub.quotas?.transitGatewayRoutes;
        if (routes > quotaLimit("transitGatewayRoutes", hub.hub.quotas)) {
            problems.add(
                hubKey(hub, "quotas.transitGatewayRoutes"),
                `${sites.length} sites need ${routes} routes in the transit gateway's route table; ` +
                    quotaText("transitGatewayRoutes", raised),
            );
        }
    }
}

/** Reports every later holder of a value that an earlier one already has. */
function unique<T>(items: T[], value: (t: T) => string, key: (t: T) => string, rule: string, problems: Problems): void {
    const first = new Map<string, T>();
    for (const item of items) {
        const seen = first.get(value(item));
        if (seen) problems.add(key(item), `${show(value(item))} is also ${key(seen)}; ${rule}`);
        else first.set(value(item), item);
    }
}

function hubSummary(h: HubStack, sites: SiteStack[]): string {
    const hub = h.hub;
    const stage = [
        ...(hub.temporaryPublicAccessCidrs ? [`bootstrap window for ${hub.temporaryPublicAccessCidrs.join(" ")}`] : []),
        ...(hub.kubernetesObjects === false ? ["no Kubernetes objects yet"] : []),
    ];
    return (
        `${h.stack} (hub): cluster ${hub.clusterName} ${hub.kubernetesVersion}, ${hub.gateway.type}, ${hub.endpointAccess} endpoint` +
        `${stage.map((s) => ` (${s})`).join("")}, ${hub.nodeCredentials}, nodes ${hub.remoteNodeNetworks.join(" ")}, ` +
        `pods ${hub.remotePodNetworks.join(" ")}` +
        `${podNetworkingModeOf(hub.podNetworking) === PodNetworkingMode.Gateway ? " (Hybrid Nodes gateway)" : ""}, ` +
        `${sites.length} site${sites.length === 1 ? "" : "s"}`
    );
}

function siteSummary(s: SiteStack): string {
    const site = s.site;
    return (
        `${s.stack} (site ${site.name} of ${site.hubStack}): nodes ${site.nodeCidr}, ` +
        `${site.podCidr === undefined ? "pods from the hub's cluster pool" : `pods ${site.podCidr} /${site.podMaskSize}`}, ` +
        `VPN ${site.vpnServer.publicIp} AS${site.vpnServer.asn}, ${siteNodeCount(site)} node${siteNodeCount(site) === 1 ? "" : "s"}`
    );
}
