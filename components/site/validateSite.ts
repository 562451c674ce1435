import { DEFAULT_ACTIVATION_RENEW_DAYS } from "./activationWindow";
import { DEFAULT_ACTIVATION_DAYS } from "./siteArgs";
import * as ipaddr from "ipaddr.js";
import { parseChecked, Problems, show } from "../config/problems";
import { checkStructure } from "../config/structure";
import { checkDisjoint, checkInsideOne, checkPrefix, KeyedCidr, overlappingPairs, parseCidrAt } from "../network/addressPlan";
import { NodeCredentials } from "../cluster/enums";
import { PodNetworkingMode } from "../network/enums";
import { DEFAULT_IPSEC_MODE, IpsecMode } from "../onprem/enums";
import { contains, RFC1918 } from "../network/cidr";
import { AWS_RESERVED_INSIDE_CIDRS, DEFAULT_TUNNEL_OPTIONS, WEAK_CRYPTO, TUNNEL_INSIDE_SPACE } from "../vpn/tunnelOptions";
import { siteNodeCount, SiteSettings, SiteStackConfig } from "./siteArgs";
import { siteSettingsSchema, siteStackSchema } from "./siteConfigSchema";

/** The config key of a site's settings in a stack file. */
export const SITE_CONFIG_KEY = "eks-hybrid:site";

/** Parses the `eks-hybrid:site` stack config, throwing one ConfigError with every problem. */
export function parseSiteConfig(raw: unknown, root = SITE_CONFIG_KEY): SiteStackConfig {
    return parseChecked<SiteStackConfig>(raw, root, checkSiteStackConfig);
}

/** The rules of a site stack's `eks-hybrid:site`: the site's settings and its hub stack. */
export function checkSiteStackConfig(raw: unknown, root: string, problems: Problems): void {
    checkSite(raw, root, problems, siteStackSchema);
}

/**
 * The rules of one site on its own: structure, addresses, tunnels, nodes. Keys start at `root`.
 * At the `unknown` keys (a component's Outputs, see knownView) the structure is not checked.
 */
export function checkSite(
    raw: unknown,
    root: string,
    problems: Problems,
    schema: object = siteSettingsSchema,
    unknown: ReadonlySet<string> = new Set(),
): void {
    const structure = new Problems();
    checkStructure(schema, raw ?? {}, root, structure);
    problems.addAllBut(structure, unknown);
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return;
    const site = raw as SiteSettings;
    checkVpnServer(site, root, problems);
    const ranges = checkSiteCidrs(site, root, problems);
    checkTunnels(site, root, problems);
    const router = checkRouter(site, root, ranges.node, problems);
    checkNodes(site, root, ranges.node, router, problems);
    checkLanAddress(site, root, problems);
    checkCapacity(site, root, ranges, problems);
    checkFirewall(site, root, ranges, problems);
}

/** The firewall's extra site networks: CIDRs of the site, never the node or pod CIDR again. */
function checkFirewall(site: SiteSettings, root: string, ranges: { node?: KeyedCidr; pod?: KeyedCidr }, problems: Problems): void {
    const extra = site.vpnServer?.firewall?.extraSiteCidrs;
    if (!Array.isArray(extra)) return;
    const parsed = extra.flatMap((value, i) => {
        const key = `${root}.vpnServer.firewall.extraSiteCidrs[${i}]`;
        if (problems.touches(key)) return [];
        const range = parseCidrAt(key, value, "10.82.0.0/24", problems);
        return range ? [range] : [];
    });
    const all = [...[ranges.node, ranges.pod].filter((r): r is KeyedCidr => r !== undefined), ...parsed];
    const extraFrom = all.length - parsed.length;
    // The node and pod CIDRs' own overlap is reported where they are checked.
    for (const [i, j] of overlappingPairs(all.map((r) => r.cidr)).filter(([, j]) => j >= extraFrom))
        problems.add(
            all[j].key,
            `${show(all[j].cidr.text)} overlaps ${all[i].key} ${show(all[i].cidr.text)}; list only other networks of the site`,
        );
}

/** The network or broadcast address of `range` that `ip` is, if any (a /31 or /32 has neither). */
function reservedAddress(range: KeyedCidr, ip: ipaddr.IPv4): string | undefined {
    if (range.cidr.prefix >= 31) return undefined;
    const text = ip.toString();
    if (text === ipaddr.IPv4.networkAddressFromCIDR(range.cidr.text).toString()) return "network";
    if (text === ipaddr.IPv4.broadcastAddressFromCIDR(range.cidr.text).toString()) return "broadcast";
    return undefined;
}

