import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { SITE_LABEL_KEY } from "../cilium/names";
import { SiteCilium } from "../cilium/siteCilium";
import { SITE_API_ADVICE, whenApiReachable } from "../cluster/apiReachability";
import { NodeCredentials } from "../cluster/enums";
import { OWNER_TAG } from "../config/ownerTags";
import { ArgumentsError } from "../config/argumentsError";
import { knownView } from "../config/knownValues";
import { Problems } from "../config/problems";
import { checkFleetJoin, joinFleet } from "./fleetRegistry";
import { DEFAULT_KUBERNETES_OBJECTS } from "../hub/hubConfigSchema";
import { HubSiteOutputs } from "../hub/hubOutputs";
import { GatewayType, PodNetworkingMode } from "../network/enums";
import { hubCidrs, otherSiteNetworks } from "../network/otherSites";
import { DEFAULT_IPSEC_MODE } from "../onprem/enums";
import { bgpPasswordProblem } from "../onprem/bgpPassword";
import { NodeConfigInputs, renderNodeConfig } from "../onprem/nodeConfig";
import { renderRouterConfig } from "../onprem/routerConfig";
import { renderUpgradeRunbook } from "../onprem/upgradeRunbook";
import { renderVpnServerConfig } from "../onprem/vpnServerConfig";
import { CustomerGateway } from "../vpn/customerGateway";
import { SiteVpn } from "../vpn/siteVpn";
import { resolveTunnelOptions } from "../vpn/tunnelOptions";
import { activationClock, activationExpiry as windowExpiry, DEFAULT_ACTIVATION_RENEW_DAYS } from "./activationWindow";
import { DEFAULT_ACTIVATION_DAYS, siteNodeCount, SiteSettings } from "./siteArgs";
import { siteSettingsSchema } from "./siteConfigSchema";
import { siteOutputs, SiteStackOutputs } from "./siteOutputs";
import { renderChecked } from "./hubOutputValues";
import { checkNodesForCredentials, checkSitePodNetworking, checkSite } from "./validateSite";

/** What a site needs from the hub: the hub's outputs (see HubSiteOutputs). */
// An interface, not an alias: the component schema names the Site's `hub` argument after it.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SiteHubArgs extends HubSiteOutputs {}

/** Arguments of {@link Site}. */
export interface SiteArgs {
    /** The site's settings (the `eks-hybrid:site` stack config). */
    site: SiteSettings;
    /** The hub's outputs. */
    hub: SiteHubArgs;
    /**
     * When the SSM activation expires (RFC 3339). Default: the renewal window's date (at most
     * `nodes.activationDays` ahead, more than `nodes.activationRenewDays` left), the same on every run
     * until the window turns, when the activation is renewed.
     */
    activationExpiry?: string;
    /** BGP password shared by the site's nodes and router (secret); only with `site.bgp`. */
    bgpPassword?: pulumi.Input<string>;
}

/**
 * One on-prem site: its customer gateway, its Site-to-Site VPN with the two static routes, its
 * Cilium pod pool and BGP peering, its nodes' credentials (an SSM activation, or per-host IAM
 * Roles Anywhere settings) and a nodeadm NodeConfig per site and per listed host. Its Cilium
 * objects go through one Kubernetes provider built from the hub's kubeconfig.
 */
