import { NodeCredentials, SsmInstanceTier } from "../cluster/enums";
import { nodeSkewProblem } from "../cluster/versionSkew";
import { DEFAULT_CILIUM_BGP } from "../cilium/ciliumValues";
import { Problems, show } from "../config/problems";
import { podNetworkingModeOf } from "../gateway/podNetworkingArgs";
import { HubConfig } from "../hub/hubArgs";
import { checkDisjoint, checkInsideOne, KeyedCidr } from "../network/addressPlan";
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
    /** The hub's settings, every value the rules compute with known; those at `unchecked` keys left out. */
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
    /**
     * Keys of the settings (`gateway.amazonSideAsn`) that have a problem of their own: left out of
     * `hub`, and every rule between stacks that reads one is skipped and said so.
     */
    readonly unchecked?: ReadonlySet<string>;
}

/** A site as the fleet rules see it. */
export interface FleetSite {
    /** The site's settings; those at `unchecked` keys left out. */
    readonly site: SiteSettings;
    /** The site's Region, or "" when it is the environment's. */
    readonly region: string;
    /** Where the problem keys of the site's settings start: `site.yaml: eks-hybrid:site`, `args.site`. */
    readonly root: string;
    /** The problem key of the site's Region: `site.yaml: aws:region`. */
    readonly regionKey: string;
    /** Keys of the settings that have a problem of their own, as {@link FleetHub.unchecked}. */
    readonly unchecked?: ReadonlySet<string>;
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
    /** Gets each rule that could not run for a hub or a site, and the key that stopped it. */
    notRun?: (note: RuleNotRun) => void;
}

/** A rule between stacks that did not run for one hub or site: the key with a problem of its own stopped it. */
export interface RuleNotRun {
    /** The key, with its root: `site.yaml: eks-hybrid:site.podCidr`. */
    readonly key: string;
    /** What the rule checks: `unique site names`. */
    readonly rule: string;
}

/** The key of `keys` that has a problem of its own in `unchecked` (it, a part of it or what holds it), if any. */
function uncheckedKey(unchecked: ReadonlySet<string> | undefined, keys: readonly string[]): string | undefined {
    if (unchecked === undefined || unchecked.size === 0) return undefined;
    const within = (inner: string, outer: string) => inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
    for (const k of keys) {
        // The key the problem is at: the rule's own, a part of it, or what holds it (a vpnServer that is no map).
        const found = [...unchecked].find((u) => within(u, k) || within(k, u));
        if (found !== undefined) return found;
    }
    return undefined;
}

/**
 * Which of a hub's sites a rule can run for: the hub's keys it reads must be sound (else it runs for
 * none), and each site's. Every site or hub left out is said through `notRun`.
 */
function ruleScope(
    rule: string,
    hub: FleetHub,
    hubKeys: readonly string[],
    sites: readonly FleetSite[],
    siteKeys: readonly string[],
    options: FleetRuleOptions,
): FleetSite[] {
    const note = (root: string, key: string) => options.notRun?.({ key: `${root}.${key}`, rule });
    const badHubKey = uncheckedKey(hub.unchecked, hubKeys);
    if (badHubKey !== undefined) {
        if (sites.length > 0) note(hub.root, badHubKey);
        return [];
    }
    return sites.filter((s) => {
        const bad = uncheckedKey(s.unchecked, siteKeys);
        if (bad !== undefined) note(s.root, bad);
        return bad === undefined;
    });
}

/**
 * The rules between a hub and its sites: sites inside the hub's supernets and not overlapping each
 * other, unique site names and VPN server IPs, tunnel inside CIDRs unique per gateway, at most one
 * site on a virtual private gateway (it does not forward between static VPNs), no ASN clash with
 * the gateway, one Region, node versions within the skew. A rule runs for every site whose keys
 * it reads are sound, and names through `options.notRun` each one it could not.
 */