/** A host address of the site's node CIDR at `key`, or a problem saying why it is not one. */
function checkHostAddress(key: string, ip: ipaddr.IPv4, node: KeyedCidr, what: string, problems: Problems): void {
    if (!ip.match(node.cidr.address, node.cidr.prefix)) {
        problems.add(key, `${show(ip.toString())} is outside nodeCidr ${node.cidr.text}; ${what}`);
        return;
    }
    const reserved = reservedAddress(node, ip);
    if (reserved) {
        problems.add(key, `${show(ip.toString())} is the ${reserved} address of nodeCidr ${node.cidr.text}; use a host address of it`);
    }
}

/** The BGP router: an address of the node CIDR, since Cilium peers over one hop (TTL 1) unless told otherwise. */
function checkRouter(site: SiteSettings, root: string, node: KeyedCidr | undefined, problems: Problems): ipaddr.IPv4 | undefined {
    if (typeof site.bgp?.routerAddress !== "string") return undefined;
    const key = `${root}.bgp.routerAddress`;
    const ip = checkAddress(key, site.bgp.routerAddress, "10.80.1.1", problems);
    if (ip && node) {
        const what = "the nodes peer with the router directly (Cilium's BGP sessions have a TTL of 1), so it must be on the node CIDR";
        checkHostAddress(key, ip, node, what, problems);
    }
    return ip;
}

/** The VPN server's LAN address: the router's next hop for the VPC (the router's own when one box is both), never a node's. */
function checkLanAddress(site: SiteSettings, root: string, problems: Problems): void {
    const value = site.vpnServer?.lanAddress;
    if (typeof value !== "string") return;
    const key = `${root}.vpnServer.lanAddress`;
    const ip = checkAddress(key, value, "10.80.1.2", problems);
    if (!ip) return;
    const host = (site.nodes?.hosts ?? []).findIndex((h) => h.ip === value);
    if (host >= 0)
        problems.add(key, `${show(value)} is the address of ${root}.nodes.hosts[${host}]; the VPN server needs an address of its own`);
}

/** Room for the site's nodes: a pod slice each, and node addresses next to the router and the VPN server. */
function checkCapacity(site: SiteSettings, root: string, ranges: { node?: KeyedCidr; pod?: KeyedCidr }, problems: Problems): void {
    const nodes = site.nodes;
    if (!nodes || typeof nodes !== "object" || problems.touches(`${root}.nodes`)) return;
    const count = siteNodeCount(site);
    const { node, pod } = ranges;
    const mask = site.podMaskSize;
    if (pod && typeof mask === "number" && mask > pod.cidr.prefix && !problems.touches(`${root}.podMaskSize`)) {
        const slices = 2 ** (mask - pod.cidr.prefix);
        if (slices < count) {
            const fits = pod.cidr.prefix + Math.ceil(Math.log2(count));
            problems.add(
                `${root}.podMaskSize`,
                `${mask} cuts podCidr ${pod.cidr.text} into ${slices} node slices, fewer than the site's ${count} nodes; each node needs ` +
                    `its own slice: use a podMaskSize of ${fits} or more (at most 30), or a larger podCidr`,
            );
        }
    }
    if (node) {
        const hosts = node.cidr.prefix >= 31 ? 2 ** (32 - node.cidr.prefix) : 2 ** (32 - node.cidr.prefix) - 2;
        const needed = count + 2;
        if (hosts < needed) {
            problems.add(
                `${root}.nodeCidr`,
                `${show(node.cidr.text)} has ${hosts} host addresses, fewer than the site's ${count} nodes plus its router and VPN ` +
                    `server (${needed}); use a larger node CIDR`,
            );
        }
    }
}

/** Parses an IPv4 address at `key`, reporting a malformed one. */
function checkAddress(key: string, value: string, example: string, problems: Problems): ipaddr.IPv4 | undefined {
    if (problems.touches(key)) return undefined;
    if (!ipaddr.IPv4.isValidFourPartDecimal(value)) {
        problems.add(key, `${show(value)} is not an IPv4 address; expected one such as ${example}`);
        return undefined;
    }
    return ipaddr.IPv4.parse(value);
}

// Ranges a customer gateway cannot have: its address must be reachable from AWS.
const NOT_PUBLIC = ["private", "carrierGradeNat", "loopback", "linkLocal", "unspecified", "multicast", "broadcast"];