export class Site extends pulumi.ComponentResource implements SiteStackOutputs {
    /** Customer gateway id. */
    public readonly customerGatewayId: pulumi.Output<string>;
    /** VPN connection id. */
    public readonly vpnConnectionId: pulumi.Output<string>;
    /** AWS outside address of tunnel 1. */
    public readonly tunnel1Address: pulumi.Output<string>;
    /** AWS outside address of tunnel 2. */
    public readonly tunnel2Address: pulumi.Output<string>;
    /** Pre-shared key of tunnel 1 (secret). */
    public readonly tunnel1PresharedKey: pulumi.Output<string>;
    /** Pre-shared key of tunnel 2 (secret). */
    public readonly tunnel2PresharedKey: pulumi.Output<string>;
    /** SSM activation id (empty with iam-ra). */
    public readonly activationId: pulumi.Output<string>;
    /** SSM activation code (secret; empty with iam-ra). */
    public readonly activationCode: pulumi.Output<string>;
    /** When the SSM activation expires (empty with iam-ra). */
    public readonly activationExpiry: pulumi.Output<string>;
    /** Registrations the SSM activation has left (-1 with iam-ra). */
    public readonly activationRegistrationsLeft: pulumi.Output<number>;
    /** The site's Kubernetes upgrade runbook (Markdown). */
    public readonly upgradeRunbook: pulumi.Output<string>;
    /** The site's NodeConfig YAML (secret); with iam-ra a template without nodeName. */
    public readonly nodeConfig: pulumi.Output<string>;
    /** NodeConfig YAML per listed host (secret). */
    public readonly hostNodeConfigs: pulumi.Output<{ [host: string]: string }>;
    /** The node label (`key=value`) that puts a node in this site. */
    public readonly nodeLabel: pulumi.Output<string>;
    /** Name of the site's CiliumPodIPPool (empty while the hub applies no Kubernetes objects). */
    public readonly podPoolName: pulumi.Output<string>;
    /** Whether the site's Cilium objects are applied (the hub's `kubernetesObjects`). */
    public readonly kubernetesObjects: pulumi.Output<boolean>;
    /** The hub's pod networking: `routed` or `gateway`. */
    public readonly podNetworkingMode: pulumi.Output<string>;
    /** The VPN server's files by path (strongSwan config, updown and setup scripts): secret, they hold the keys. */
    public readonly vpnServerConfig: pulumi.Output<{ [path: string]: string }>;
    /** The site router's frr.conf (empty without BGP); secret when it holds a password. */
    public readonly routerConfig: pulumi.Output<string>;
    /** How the site's nodes get AWS credentials: `ssm` or `iam-ra`. */
    public readonly nodeCredentials: pulumi.Output<string>;
    /** The Kubernetes version the site's nodes install: nodes.kubernetesVersion, else the cluster's. */
    public readonly nodeKubernetesVersion: pulumi.Output<string>;

    constructor(name: string, args: SiteArgs, opts?: pulumi.ComponentResourceOptions) {
        checkSiteArgs(name, args);
        super("eks-hybrid-sites:index:Site", name, {}, opts);
        const { site, hub } = args;
        const step: SiteStep = { name, args, parent: this, tags: { ...site.tags, [OWNER_TAG.site]: site.name } };

        const vpn = registerVpn(step);
        this.customerGatewayId = vpn.customerGatewayId;
        this.vpnConnectionId = vpn.vpnConnectionId;
        this.tunnel1Address = vpn.tunnel1Address;
        this.tunnel2Address = vpn.tunnel2Address;
        this.tunnel1PresharedKey = vpn.tunnel1PresharedKey;
        this.tunnel2PresharedKey = vpn.tunnel2PresharedKey;

        this.podPoolName = registerCilium(step);
        this.kubernetesObjects = pulumi.output(hub.kubernetesObjects ?? DEFAULT_KUBERNETES_OBJECTS);
        this.podNetworkingMode = pulumi.output(hub.podNetworkingMode ?? PodNetworkingMode.Routed);

        const credentials = registerNodeCredentials(step);
        this.activationId = credentials.activationId;
        this.activationCode = credentials.activationCode;
        this.activationExpiry = credentials.activationExpiry;
        this.activationRegistrationsLeft = credentials.activationRegistrationsLeft;

        const render = (host?: string) => nodeConfigFor(step, credentials.forHost(host));
        this.nodeConfig = pulumi.secret(render());
        this.hostNodeConfigs = pulumi.secret(pulumi.all(Object.fromEntries((site.nodes.hosts ?? []).map((h) => [h.name, render(h.name)]))));
        this.nodeLabel = pulumi.output(`${SITE_LABEL_KEY}=${site.name}`);
        this.upgradeRunbook = upgradeRunbookFor(step);
        this.nodeCredentials = pulumi.output(hub.nodeCredentials);
        this.nodeKubernetesVersion = pulumi.output(site.nodes.kubernetesVersion ?? hub.kubernetesVersion);

        const networks = siteNetworks(step);
        this.vpnServerConfig = pulumi.secret(vpnServerFiles(step, vpn, networks));
        this.routerConfig = routerConfigFor(step, networks);
        this.registerOutputs(siteOutputs(this));
    }
}