export function checkHubSites(hub: FleetHub, sites: readonly FleetSite[], problems: Problems, options: FleetRuleOptions = {}): void {
    const config = hub.hub;
    const scope = (rule: string, hubKeys: readonly string[], siteKeys: readonly string[]) =>
        ruleScope(rule, hub, hubKeys, sites, siteKeys, options);
    if (!options.sitesCheckedAgainstHub) {
        const mode = podNetworkingModeOf(config.podNetworking);
        for (const s of scope("pod networking against the hub's mode", ["podNetworking"], ["podCidr", "podMaskSize"]))
            checkSitePodNetworking(s.site, mode, s.root, hub.owner, problems);
    }
    checkRanges(hub, sites, options, problems);
    checkLoadBalancerCidrs(hub, sites, options, problems);
    unique(
        scope("unique site names", [], ["name"]),
        (s) => s.site.name,
        (s) => siteKey(s, "name"),
        "site names must be unique",
        problems,
    );
    unique(
        scope("unique VPN server addresses", [], ["vpnServer.publicIp"]),
        (s) => s.site.vpnServer.publicIp,
        (s) => siteKey(s, "vpnServer.publicIp"),
        "each site needs its own VPN server address",
        problems,
    );

    const inside: KeyedCidr[] = scope("tunnel inside CIDRs unique on the gateway", [], ["tunnels.insideCidrs"]).flatMap((s) =>
        (s.site.tunnels?.insideCidrs ?? []).map((text, i) => ({ key: siteKey(s, `tunnels.insideCidrs[${i}]`), cidr: cidr(text) })),
    );
    checkDisjoint(inside, "tunnel inside CIDRs must be unique on one gateway", problems);

    const vgw = scope("one site per virtual private gateway", ["gateway.type"], []).length > 0 && config.gateway.type === GatewayType.Vgw;
    if (vgw && sites.length > 1 && !options.removing) {
        problems.add(
            hubKey(hub, "gateway.type"),
            `"vgw" cannot carry ${sites.length} sites (${sites.map((s) => s.site.name ?? s.root).join(", ")}): a virtual private gateway ` +
                "forwards between VPN connections only over BGP (VPN CloudHub), and the sites' VPNs use static routes, so their " +
                "nodes and pods could not reach each other; use gateway.type: tgw (its route table forwards between the sites), " +
                "or one site per hub",
        );
    }
    const bgpSites = scope("BGP against the hub's Cilium", ["cilium.bgp"], ["bgp"]);
    if (uncheckedKey(hub.unchecked, ["cilium.bgp"]) === undefined && (config.cilium?.bgp ?? DEFAULT_CILIUM_BGP) === false) {
        for (const s of bgpSites.filter((s) => s.site.bgp !== undefined)) {
            problems.add(
                siteKey(s, "bgp"),
                `is set but ${hub.label} has cilium.bgp: false, so Cilium runs without its BGP control plane and the peering would ` +
                    `never come up; remove bgp here or turn cilium.bgp on in the hub`,
            );
        }
    }
    const amazonAsn = config.gateway?.amazonSideAsn ?? DEFAULT_AMAZON_SIDE_ASN;
    for (const s of scope("the ASN against the hub's gateway", ["gateway.amazonSideAsn"], ["vpnServer.asn"])) {
        if (s.site.vpnServer.asn === amazonAsn) {
            const source = config.gateway.amazonSideAsn === undefined ? "its default" : settingName(hub, "gateway.amazonSideAsn");
            problems.add(
                siteKey(s, "vpnServer.asn"),
                `${amazonAsn} is the Amazon-side ASN of ${hub.label} (${source}); the customer gateway needs a different ASN`,
            );
        }
    }
    if (!options.sitesCheckedAgainstHub) {
        for (const s of scope("node credentials against the hub's", ["nodeCredentials"], ["nodes"]))
            checkNodesForCredentials(config.nodeCredentials, s.site, siteKey(s, "nodes.hosts"), hub.label, problems);
    }
    for (const s of sites) {
        // A site's VPN attaches to its hub's gateway, which lives in the hub's Region (a file without
        // aws:region takes the environment's; one with a bad Region has been reported as "").
        if (s.region !== "" && hub.region !== "" && s.region !== hub.region) {
            problems.add(
                s.regionKey,
                `${show(s.region)} is not the Region of its hub ${hub.label} (${show(hub.region)}); a site's ` +
                    "VPN attaches to the hub's gateway there: use the hub's aws:region",
            );
        }
    }
    for (const s of scope("the nodes' version skew", ["kubernetesVersion"], ["nodes.kubernetesVersion"])) {
        const nodeVersion = s.site.nodes?.kubernetesVersion;
        const skew = nodeVersion === undefined ? undefined : nodeSkewProblem(nodeVersion, config.kubernetesVersion);
        if (skew) problems.add(siteKey(s, "nodes.kubernetesVersion"), `${show(nodeVersion)} ${skew} (${hub.label})`);
    }
}

/**
 * Node CIDRs inside the hub's remoteNodeNetworks, pod CIDRs inside its remotePodNetworks, and no
 * two ranges of the sites overlapping: that part needs no sound hub.
 */
