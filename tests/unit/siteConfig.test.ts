import { strict as assert } from "assert";
import { ConfigError } from "../../components/config/problems";
import { parseSiteConfig } from "../../components/site/validateSite";
import { validSite } from "../support/fixtures";

const S = "eks-hybrid:site";

function problemsOf(change: (s: any) => void): string[] {
    const site = validSite();
    change(site);
    try {
        parseSiteConfig(site);
        return [];
    } catch (e) {
        assert.ok(e instanceof ConfigError, String(e));
        return e.problems.map((p) => `${p.key}: ${p.message}`);
    }
}

describe("site config: every rule of one site with its exact message", () => {
    it("accepts docs/CONFIG.md's example shape", () =>
        assert.deepEqual(
            problemsOf(() => {}),
            [],
        ));

    const cases: [string, (s: any) => void, string[]][] = [
        [
            "an unknown key",
            (s) => (s.router = {}),
            [
                `${S}.router: unknown key; valid keys: name, hubStack, vpnServer, nodeCidr, podCidr, podMaskSize, ` +
                    `loadBalancerCidr, bgp, tunnels, ` +
                    "monitoring, protect, nodes, tags",
            ],
        ],
        [
            "a missing key",
            (s) => delete s.nodes,
            [`${S}.nodes: missing; expected a map such as { count: 3 } or { hosts: [{ name: munich-1, ip: 10.80.1.11 }] }`],
        ],
        [
            "weak crypto without allowWeakCrypto",
            (s) => (
                (s.tunnels.ikeVersions = ["ikev1", "ikev2"]),
                (s.tunnels.phase1 = { integrity: ["SHA1", "SHA2-256"], dhGroups: [2, 14] }),
                (s.tunnels.phase2 = { dhGroups: [24] })
            ),
            [
                `${S}.tunnels.ikeVersions: ["ikev1"] is IKE without the protections of IKEv2; remove it, or set ` +
                    `tunnels.allowWeakCrypto: true only for a device that cannot do better`,
                `${S}.tunnels.phase1.integrity: ["SHA1"] is no longer collision resistant; remove it, or set ` +
                    `tunnels.allowWeakCrypto: true only for a device that cannot do better`,
                `${S}.tunnels.phase1.dhGroups: [2] are weak or RFC 5114 DH groups; remove it, or set ` +
                    `tunnels.allowWeakCrypto: true only for a device that cannot do better`,
                `${S}.tunnels.phase2.dhGroups: [24] are weak or RFC 5114 DH groups; remove it, or set ` +
                    `tunnels.allowWeakCrypto: true only for a device that cannot do better`,
            ],
        ],
        [
            "a renewal window as long as the activation",
            (s) => ((s.nodes.activationDays = 10), (s.nodes.activationRenewDays = 10)),
            [
                `${S}.nodes.activationRenewDays: 10 is not fewer than activationDays (10); an activation is renewed before it ` +
                    `expires, so use 1 to 9`,
            ],
        ],
        [
            "a name that is not a DNS label",
            (s) => (s.name = "Munich_1"),
            [
                `${S}.name: "Munich_1" is not valid; expected a DNS label: 1-63 lower-case letters, digits and -, starting and ` +
                    `ending with a letter or digit`,
            ],
        ],
        [
            "a malformed VPN server address",
            (s) => (s.vpnServer.publicIp = "203.0.113"),
            [`${S}.vpnServer.publicIp: "203.0.113" is not an IPv4 address; expected one such as 203.0.113.10`],
        ],
        [
            "a private VPN server address",
            (s) => (s.vpnServer.publicIp = "192.168.1.1"),
            [
                `${S}.vpnServer.publicIp: "192.168.1.1" is a private address; the customer gateway needs the VPN server's public ` +
                    `IPv4 address`,
            ],
        ],
        [
            "an ASN out of range",
            (s) => (s.vpnServer.asn = 0),
            [`${S}.vpnServer.asn: 0 is not valid; expected the VPN server's ASN: an ASN from 1 to 4294967294, such as 65000`],
        ],
        [
            "a node CIDR with host bits",
            (s) => (s.nodeCidr = "10.80.1.1/24"),
            [`${S}.nodeCidr: "10.80.1.1/24" has host bits set; use 10.80.1.0/24`],
        ],
        [
            "a public pod CIDR",
            (s) => (s.podCidr = "11.0.0.0/24"),
            [`${S}.podCidr: "11.0.0.0/24" is outside RFC 1918; it must lie inside one of: 10.0.0.0/8, ` + `172.16.0.0/12, 192.168.0.0/16`],
        ],
        [
            "node and pod CIDRs overlapping",
            (s) => (s.podCidr = "10.80.0.0/16"),
            [`${S}.podCidr: "10.80.0.0/16" overlaps ${S}.nodeCidr "10.80.1.0/24"; a site's node and pod CIDRs must be disjoint`],
        ],
        [
            "a pod mask not longer than the pod CIDR",
            (s) => (s.podMaskSize = 24),
            [`${S}.podMaskSize: 24 is not longer than podCidr's /24; each node's slice must be smaller than the pool, use 25 to 30`],
        ],
        [
            "a pod mask out of range",
            (s) => (s.podMaskSize = 31),
            [`${S}.podMaskSize: 31 is not valid; expected a prefix length from 8 to 30, such as 26`],
        ],
        [
            "one tunnel inside CIDR",
            (s) => (s.tunnels.insideCidrs = ["169.254.10.0/30"]),
            [
                `${S}.tunnels.insideCidrs: ["169.254.10.0/30"] is not valid; expected two /30s in 169.254.0.0/16, such as ` +
                    `[169.254.10.0/30, 169.254.10.4/30]`,
            ],
        ],
        [
            "an inside CIDR that is not a /30 in 169.254.0.0/16",
            (s) => (s.tunnels.insideCidrs = ["169.254.10.0/29", "10.0.0.0/30"]),
            [
                `${S}.tunnels.insideCidrs[0]: "169.254.10.0/29" is not a /30 inside 169.254.0.0/16; AWS needs one such as 169.254.10.0/30`,
                `${S}.tunnels.insideCidrs[1]: "10.0.0.0/30" is not a /30 inside 169.254.0.0/16; AWS needs one such as 169.254.10.0/30`,
            ],
        ],
        [
            "an inside CIDR AWS reserves",
            (s) => (s.tunnels.insideCidrs = ["169.254.169.252/30", "169.254.10.4/30"]),
            [
                `${S}.tunnels.insideCidrs[0]: "169.254.169.252/30" is reserved by AWS; do not use 169.254.0.0/30, 169.254.1.0/30, ` +
                    `169.254.2.0/30, 169.254.3.0/30, 169.254.4.0/30, 169.254.5.0/30, 169.254.169.252/30`,
            ],
        ],
        [
            "the same inside CIDR twice",
            (s) => (s.tunnels.insideCidrs = ["169.254.10.0/30", "169.254.10.0/30"]),
            [
                `${S}.tunnels.insideCidrs[1]: "169.254.10.0/30" overlaps ${S}.tunnels.insideCidrs[0] "169.254.10.0/30"; the two ` +
                    `tunnels need different inside CIDRs`,
            ],
        ],
        [
            "an algorithm AWS does not offer",
            (s) => (s.tunnels.phase1 = { encryption: ["3DES"] }),
            [`${S}.tunnels.phase1.encryption[0]: "3DES" is not valid; use one of: AES128, AES256, AES128-GCM-16, AES256-GCM-16`],
        ],
        [
            "a phase 2 lifetime not shorter than phase 1",
            (s) => ((s.tunnels.phase1 = { lifetimeSeconds: 3600 }), (s.tunnels.phase2 = { lifetimeSeconds: 3600 })),
            [
                `${S}.tunnels.phase2.lifetimeSeconds: 3600 is not shorter than the phase 1 lifetime 3600; AWS needs phase 2 to ` +
                    `rekey before phase 1`,
            ],
        ],
        [
            "a DPD timeout below AWS's minimum",
            (s) => (s.tunnels.dpdTimeoutSeconds = 10),
            [`${S}.tunnels.dpdTimeoutSeconds: 10 is not valid; expected a timeout of at least 30 seconds`],
        ],
        [
            "both a count and hosts",
            (s) => (s.nodes = { count: 1, hosts: [{ name: "munich-1", ip: "10.80.1.11" }] }),
            [`${S}.nodes: has both count and hosts; give exactly one of them`],
        ],
        ["neither a count nor hosts", (s) => (s.nodes = {}), [`${S}.nodes: has neither count and hosts; give exactly one of them`]],
        [
            "hosts with a repeated name, a repeated address and an address outside the node CIDR",
            (s) =>
                (s.nodes = {
                    hosts: [
                        { name: "munich-1", ip: "10.80.1.11" },
                        { name: "munich-1", ip: "10.80.1.11" },
                        { name: "munich-3", ip: "10.80.9.11" },
                    ],
                }),
            [
                `${S}.nodes.hosts[1].name: "munich-1" is already the name of ${S}.nodes.hosts[0]; node names must be unique`,
                `${S}.nodes.hosts[1].ip: "10.80.1.11" is already the address of ${S}.nodes.hosts[0]; node addresses must be unique`,
                `${S}.nodes.hosts[2].ip: "10.80.9.11" is outside nodeCidr 10.80.1.0/24; a node's address must lie in its site's node CIDR`,
            ],
        ],
        [
            "a malformed router address",
            (s) => (s.bgp.routerAddress = "router"),
            [`${S}.bgp.routerAddress: "router" is not an IPv4 address; expected one such as 10.80.1.1`],
        ],
        [
            "a router outside the node CIDR",
            (s) => (s.bgp.routerAddress = "10.80.2.1"),
            [
                `${S}.bgp.routerAddress: "10.80.2.1" is outside nodeCidr 10.80.1.0/24; the nodes peer with the router directly ` +
                    "(Cilium's BGP sessions have a TTL of 1), so it must be on the node CIDR",
            ],
        ],
        [
            "a router on the node CIDR's network address",
            (s) => (s.bgp.routerAddress = "10.80.1.0"),
            [`${S}.bgp.routerAddress: "10.80.1.0" is the network address of nodeCidr 10.80.1.0/24; use a host address of it`],
        ],
        [
            "hosts on the broadcast address and on the router's address",
            (s) =>
                (s.nodes = {
                    hosts: [
                        { name: "munich-1", ip: "10.80.1.255" },
                        { name: "munich-2", ip: "10.80.1.1" },
                    ],
                }),
            [
                `${S}.nodes.hosts[0].ip: "10.80.1.255" is the broadcast address of nodeCidr 10.80.1.0/24; use a host address of it`,
                `${S}.nodes.hosts[1].ip: "10.80.1.1" is the router's address (bgp.routerAddress); a node needs an address of its own`,
            ],
        ],
        [
            "a VPN server LAN address that is a node's",
            (s) => ((s.vpnServer.lanAddress = "10.80.1.2"), (s.nodes = { hosts: [{ name: "munich-1", ip: "10.80.1.2" }] })),
            [`${S}.vpnServer.lanAddress: "10.80.1.2" is the address of ${S}.nodes.hosts[0]; the VPN server needs an address of its own`],
        ],
        [
            "AWS restarting tunnels the site starts",
            (s) => (s.tunnels.dpdTimeoutAction = "restart"),
            [
                `${S}.tunnels.dpdTimeoutAction: "restart" makes AWS start the tunnel again while the site (startup action add) ` +
                    "does too, so the tunnel ends up with two SA pairs; use clear (the site restarts it) or startupAction: start",
            ],
        ],
        [
            "AWS starting tunnels it would not restart, in userspace mode",
            (s) => ((s.tunnels.startupAction = "start"), (s.vpnServer.ipsecMode = "userspace")),
            [
                `${S}.tunnels.dpdTimeoutAction: "clear" leaves a dead tunnel down: with startupAction start the site only answers, ` +
                    "so AWS must restart it; use restart",
                `${S}.tunnels.startupAction: "start" makes AWS start both tunnels towards UDP 500, where in userspace mode only ` +
                    "tunnel 1's charon listens; use add (the site starts them) or ipsecMode: kernel",
            ],
        ],
        [
            "a public address as the VPN server's address behind a NAT, and AWS starting tunnels towards it",
            (s) => (
                (s.vpnServer.localAddress = "198.51.100.7"),
                (s.tunnels.startupAction = "start"),
                (s.tunnels.dpdTimeoutAction = "restart")
            ),
            [
                `${S}.vpnServer.localAddress: "198.51.100.7" is not a private address; behind a NAT the VPN server binds a private ` +
                    "one, and without a NAT leave localAddress out",
                `${S}.tunnels.startupAction: "start" makes AWS start the tunnels, but behind a NAT (vpnServer.localAddress) nothing ` +
                    "reaches the VPN server until it starts them itself; use add",
            ],
        ],
        [
            "a pod CIDR with fewer node slices than nodes",
            (s) => (s.nodes = { count: 5 }),
            [
                `${S}.podMaskSize: 26 cuts podCidr 10.96.1.0/24 into 4 node slices, fewer than the site's 5 nodes; each node needs ` +
                    "its own slice: use a podMaskSize of 27 or more (at most 30), or a larger podCidr",
            ],
        ],
        [
            "a node CIDR without room for the nodes, the router and the VPN server",
            (s) => ((s.nodeCidr = "10.80.1.0/29"), (s.bgp.routerAddress = "10.80.1.1"), (s.nodes = { count: 5 })),
            [
                `${S}.podMaskSize: 26 cuts podCidr 10.96.1.0/24 into 4 node slices, fewer than the site's 5 nodes; each node needs ` +
                    "its own slice: use a podMaskSize of 27 or more (at most 30), or a larger podCidr",
                `${S}.nodeCidr: "10.80.1.0/29" has 6 host addresses, fewer than the site's 5 nodes plus its router and VPN server (7); ` +
                    "use a larger node CIDR",
            ],
        ],
        [
            "a node CIDR in the shared address space (EKS takes RFC 1918 remote networks only)",
            (s) => ((s.nodeCidr = "100.64.1.0/24"), delete s.bgp),
            [
                `${S}.nodeCidr: "100.64.1.0/24" is outside RFC 1918; it must lie inside one of: 10.0.0.0/8, 172.16.0.0/12, ` +
                    "192.168.0.0/16",
            ],
        ],
        [
            "firewall extra site CIDRs that are not CIDRs, or the site's own networks again",
            (s) => (s.vpnServer.firewall = { extraSiteCidrs: ["10.82.0.0/24; reboot", "10.80.1.128/25", "10.82.0.0/24"] }),
            [
                `${S}.vpnServer.firewall.extraSiteCidrs[0]: "10.82.0.0/24; reboot" is not an IPv4 CIDR; expected a network such as ` +
                    "10.82.0.0/24",
                `${S}.vpnServer.firewall.extraSiteCidrs[1]: "10.80.1.128/25" overlaps ${S}.nodeCidr "10.80.1.0/24"; list only other ` +
                    "networks of the site",
            ],
        ],
        [
            "a fraction where a whole number belongs",
            (s) => (s.podMaskSize = 26.5),
            [`${S}.podMaskSize: 26.5 is not a whole number; expected a prefix length from 8 to 30, such as 26`],
        ],
    ];
    for (const [what, change, expected] of cases) {
        it(`reports ${what}`, () => assert.deepEqual(problemsOf(change), expected));
    }
});