/** What every step of a Site's construction starts from. */
interface SiteStep {
    readonly name: string;
    readonly args: SiteArgs;
    /** The Site component: every child's parent. */
    readonly parent: pulumi.ComponentResource;
    /** The site's tags, its owner tag included. */
    readonly tags: Record<string, string>;
}

/** Every rule of a Site's own arguments, its hub's outputs and (given a Hub of this program) its fleet; throws an ArgumentsError. */
function checkSiteArgs(name: string, args: SiteArgs): void {
    const problems = new Problems();
    const { view, unknown } = knownView(args.site, "args.site", [], problems);
    checkSite(view, "args.site", problems, siteSettingsSchema, unknown);
    checkSiteAgainstHub(args, problems);
    // The fleet's rules only for a Site whose own settings hold: the others compare its ranges.
    if (problems.all.length === 0) checkFleetJoin(args.hub, name, args.site, problems);
    if (problems.all.length > 0) throw new ArgumentsError(`invalid arguments of Site "${name}"`, problems.all);
    joinFleet(args.hub, name, args.site);
}

/** The customer gateway and the Site-to-Site VPN with its static routes, alarms and logs. */
function registerVpn({ name, args, parent, tags }: SiteStep): SiteVpn & { customerGatewayId: pulumi.Output<string> } {
    const { site, hub } = args;
    const cgw = new CustomerGateway(
        `${name}-gateway`,
        {
            publicIp: site.vpnServer.publicIp,
            asn: site.vpnServer.asn,
            deviceName: site.vpnServer.deviceName ?? `${site.name}-vpn`,
            tags,
        },
        { parent },
    );
    const vpn = new SiteVpn(
        `${name}-vpn`,
        {
            customerGatewayId: cgw.customerGatewayId,
            gatewayType: hub.gatewayType,
            gatewayId: hub.gatewayId,
            transitGatewayRouteTableId: hub.transitGatewayRouteTableId,
            nodeCidr: site.nodeCidr,
            podCidr: site.podCidr,
            loadBalancerCidr: site.loadBalancerCidr,
            tunnels: site.tunnels,
            protect: site.protect,
            monitoring: {
                alertTopicArn: site.monitoring?.alertTopicArn ?? hub.alertTopicArn ?? "",
                tunnelDownMinutes: site.monitoring?.tunnelDownMinutes,
                logRetentionDays: site.monitoring?.logRetentionDays,
                // Log group names are unique per account and region: two clusters may have a site of one name.
                logGroupName: pulumi.interpolate`/aws/vpn/${hub.clusterName}/${site.name}`,
            },
            tags,
        },
        { parent },
    );
    return Object.assign(vpn, { customerGatewayId: cgw.customerGatewayId });
}

/** The site's Cilium pod pool and BGP peering, through a provider of the hub's kubeconfig; its pool's name, or "". */
function registerCilium({ name, args, parent }: SiteStep): pulumi.Output<string> {
    const { site, hub } = args;
    // The hub's CRDs come first: while the hub applies no Kubernetes objects, neither does a site.
    if (!(hub.kubernetesObjects ?? DEFAULT_KUBERNETES_OBJECTS)) return pulumi.output("");
    const kubernetes = new k8s.Provider(`${name}-k8s`, { kubeconfig: whenApiReachable(hub.kubeconfig, SITE_API_ADVICE) }, { parent });
    const cilium = new SiteCilium(
        `${name}-cilium`,
        {
            site: site.name,
            podCidr: site.podCidr,
            podMaskSize: site.podMaskSize,
            bgp: site.bgp,
            bgpPassword: args.bgpPassword,
            loadBalancerCidr: site.loadBalancerCidr,
        },
        { parent, providers: { kubernetes } },
    );
    return cilium.poolName;
}