function checkRanges(hub: FleetHub, sites: readonly FleetSite[], options: FleetRuleOptions, problems: Problems): void {
    const scope = (rule: string, hubKeys: readonly string[], siteKeys: readonly string[]) =>
        ruleScope(rule, hub, hubKeys, sites, siteKeys, options);
    const node = (s: FleetSite): KeyedCidr => ({ key: siteKey(s, "nodeCidr"), cidr: cidr(s.site.nodeCidr) });
    const pod = (s: FleetSite): KeyedCidr[] =>
        s.site.podCidr === undefined ? [] : [{ key: siteKey(s, "podCidr"), cidr: cidr(s.site.podCidr) }];
    const nodesInside = scope("the node CIDR inside the hub's remoteNodeNetworks", ["remoteNodeNetworks"], ["nodeCidr"]);
    const podsInside = scope("the pod CIDR inside the hub's remotePodNetworks", ["remotePodNetworks"], ["podCidr"]);
    for (const s of sites) {
        if (nodesInside.includes(s))
            checkInsideOne(node(s), hub.hub.remoteNodeNetworks.map(cidr), hubKey(hub, "remoteNodeNetworks"), problems);
        if (podsInside.includes(s))
            for (const range of pod(s))
                checkInsideOne(range, hub.hub.remotePodNetworks.map(cidr), hubKey(hub, "remotePodNetworks"), problems);
    }
    const nodes = scope("the node CIDR clear of the other sites' ranges", [], ["nodeCidr"]);
    const pods = scope("the pod CIDR clear of the other sites' ranges", [], ["podCidr"]);
    // In a site's order, node before pod, as each site's own rules compare them.
    const ranges = sites.flatMap((s) => [...(nodes.includes(s) ? [node(s)] : []), ...(pods.includes(s) ? pod(s) : [])]);
    checkDisjoint(ranges, "node and pod CIDRs of all sites must not overlap", problems);
}

/** Each site's load balancer CIDR inside one of the hub's loadBalancerNetworks, and no two sites' overlapping. */
function checkLoadBalancerCidrs(hub: FleetHub, sites: readonly FleetSite[], options: FleetRuleOptions, problems: Problems): void {
    const serving = (list: FleetSite[]) => list.filter((x) => x.site.loadBalancerCidr !== undefined);
    const range = (s: FleetSite): KeyedCidr => ({ key: siteKey(s, "loadBalancerCidr"), cidr: cidr(s.site.loadBalancerCidr!) });
    const networks = (hub.hub.loadBalancerNetworks ?? []).map(cidr);
    const inside = serving(
        ruleScope("the load balancer CIDR inside the hub's", hub, ["loadBalancerNetworks"], sites, ["loadBalancerCidr"], options),
    );
    for (const s of inside) {
        const r = range(s);
        if (!networks.some((n) => contains(n, r.cidr)))
            problems.add(
                r.key,
                networks.length === 0
                    ? `${show(r.cidr.text)} needs ${hub.label} to list the supernets the sites' load balancer CIDRs come from ` +
                          `(${settingName(hub, "loadBalancerNetworks")}), so the VPC and the other sites route to it`
                    : `${show(r.cidr.text)} is outside ${hub.label}'s loadBalancerNetworks (${networks.map((n) => n.text).join(", ")})`,
            );
    }
    const apart = serving(ruleScope("the load balancer CIDR clear of the other sites'", hub, [], sites, ["loadBalancerCidr"], options));
    checkDisjoint(apart.map(range), "each site needs load balancer addresses of its own", problems);
}

/**
 * What AWS's quotas allow a fleet: customer gateways and VPN connections per account and Region
 * (all hubs of a Region together), a transit gateway's attachments and routes, and Systems
 * Manager's standard tier of 1,000 hybrid nodes per account and Region.
 */
export function checkFleetQuotas(
    byHub: ReadonlyMap<FleetHub, readonly FleetSite[]>,
    problems: Problems,
    options: Pick<FleetRuleOptions, "notRun"> = {},
): void {
    const regions = new Map<string, { hubs: FleetHub[]; sites: FleetSite[]; ssmNodes: number }>();
    const sound = new Map<FleetHub, readonly FleetSite[]>();
    for (const [hub, sites] of byHub) {
        // A hub whose quota settings failed their own rules is counted by none of these rules.
        const quotaKeys = ["quotas", "gateway.type", "nodeCredentials", "ssmInstanceTier", "customNetworking"];
        if (uncheckedKey(hub.unchecked, quotaKeys) !== undefined) {
            ruleScope("AWS's quotas", hub, quotaKeys, sites, [], options);
            continue;
        }
        sound.set(hub, sites);
        const entry = regions.get(hub.region) ?? { hubs: [], sites: [], ssmNodes: 0 };
        entry.hubs.push(hub);
        entry.sites.push(...sites);
        const counted = ruleScope("the SSM node count", hub, [], sites, ["nodes"], options);
        if (hub.hub.nodeCredentials === NodeCredentials.Ssm) entry.ssmNodes += counted.reduce((n, s) => n + siteNodeCount(s.site), 0);
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
    for (const [hub, sites] of sound) {
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