/** Behind a NAT the VPN server binds a private address; AWS cannot start tunnels towards it. */
function checkLocalAddress(site: SiteSettings, root: string, problems: Problems): void {
    const value = site.vpnServer?.localAddress;
    if (typeof value !== "string") return;
    const key = `${root}.vpnServer.localAddress`;
    const ip = checkAddress(key, value, "192.168.100.2", problems);
    if (ip && !["private", "carrierGradeNat"].includes(ip.range())) {
        problems.add(
            key,
            `${show(value)} is not a private address; behind a NAT the VPN server binds a private one, and without a NAT ` +
                "leave localAddress out",
        );
    }
    if ((site.tunnels?.startupAction ?? DEFAULT_TUNNEL_OPTIONS.startupAction) === "start") {
        problems.add(
            `${root}.tunnels.startupAction`,
            '"start" makes AWS start the tunnels, but behind a NAT (vpnServer.localAddress) nothing reaches the VPN server ' +
                "until it starts them itself; use add",
        );
    }
}

function checkVpnServer(site: SiteSettings, root: string, problems: Problems): void {
    const key = `${root}.vpnServer.publicIp`;
    const ip =
        typeof site.vpnServer?.publicIp === "string" ? checkAddress(key, site.vpnServer.publicIp, "203.0.113.10", problems) : undefined;
    if (ip && NOT_PUBLIC.includes(ip.range())) {
        problems.add(
            key,
            `${show(site.vpnServer.publicIp)} is a ${ip.range()} address; the customer gateway needs the VPN server's public IPv4 address`,
        );
    }
    checkLocalAddress(site, root, problems);
}

/** The site's node and pod CIDRs, parsed and checked on their own (undefined where invalid). */
export function checkSiteCidrs(
    site: SiteSettings,
    root: string,
    problems: Problems,
): { node?: KeyedCidr; pod?: KeyedCidr; loadBalancer?: KeyedCidr } {
    const at = (name: "nodeCidr" | "podCidr" | "loadBalancerCidr", example: string): KeyedCidr | undefined => {
        const key = `${root}.${name}`;
        if (site[name] === undefined || problems.touches(key)) return undefined;
        const range = parseCidrAt(key, site[name], example, problems);
        if (!range) return undefined;
        checkInsideOne(range, RFC1918, "RFC 1918", problems);
        checkPrefix(range, 8, 32, "a site CIDR", problems);
        return problems.touches(key) ? undefined : range;
    };
    const node = at("nodeCidr", "10.80.1.0/24");
    const pod = at("podCidr", "10.96.1.0/24");
    if (node && pod) checkDisjoint([node, pod], "a site's node and pod CIDRs must be disjoint", problems);
    const loadBalancer = at("loadBalancerCidr", "10.112.1.0/24");
    if (loadBalancer) {
        for (const own of [node, pod].filter((r): r is KeyedCidr => r !== undefined))
            checkDisjoint([own, loadBalancer], "a site's load balancer CIDR must be apart from its node and pod CIDRs", problems);
        // The site's Service advertisement is labelled site-<name>-services: a label value holds at most 63 characters.
        if (typeof site.name === "string" && `site-${site.name}-services`.length > 63)
            problems.add(
                loadBalancer.key,
                `needs a site name of at most 49 characters (${JSON.stringify(site.name)} has ${site.name.length}): the site's ` +
                    "Service advertisement is labelled site-<name>-services, and a Kubernetes label value holds at most 63",
            );
        if (site.bgp === undefined)
            problems.add(
                loadBalancer.key,
                "needs bgp: the site's nodes announce the Services' addresses to the site router over BGP; add bgp or remove " +
                    "loadBalancerCidr",
            );
    }
    const maskKey = `${root}.podMaskSize`;
    if (pod && typeof site.podMaskSize === "number" && !problems.touches(maskKey) && site.podMaskSize <= pod.cidr.prefix) {
        problems.add(
            maskKey,
            `${site.podMaskSize} is not longer than podCidr's /${pod.cidr.prefix}; each node's slice must be smaller than the ` +
                `pool, use ${pod.cidr.prefix + 1} to 30`,
        );
    }
    return { node, pod, loadBalancer };
}