/** How the site's nodes join: the SSM activation's outputs, and the credentials of a NodeConfig per host. */
interface NodeCredentialOutputs {
    readonly activationId: pulumi.Output<string>;
    readonly activationCode: pulumi.Output<string>;
    readonly activationExpiry: pulumi.Output<string>;
    readonly activationRegistrationsLeft: pulumi.Output<number>;
    /** The credentials section of the NodeConfig of `host`, or of the site's template without one. */
    forHost(host?: string): pulumi.Output<Pick<NodeConfigInputs, "ssm" | "iamRolesAnywhere">>;
}

/** The SSM activation (with ssm), or the hub's IAM Roles Anywhere ARNs per host (with iam-ra). */
function registerNodeCredentials({ name, args, parent, tags }: SiteStep): NodeCredentialOutputs {
    const { site, hub } = args;
    if (hub.nodeCredentials !== NodeCredentials.Ssm) {
        return {
            activationId: pulumi.output(""),
            activationCode: pulumi.output(""),
            activationExpiry: pulumi.output(""),
            activationRegistrationsLeft: pulumi.output(-1),
            forHost: (host) =>
                pulumi
                    .output({ trustAnchorArn: hub.trustAnchorArn ?? "", profileArn: hub.profileArn ?? "", roleArn: hub.hybridNodeRoleArn })
                    .apply((arns) => ({
                        // Without a host this is the site's template: nodeName is the host's certificate CN.
                        iamRolesAnywhere: { ...(host === undefined ? {} : { nodeName: host }), ...arns },
                    })),
        };
    }
    // No ignoreChanges on the date: it would carry the first date into every replacement. The
    // date is the renewal window's instead (activationWindow.ts), the same on every run of the
    // window and with more than activationRenewDays left, so any replacement is born valid.
    const generation = site.nodes.activationGeneration ?? 0;
    const suffix = generation > 0 ? `-g${generation}` : "";
    const activation = new aws.ssm.Activation(
        `${name}-activation${suffix}`,
        {
            name: pulumi.interpolate`${hub.clusterName}-${site.name}${suffix}`,
            description: `Hybrid nodes of site ${site.name}`,
            iamRole: hub.hybridNodeRoleName,
            registrationLimit: siteNodeCount(site),
            expirationDate:
                args.activationExpiry ??
                windowExpiry(
                    (activationClock.now ?? Date.now)(),
                    site.name,
                    site.nodes.activationDays ?? DEFAULT_ACTIVATION_DAYS,
                    site.nodes.activationRenewDays ?? DEFAULT_ACTIVATION_RENEW_DAYS,
                ),
            // The node role may deregister only instances carrying its cluster's ARN.
            tags: pulumi.output(hub.clusterArn).apply((arn) => ({ ...tags, EKSClusterARN: arn })),
        },
        {
            parent,
            // The provider does not mark the code secret: without this it sits in the state in clear.
            additionalSecretOutputs: ["activationCode"],
        },
    );
    return {
        activationId: activation.id,
        activationCode: pulumi.secret(activation.activationCode),
        activationExpiry: activation.expirationDate,
        activationRegistrationsLeft: pulumi
            .output({ limit: activation.registrationLimit, count: activation.registrationCount })
            .apply(({ limit, count }) => (limit ?? 0) - (count ?? 0)),
        forHost: () => pulumi.output({ activationId: activation.id, activationCode: activation.activationCode }).apply((ssm) => ({ ssm })),
    };
}

