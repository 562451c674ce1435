import { NodeCredentials, SsmInstanceTier } from "../cluster/enums";
import { nodeSkewProblem } from "../cluster/versionSkew";
import { DEFAULT_CILIUM_BGP } from "../cilium/ciliumValues";
import { Problems, show } from "../config/problems";
import { podNetworkingModeOf } from "../gateway/podNetworkingArgs";
import { HubConfig } from "../hub/hubArgs";
import { checkDisjoint, checkSiteRanges, KeyedCidr } from "../network/addressPlan";
import { cidr, contains } from "../network/cidr";
import { GatewayType } from "../network/enums";
import { DEFAULT_AMAZON_SIDE_ASN } from "../network/networkArgs";
import { AWS_QUOTAS, quotaLimit, quotaText } from "../network/quotas";
import { siteNodeCount, SiteSettings } from "./siteArgs";
import { checkNodesForCredentials, checkSitePodNetworking } from "./validateSite";

/**
 * A hub as the fleet rules see it, however it was given: a stack file (`npm run validate`) or a
 * `Hub` component a program's `Site`s declare (see fleetRegistry.ts).
 */
export interface FleetHub {
    /** The hub's settings, every value the rules compute with known. */
    readonly hub: HubConfig;
    /** How messages name the hub: its stack file, or `Hub "name"`. */
    readonly label: string;
    /** How the pod-networking and credentials rules name it: `hub stack hub`. */
    readonly owner: string;
    /** The hub's Region, or "" when it is the environment's (a program's provider). */
    readonly region: string;
    /** Where the problem keys of the hub's settings start: `hub.yaml: eks-hybrid:hub`, `Hub "hub" args`. */
    readonly root: string;
    /** Where the hub's own settings start, as messages name them: `eks-hybrid:hub`, `args`. */
    readonly settingsRoot: string;
}

/** A site as the fleet rules see it. */
export interface FleetSite {
    readonly site: SiteSettings;
    /** The site's Region, or "" when it is the environment's. */
    readonly region: string;
    /** Where the problem keys of the site's settings start: `site.yaml: eks-hybrid:site`, `args.site`. */
    readonly root: string;
    /** The problem key of the site's Region: `site.yaml: aws:region`. */
    readonly regionKey: string;
}

const hubKey = (hub: FleetHub, setting: string) => `${hub.root}.${setting}`;
const settingName = (hub: FleetHub, setting: string) => `${hub.settingsRoot}.${setting}`;
const siteKey = (site: FleetSite, setting: string) => `${site.root}.${setting}`;

/** Which rules between a hub and its sites apply. */
export interface FleetRuleOptions {
    /**
     * The stacks are only refreshed or taken down: the rules about what a fleet needs to work (one
     * site per virtual private gateway) are left out, so a fleet that predates them can still go.
     */
    removing?: boolean;
    /**
     * Each site was already checked against the hub's outputs (a `Site` component does: credentials
     * and pod networking), so those rules are not repeated.
     */
    sitesCheckedAgainstHub?: boolean;
}

/**
 * The rules between a hub and its sites: sites inside the hub's supernets and not overlapping each
 * other, unique site names and VPN server IPs, tunnel inside CIDRs unique per gateway, at most one
 * site on a virtual private gateway (it does not forward between static VPNs), no ASN clash with
 * the gateway, one Region, node versions within the skew.
 */