function checkTunnels(site: SiteSettings, root: string, problems: Problems): void {
    const tunnels = site.tunnels;
    if (!tunnels || typeof tunnels !== "object") return;
    const inside: KeyedCidr[] = [];
    (Array.isArray(tunnels.insideCidrs) ? tunnels.insideCidrs : []).forEach((value, i) => {
        const key = `${root}.tunnels.insideCidrs[${i}]`;
        if (problems.touches(key)) return;
        const range = parseCidrAt(key, value, "169.254.10.0/30", problems);
        if (!range) return;
        if (range.cidr.prefix !== 30 || !contains(TUNNEL_INSIDE_SPACE, range.cidr)) {
            problems.add(key, `${show(value)} is not a /30 inside 169.254.0.0/16; AWS needs one such as 169.254.10.0/30`);
        } else if (AWS_RESERVED_INSIDE_CIDRS.includes(range.cidr.text)) {
            problems.add(key, `${show(value)} is reserved by AWS; do not use ${AWS_RESERVED_INSIDE_CIDRS.join(", ")}`);
        } else {
            inside.push(range);
        }
    });
    checkDisjoint(inside, "the two tunnels need different inside CIDRs", problems);
    checkInitiator(site, root, problems);
    if (tunnels.allowWeakCrypto !== true) checkWeakCrypto(tunnels, `${root}.tunnels`, problems);
    const p1 = tunnels.phase1?.lifetimeSeconds ?? DEFAULT_TUNNEL_OPTIONS.phase1.lifetimeSeconds;
    const p2 = tunnels.phase2?.lifetimeSeconds ?? DEFAULT_TUNNEL_OPTIONS.phase2.lifetimeSeconds;
    const p2Key = `${root}.tunnels.phase2.lifetimeSeconds`;
    if (
        typeof p1 === "number" &&
        typeof p2 === "number" &&
        p2 >= p1 &&
        !problems.touches(p2Key) &&
        !problems.touches(`${root}.tunnels.phase1`)
    ) {
        problems.add(p2Key, `${p2} is not shorter than the phase 1 lifetime ${p1}; AWS needs phase 2 to rekey before phase 1`);
    }
}

/** IKEv1, SHA1 and the weak DH groups only when the site says so (tunnels.allowWeakCrypto). */
function checkWeakCrypto(tunnels: NonNullable<SiteSettings["tunnels"]>, key: string, problems: Problems): void {
    const because = "set tunnels.allowWeakCrypto: true only for a device that cannot do better";
    const listed = (k: string, values: unknown, weak: readonly unknown[], what: string) => {
        if (!Array.isArray(values) || problems.touches(k)) return;
        const found = values.filter((v) => weak.includes(v));
        if (found.length > 0) problems.add(k, `${show(found)} ${what}; remove ${found.length === 1 ? "it" : "them"}, or ${because}`);
    };
    listed(`${key}.ikeVersions`, tunnels.ikeVersions, WEAK_CRYPTO.ikeVersions, "is IKE without the protections of IKEv2");
    for (const phase of ["phase1", "phase2"] as const) {
        listed(`${key}.${phase}.integrity`, tunnels[phase]?.integrity, WEAK_CRYPTO.integrity, "is no longer collision resistant");
        listed(`${key}.${phase}.dhGroups`, tunnels[phase]?.dhGroups, WEAK_CRYPTO.dhGroups, "are weak or RFC 5114 DH groups");
    }
}

/**
 * Exactly one side starts each tunnel: the site with startup action add (AWS then must not restart
 * it either), AWS with start (and restart, since the site only answers). AWS starts towards UDP 500,
 * which in userspace mode only tunnel 1's charon listens on.
 */
function checkInitiator(site: SiteSettings, root: string, problems: Problems): void {
    const key = `${root}.tunnels`;
    if (problems.touches(`${key}.startupAction`) || problems.touches(`${key}.dpdTimeoutAction`)) return;
    const startup = site.tunnels?.startupAction ?? DEFAULT_TUNNEL_OPTIONS.startupAction;
    const dpd = site.tunnels?.dpdTimeoutAction ?? DEFAULT_TUNNEL_OPTIONS.dpdTimeoutAction;
    if (startup === "add" && dpd === "restart") {
        problems.add(
            `${key}.dpdTimeoutAction`,
            '"restart" makes AWS start the tunnel again while the site (startup action add) does too, so the tunnel ends up ' +
                "with two SA pairs; use clear (the site restarts it) or startupAction: start",
        );
    }
    if (startup === "start" && dpd !== "restart") {
        problems.add(
            `${key}.dpdTimeoutAction`,
            `${show(dpd)} leaves a dead tunnel down: with startupAction start the site only answers, so AWS must restart it; use restart`,
        );
    }
    if (startup === "start" && (site.vpnServer?.ipsecMode ?? DEFAULT_IPSEC_MODE) === IpsecMode.Userspace) {
        problems.add(
            `${key}.startupAction`,
            '"start" makes AWS start both tunnels towards UDP 500, where in userspace mode only tunnel 1\'s charon listens; ' +
                "use add (the site starts them) or ipsecMode: kernel",
        );
    }
}