/** The nodeadm NodeConfig of the site (its template) or of one host, checked against the CRD. */
function nodeConfigFor({ name, args }: SiteStep, credentials: pulumi.Output<Pick<NodeConfigInputs, "ssm" | "iamRolesAnywhere">>) {
    const { site, hub } = args;
    return pulumi
        .output({ clusterName: hub.clusterName, region: hub.region, creds: credentials, podIdentity: hub.podIdentity ?? false })
        .apply(({ clusterName, region, creds, podIdentity }) => {
            const ra = creds.iamRolesAnywhere;
            const arns = ra ? { trustAnchorArn: ra.trustAnchorArn, profileArn: ra.profileArn, hybridNodeRoleArn: ra.roleArn } : {};
            return renderChecked(name, { clusterName, region, ...arns }, () =>
                renderNodeConfig({ clusterName, region, site: site.name, ...creds, enableCredentialsFile: podIdentity }),
            );
        });
}

/** The site's Kubernetes upgrade runbook. */
function upgradeRunbookFor({ name, args }: SiteStep): pulumi.Output<string> {
    const { site, hub } = args;
    return pulumi
        .output({ clusterName: hub.clusterName, kubernetesVersion: hub.kubernetesVersion })
        .apply(({ clusterName, kubernetesVersion }) =>
            renderChecked(name, { clusterName, kubernetesVersion }, () =>
                renderUpgradeRunbook({
                    site: site.name,
                    clusterName,
                    clusterVersion: kubernetesVersion,
                    nodeVersion: site.nodes.kubernetesVersion,
                    credentials: hub.nodeCredentials,
                    maxUnavailable: site.nodes.upgradeMaxUnavailable ?? 1,
                }),
            ),
        );
}

/** The networks the site's VPN server and router route to AWS: the hub's VPC and every other site's. */
interface SiteNetworks {
    readonly vpcCidrs: pulumi.Output<string[]>;
    readonly otherSiteCidrs: pulumi.Output<string[]>;
}

function siteNetworks({ name, args }: SiteStep): SiteNetworks {
    const { site, hub } = args;
    // Every other site's nodes and pods, through the tunnels as the VPC is (the transit gateway forwards them).
    const own = [site.nodeCidr, site.podCidr, site.loadBalancerCidr].filter((c): c is string => c !== undefined);
    // With AWS's gateway no site routes pods: pod traffic between sites is VXLAN between their nodes.
    const routedPods = (hub.podNetworkingMode ?? PodNetworkingMode.Routed) === PodNetworkingMode.Routed;
    const otherSiteCidrs = pulumi
        .output({ nodes: hub.remoteNodeNetworks, pods: routedPods ? hub.remotePodNetworks : [], services: hub.loadBalancerNetworks ?? [] })
        // A hub deployed before it exported loadBalancerNetworks hands on an Output of undefined.
        .apply(({ nodes, pods, services }) =>
            renderChecked(name, {}, () => otherSiteNetworks([...nodes, ...pods, ...(services ?? [])], own)),
        );
    const vpcCidrs = pulumi.output(hub.vpcCidrs).apply((c) => renderChecked(name, {}, () => hubCidrs(c, "vpcCidrs")));
    return { vpcCidrs, otherSiteCidrs };
}

/** The VPN server's files by path: strongSwan's config with both tunnels' keys, the updown and setup scripts. */
function vpnServerFiles({ name, args }: SiteStep, vpn: SiteVpn, networks: SiteNetworks): pulumi.Output<{ [path: string]: string }> {
    const { site } = args;
    const tunnel = (n: 1 | 2) =>
        pulumi.output({
            outsideAddress: n === 1 ? vpn.tunnel1Address : vpn.tunnel2Address,
            presharedKey: n === 1 ? vpn.tunnel1PresharedKey : vpn.tunnel2PresharedKey,
            cgwInsideAddress: n === 1 ? vpn.tunnel1CgwInsideAddress : vpn.tunnel2CgwInsideAddress,
            vgwInsideAddress: n === 1 ? vpn.tunnel1VgwInsideAddress : vpn.tunnel2VgwInsideAddress,
        });
    return pulumi
        .output({ tunnel1: tunnel(1), tunnel2: tunnel(2), vpcCidrs: networks.vpcCidrs, others: networks.otherSiteCidrs })
        .apply(({ tunnel1, tunnel2, vpcCidrs, others }) =>
            renderChecked(name, {}, () =>
                Object.fromEntries(
                    renderVpnServerConfig({
                        site: site.name,
                        mode: site.vpnServer.ipsecMode ?? DEFAULT_IPSEC_MODE,
                        localId: site.vpnServer.publicIp,
                        localAddress: site.vpnServer.localAddress,
                        nodeCidr: site.nodeCidr,
                        firewall: site.vpnServer.firewall,
                        vpcCidrs,
                        otherSiteCidrs: others,
                        podCidr: site.podCidr,
                        loadBalancerCidr: site.loadBalancerCidr,
                        podRouter: podRouter(site),
                        tunnels: [tunnel1, tunnel2],
                        options: resolveTunnelOptions(site.tunnels),
                    }).map((f) => [f.path, f.content]),
                ),
            ),
        );
}