export function checkHubSites(hub: FleetHub, sites: readonly FleetSite[], problems: Problems, options: FleetRuleOptions = {}): void {
    const config = hub.hub;
    if (!options.sitesCheckedAgainstHub) {
        const mode = podNetworkingModeOf(config.podNetworking);
        for (const s of sites) checkSitePodNetworking(s.site, mode, s.root, hub.owner, problems);
    }
    checkSiteRanges(
        {
            node: config.remoteNodeNetworks.map(cidr),
            pod: config.remotePodNetworks.map(cidr),
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
    unique(
        sites,
        (s) => s.site.name,
        (s) => siteKey(s, "name"),
        "site names must be unique",
        problems,
    );
    unique(
        sites,
        (s) => s.site.vpnServer.publicIp,
        (s) => siteKey(s, "vpnServer.publicIp"),
        "each site needs its own VPN server " + "address",
        problems,
    );

    const inside: KeyedCidr[] = sites.flatMap((s) =>
        (s.site.tunnels?.insideCidrs ?? []).map((text, i) => ({ key: siteKey(s, `tunnels.insideCidrs[${i}]`), cidr: cidr(text) })),
    );
    checkDisjoint(inside, "tunnel inside CIDRs must be unique on one gateway", problems);

    if (config.gateway.type === GatewayType.Vgw && sites.length > 1 && !options.removing) {
        problems.add(
            hubKey(hub, "gateway.type"),
            `"vgw" cannot carry ${sites.length} sites (${sites.map((s) => s.site.name).join(", ")}): a virtual private gateway ` +
                "forwards between VPN connections only over BGP (VPN CloudHub), and the sites' VPNs use static routes, so their " +
                "nodes and pods could not reach each other; use gateway.type: tgw (its route table forwards between the sites), " +
                "or one site per hub",
        );
    }
    if ((config.cilium?.bgp ?? DEFAULT_CILIUM_BGP) === false) {
        for (const s of sites.filter((s) => s.site.bgp !== undefined)) {
            problems.add(
                siteKey(s, "bgp"),
                `is set but ${hub.label} has cilium.bgp: false, so Cilium runs without its BGP control plane and the peering would ` +
                    `never come up; remove bgp here or turn cilium.bgp on in the hub`,
            );
        }
    }
    const amazonAsn = config.gateway.amazonSideAsn ?? DEFAULT_AMAZON_SIDE_ASN;
    for (const s of sites) {
        if (s.site.vpnServer.asn === amazonAsn) {
            const source = config.gateway.amazonSideAsn === undefined ? "its default" : settingName(hub, "gateway.amazonSideAsn");
            problems.add(
                siteKey(s, "vpnServer.asn"),
                `${amazonAsn} is the Amazon-side ASN of ${hub.label} (${source}); the customer gateway needs a different ASN`,
            );
        }
        if (!options.sitesCheckedAgainstHub) {
            checkNodesForCredentials(config.nodeCredentials, s.site, siteKey(s, "nodes.hosts"), hub.label, problems);
        }
        // A site's VPN attaches to its hub's gateway, which lives in the hub's Region (a file without
        // aws:region takes the environment's).
        if (s.region !== "" && hub.region !== "" && s.region !== hub.region) {
            problems.add(
                s.regionKey,
                `${show(s.region)} is not the Region of its hub ${hub.label} (${show(hub.region)}); a site's ` +
                    "VPN attaches to the hub's gateway there: use the hub's aws:region",
            );
        }
        const nodeVersion = s.site.nodes.kubernetesVersion;
        const skew = nodeVersion === undefined ? undefined : nodeSkewProblem(nodeVersion, config.kubernetesVersion);
        if (skew) problems.add(siteKey(s, "nodes.kubernetesVersion"), `${show(nodeVersion)} ${skew} (${hub.label})`);
    }
}

/** Each site's load balancer CIDR inside one of the hub's loadBalancerNetworks, and no two sites' overlapping. */
function checkLoadBalancerCidrs(hub: FleetHub, sites: readonly FleetSite[], problems: Problems): void {
    const networks = (hub.hub.loadBalancerNetworks ?? []).map(cidr);
    const keyed: KeyedCidr[] = [];
    for (const s of sites.filter((x) => x.site.loadBalancerCidr !== undefined)) {
        const range = { key: siteKey(s, "loadBalancerCidr"), cidr: cidr(s.site.loadBalancerCidr!) };
        keyed.push(range);
        if (!networks.some((n) => contains(n, range.cidr)))
            problems.add(
                range.key,
                networks.length === 0
                    ? `${show(range.cidr.text)} needs ${hub.label} to list the supernets the sites' load balancer CIDRs come from ` +
                          `(${settingName(hub, "loadBalancerNetworks")}), so the VPC and the other sites route to it`
                    : `${show(range.cidr.text)} is outside ${hub.label}'s loadBalancerNetworks (${networks.map((n) => n.text).join(", ")})`,
            );
    }
    checkDisjoint(keyed, "each site needs load balancer addresses of its own", problems);
}

/**
 * What AWS's quotas allow a fleet: customer gateways and VPN connections per account and Region
 * (all hubs of a Region together), a transit gateway's attachments and routes, and Systems
 * Manager's standard tier of 1,000 hybrid nodes per account and Region.
 */
export function checkFleetQuotas(byHub: ReadonlyMap<FleetHub, readonly FleetSite[]>, problems: Problems): void {
    const regions = new Map<string, { hubs: FleetHub[]; sites: FleetSite[]; ssmNodes: number }>();
    for (const [hub, sites] of byHub) {
        const entry = regions.get(hub.region) ?? { hubs: [], sites: [], ssmNodes: 0 };
        entry.hubs.push(hub);
        entry.sites.push(...sites);
        if (hub.hub.nodeCredentials === NodeCredentials.Ssm) entry.ssmNodes += sites.reduce((n, s) => n + siteNodeCount(s.site), 0);
        regions.set(hub.region, entry);
    }
    for (const [region, { hubs, sites, ssmNodes }] of regions) {
        const where = region === "" ? "the Region" : region;
        for (const [key, what] of [
            ["vpnConnections", "Site-to-Site VPN connections"],
            ["customerGateways", "customer gateways"],
        ] as const) {
            const stated = Math.max(...hubs.map((h) => h.hub.quotas?.[key] ?? 0));
            const raised = stated > 0 ? stated : undefined;
            if (sites.length > (raised ?? AWS_QUOTAS[key].default)) {
                problems.add(
                    hubKey(hubs[0], `quotas.${key}`),
                    `${sites.length} sites in ${where} need ${sites.length} ${what}; ${quotaText(key, raised)}`,
                );
            }
        }
        const ssmHubs = hubs.filter((h) => h.hub.nodeCredentials === NodeCredentials.Ssm);
        const advanced = ssmHubs.some((h) => h.hub.ssmInstanceTier === SsmInstanceTier.Advanced);
        if (ssmNodes > AWS_QUOTAS.ssmStandardNodes.default && !advanced) {
            problems.add(
                hubKey(ssmHubs[0], "ssmInstanceTier"),
                `${ssmNodes} hybrid nodes in ${where} register with SSM activations, more than the ` +
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
function unique<T>(items: readonly T[], value: (t: T) => string, key: (t: T) => string, rule: string, problems: Problems): void {
    const first = new Map<string, T>();
    for (const item of items) {
        const seen = first.get(value(item));
        if (seen) problems.add(key(item), `${show(value(item))} is also ${key(seen)}; ${rule}`);
        else first.set(value(item), item);
    }
}