function checkNodes(
    site: SiteSettings,
    root: string,
    node: KeyedCidr | undefined,
    router: ipaddr.IPv4 | undefined,
    problems: Problems,
): void {
    const nodes = site.nodes;
    const key = `${root}.nodes`;
    if (!nodes || typeof nodes !== "object" || problems.touches(key)) return;
    const days = nodes.activationDays ?? DEFAULT_ACTIVATION_DAYS;
    const renew = nodes.activationRenewDays ?? DEFAULT_ACTIVATION_RENEW_DAYS;
    if (!problems.touches(`${key}.activationDays`) && !problems.touches(`${key}.activationRenewDays`) && renew >= days) {
        problems.add(
            `${key}.activationRenewDays`,
            `${show(renew)} is not fewer than activationDays (${days}); an activation is renewed before it expires, so ` +
                `use 1 to ${days - 1}`,
        );
    }
    if ((nodes.count === undefined) === (nodes.hosts === undefined)) {
        problems.add(key, `has ${nodes.count === undefined ? "neither" : "both"} count and hosts; give exactly one of them`);
        return;
    }
    const names = new Map<string, number>();
    const ips = new Map<string, number>();
    (nodes.hosts ?? []).forEach((host, i) => {
        const hostKey = `${key}.hosts[${i}]`;
        const seenName = names.get(host.name);
        if (seenName !== undefined)
            problems.add(
                `${hostKey}.name`,
                `${show(host.name)} is already the name of ${key}.hosts[${seenName}]; node names must be unique`,
            );
        else names.set(host.name, i);
        const ip = checkAddress(`${hostKey}.ip`, host.ip, "10.80.1.11", problems);
        if (!ip) return;
        const seenIp = ips.get(host.ip);
        if (seenIp !== undefined)
            problems.add(
                `${hostKey}.ip`,
                `${show(host.ip)} is already the address of ${key}.hosts[${seenIp}]; node addresses must be unique`,
            );
        else ips.set(host.ip, i);
        if (node) checkHostAddress(`${hostKey}.ip`, ip, node, "a node's address must lie in its site's node CIDR", problems);
        if (router && ip.toString() === router.toString()) {
            problems.add(
                `${hostKey}.ip`,
                `${show(host.ip)} is the router's address (bgp.routerAddress); a node needs an address of its own`,
            );
        }
    });
}

/**
 * The pod keys the hub's pod networking asks for: routed needs the site's pod CIDR and per-node
 * mask (its VPN and router carry them); AWS's gateway refuses them (pods take their addresses
 * from the hub's cluster pool, and no site routes a pod CIDR). `where` names the hub.
 */
export function checkSitePodNetworking(
    site: Pick<SiteSettings, "podCidr" | "podMaskSize">,
    mode: PodNetworkingMode,
    root: string,
    where: string,
    problems: Problems,
): void {
    if (mode === PodNetworkingMode.Gateway) {
        for (const key of ["podCidr", "podMaskSize"] as const)
            if (site[key] !== undefined)
                problems.add(
                    `${root}.${key}`,
                    `is set, but ${where} runs podNetworking.mode gateway: pods take their addresses from the hub's cluster ` +
                        "pool (remotePodNetworks) and no site routes a pod CIDR; remove it",
                );
        return;
    }
    if (site.podCidr === undefined)
        problems.add(
            `${root}.podCidr`,
            `missing; ${where} routes pods per site (podNetworking.mode routed, the default): give the site its pod CIDR, ` +
                "such as 10.96.1.0/24, inside the hub's remotePodNetworks",
        );
    else if (site.podMaskSize === undefined)
        problems.add(`${root}.podMaskSize`, "missing; each node takes a slice of podCidr of this prefix length, such as 26");
}

/** IAM Roles Anywhere nodes are listed by name: a node's name must equal its certificate's CN. */
export function checkNodesForCredentials(
    credentials: NodeCredentials,
    site: Partial<SiteSettings>,
    key: string,
    because: string,
    problems: Problems,
): void {
    if (credentials === NodeCredentials.IamRolesAnywhere && site.nodes?.hosts === undefined) {
        problems.add(key, `missing; ${because} uses IAM Roles Anywhere, so every node is listed by name (its certificate's CN)`);
    }
}
