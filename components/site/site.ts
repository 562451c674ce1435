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

    constructor(name: string, args: SiteArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = new Problems();
        const { view, unknown } = knownView(args.site, "args.site", [], problems);
        checkSite(view, "args.site", problems, siteSettingsSchema, unknown);
        checkSiteAgainstHub(args, problems);
        // The fleet's rules only for a Site whose own settings hold: the others compare its ranges.
        if (problems.all.length === 0) checkFleetJoin(args.hub, name, args.site, problems);
        if (problems.all.length > 0) throw new ArgumentsError(`invalid arguments of Site "${name}"`, problems.all);
        joinFleet(args.hub, name, args.site);

        super("eks-hybrid-sites:index:Site", name, {}, opts);
        const parent = { parent: this };
        const { site, hub } = args;
        const tags = { ...site.tags, [OWNER_TAG.site]: site.name };

        const cgw = new CustomerGateway(
            `${name}-gateway`,
            {
                publicIp: site.vpnServer.publicIp,
                asn: site.vpnServer.asn,
                deviceName: site.vpnServer.deviceName ?? `${site.name}-vpn`,
                tags,
            },
            parent,
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
            parent,
        );

        // The hub's CRDs come first: while the hub applies no Kubernetes objects, neither does a site.
        let poolName = pulumi.output("");
        if (hub.kubernetesObjects ?? DEFAULT_KUBERNETES_OBJECTS) {
            const kubernetes = new k8s.Provider(`${name}-k8s`, { kubeconfig: whenApiReachable(hub.kubeconfig, SITE_API_ADVICE) }, parent);
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
                { parent: this, providers: { kubernetes } },
            );
            poolName = cilium.poolName;
        }

        let activationId = pulumi.output("");
        let activationCode = pulumi.output("");
        let activationExpiry = pulumi.output("");
        let activationRegistrationsLeft = pulumi.output(-1);
        const hosts = site.nodes.hosts ?? [];
        let credentials: (host?: string) => pulumi.Output<Pick<NodeConfigInputs, "ssm" | "iamRolesAnywhere">>;
        if (hub.nodeCredentials === NodeCredentials.Ssm) {
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
                    parent: this,
                    // The provider does not mark the code secret: without this it sits in the state in clear.
                    additionalSecretOutputs: ["activationCode"],
                },
            );
            activationId = activation.id;
            activationCode = pulumi.secret(activation.activationCode);
            activationExpiry = activation.expirationDate;
            activationRegistrationsLeft = pulumi
                .all([activation.registrationLimit, activation.registrationCount])
                .apply(([limit, count]) => (limit ?? 0) - (count ?? 0));
            credentials = () =>
                pulumi
                    .all([activation.id, activation.activationCode])
                    .apply(([id, code]) => ({ ssm: { activationId: id, activationCode: code } }));
        } else {
            credentials = (host) =>
                pulumi
                    .all([hub.trustAnchorArn ?? "", hub.profileArn ?? "", hub.hybridNodeRoleArn])
                    .apply(([trustAnchorArn, profileArn, roleArn]) => ({
                        // Without a host this is the site's template: nodeName is the host's certificate CN.
                        iamRolesAnywhere: { ...(host === undefined ? {} : { nodeName: host }), trustAnchorArn, profileArn, roleArn },
                    }));
        }

        const render = (host?: string) =>
            pulumi
                .all([hub.clusterName, hub.region, credentials(host), hub.podIdentity ?? false])
                .apply(([clusterName, region, creds, podIdentity]) => {
                    const ra = creds.iamRolesAnywhere;
                    const arns = ra ? { trustAnchorArn: ra.trustAnchorArn, profileArn: ra.profileArn, hybridNodeRoleArn: ra.roleArn } : {};
                    return renderChecked(name, { clusterName, region, ...arns }, () =>
                        renderNodeConfig({ clusterName, region, site: site.name, ...creds, enableCredentialsFile: podIdentity }),
                    );
                });
        const perHost: { [host: string]: pulumi.Output<string> } = Object.fromEntries(hosts.map((h) => [h.name, render(h.name)]));

        this.customerGatewayId = cgw.customerGatewayId;
        this.vpnConnectionId = vpn.vpnConnectionId;
        this.tunnel1Address = vpn.tunnel1Address;
        this.tunnel2Address = vpn.tunnel2Address;
        this.tunnel1PresharedKey = vpn.tunnel1PresharedKey;
        this.tunnel2PresharedKey = vpn.tunnel2PresharedKey;
        this.activationId = activationId;
        this.activationCode = activationCode;
        this.activationExpiry = activationExpiry;
        this.activationRegistrationsLeft = activationRegistrationsLeft;
        this.upgradeRunbook = pulumi.all([hub.clusterName, hub.kubernetesVersion]).apply(([clusterName, kubernetesVersion]) =>
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
        this.nodeConfig = pulumi.secret(render());
        this.hostNodeConfigs = pulumi.secret(pulumi.all(perHost));
        this.nodeLabel = pulumi.output(`${SITE_LABEL_KEY}=${site.name}`);
        this.podPoolName = poolName;
        this.kubernetesObjects = pulumi.output(hub.kubernetesObjects ?? DEFAULT_KUBERNETES_OBJECTS);
        this.podNetworkingMode = pulumi.output(hub.podNetworkingMode ?? PodNetworkingMode.Routed);
        // Every other site's nodes and pods, through the tunnels as the VPC is (the transit gateway forwards them).
        const own = [site.nodeCidr, site.podCidr, site.loadBalancerCidr].filter((c): c is string => c !== undefined);
        // With AWS's gateway no site routes pods: pod traffic between sites is VXLAN between their nodes.
        const routedPods = (hub.podNetworkingMode ?? PodNetworkingMode.Routed) === PodNetworkingMode.Routed;
        const otherSiteCidrs = pulumi
            .all([hub.remoteNodeNetworks, routedPods ? hub.remotePodNetworks : [], hub.loadBalancerNetworks ?? []])
            // A hub deployed before it exported loadBalancerNetworks hands on an Output of undefined.
            .apply(([nodes, pods, services]) =>
                renderChecked(name, {}, () => otherSiteNetworks([...nodes, ...pods, ...(services ?? [])], own)),
            );
        const vpcCidrs = pulumi.output(hub.vpcCidrs).apply((c) => renderChecked(name, {}, () => hubCidrs(c, "vpcCidrs")));
        const tunnels = pulumi.all({
            a1: vpn.tunnel1Address,
            a2: vpn.tunnel2Address,
            k1: vpn.tunnel1PresharedKey,
            k2: vpn.tunnel2PresharedKey,
            c1: vpn.tunnel1CgwInsideAddress,
            c2: vpn.tunnel2CgwInsideAddress,
            v1: vpn.tunnel1VgwInsideAddress,
            v2: vpn.tunnel2VgwInsideAddress,
        });
        this.vpnServerConfig = pulumi.secret(
            pulumi.all([tunnels, vpcCidrs, otherSiteCidrs]).apply(([t, vpcCidrs, others]) =>
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
                            tunnels: [
                                { outsideAddress: t.a1, presharedKey: t.k1, cgwInsideAddress: t.c1, vgwInsideAddress: t.v1 },
                                { outsideAddress: t.a2, presharedKey: t.k2, cgwInsideAddress: t.c2, vgwInsideAddress: t.v2 },
                            ],
                            options: resolveTunnelOptions(site.tunnels),
                        }).map((f) => [f.path, f.content]),
                    ),
                ),
            ),
        );
        const bgp = site.bgp;
        const router = ([vpcCidrs, others, password]: [string[], string[], string | undefined]) => {
            const problem = password === undefined ? undefined : bgpPasswordProblem(password);
            if (problem) throw new pulumi.RunError(`invalid arguments of Site "${name}": args.bgpPassword: ${problem}`);
            return bgp === undefined
                ? ""
                : renderChecked(name, {}, () =>
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
        };
        const routerConfig = pulumi.all([vpcCidrs, otherSiteCidrs, args.bgpPassword]).apply(router);
        this.routerConfig = args.bgpPassword === undefined ? routerConfig : pulumi.secret(routerConfig);
        this.registerOutputs(siteOutputs(this));
    }
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