/** The site router's frr.conf ("" without BGP); secret when it holds the BGP password. */
function routerConfigFor({ name, args }: SiteStep, networks: SiteNetworks): pulumi.Output<string> {
    const { site } = args;
    const bgp = site.bgp;
    const config = pulumi
        .output({ vpcCidrs: networks.vpcCidrs, others: networks.otherSiteCidrs, password: args.bgpPassword })
        .apply(({ vpcCidrs, others, password }) => {
            const problem = password === undefined ? undefined : bgpPasswordProblem(password);
            if (problem) throw new pulumi.RunError(`invalid arguments of Site "${name}": args.bgpPassword: ${problem}`);
            if (bgp === undefined) return "";
            return renderChecked(name, {}, () =>
                renderRouterConfig({
                    site: site.name,
                    ...bgp,
                    nodeCidr: site.nodeCidr,
                    hostAddresses: site.nodes.hosts?.map((h) => h.ip),
                    podCidr: site.podCidr,
                    podMaskSize: site.podMaskSize,
                    loadBalancerCidr: site.loadBalancerCidr,
                    password,
                    vpcCidrs,
                    otherSiteCidrs: others,
                    vpnServerAddress: site.vpnServer.lanAddress,
                }),
            );
        });
    return args.bgpPassword === undefined ? config : pulumi.secret(config);
}

/**
 * The VPN server's next hop for the site's pods: the BGP router, when the VPN server is another host
 * on the LAN (vpnServer.lanAddress). A VPN server that is the router learns the slices itself.
 */
function podRouter(site: SiteSettings): string | undefined {
    const router = site.bgp?.routerAddress;
    const lan = site.vpnServer.lanAddress;
    return router !== undefined && lan !== undefined && lan !== router ? router : undefined;
}

/** The rules that need both the site and what the hub says. */
function checkSiteAgainstHub(args: SiteArgs, problems: Problems): void {
    if (args.hub.gatewayType === GatewayType.Tgw && args.hub.transitGatewayRouteTableId === undefined) {
        problems.add(
            "args.hub.transitGatewayRouteTableId",
            "missing; with a transit gateway the site's routes go into the hub's transit gateway route table",
        );
    }
    if (args.bgpPassword !== undefined && args.site.bgp === undefined) {
        problems.add(
            "args.bgpPassword",
            "is set but args.site.bgp is not; a password needs a BGP peering, add site.bgp or drop the password",
        );
    }
    checkNodesForCredentials(args.hub.nodeCredentials, args.site, "args.site.nodes.hosts", "the hub", problems);
    checkSitePodNetworking(args.site, args.hub.podNetworkingMode ?? PodNetworkingMode.Routed, "args.site", "the hub", problems);
    if (args.hub.nodeCredentials === NodeCredentials.IamRolesAnywhere) {
        for (const key of ["trustAnchorArn", "profileArn"] as const) {
            if (args.hub[key] === undefined)
                problems.add(`args.hub.${key}`, "missing; IAM Roles Anywhere nodes need the hub's trust anchor and profile");
        }
    }
}
