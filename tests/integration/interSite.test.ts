import { strict as assert } from "assert";
import { cidr, contains } from "../../components/network/cidr";
import { otherSiteNetworks } from "../../components/network/otherSites";
import { IpsecMode } from "../../components/onprem/enums";
import { tunnelInterface } from "../../components/onprem/vpnServerInputs";
import {
    attachmentLink,
    buildFleetLab,
    FleetSiteDirs,
    FleetSiteSpec,
    PlannedFleetSite,
    plannedFleetSite,
    TRANSIT_GATEWAY,
} from "./fleetLab";
import { Lab, requireLab, waitFor } from "./lab";
import { sas } from "./vpnLab";

const MUNICH: FleetSiteSpec = {
    key: "a",
    index: 1,
    name: "munich",
    publicIp: "203.0.113.10",
    awsUplink: "203.0.113.1",
    outsideAddresses: ["198.18.1.1", "198.18.1.2"],
    nodeCidr: "10.80.1.0/24",
    podCidr: "10.96.1.0/24",
    insideCidrs: ["169.254.10.0/30", "169.254.10.4/30"],
    lanAddress: "10.80.1.1",
    nodeIp: "10.80.1.11",
    podIp: "10.96.1.5",
    podSlice: "10.96.1.0/26",
};

const BERLIN: FleetSiteSpec = {
    key: "b",
    index: 2,
    name: "berlin",
    publicIp: "198.51.100.20",
    awsUplink: "198.51.100.1",
    outsideAddresses: ["198.18.2.1", "198.18.2.2"],
    nodeCidr: "10.80.2.0/24",
    podCidr: "10.96.2.0/23",
    insideCidrs: ["169.254.20.0/30", "169.254.20.4/30"],
    lanAddress: "10.80.2.1",
    nodeIp: "10.80.2.11",
    podIp: "10.96.2.5",
    podSlice: "10.96.2.0/26",
};

const HUB_SUPERNETS = ["10.80.0.0/12", "10.96.0.0/12"];

/** Packets the transit gateway sent towards a site's attachment. */
/**
 * Echo requests and replies the transit gateway stand-in forwarded, by nft counters in its forward
 * hook: requests to `to`, replies to `from` (a link's own packet count would include ARP).
 */
function echoCounters(lab: Lab, from: string, to: string): () => [number, number] {
    lab.exec("tgw", "nft", "add", "table", "ip", "echoes");
    lab.exec("tgw", "nft", "add", "chain", "ip", "echoes", "forwarded", "{ type filter hook forward priority 0; }");
    lab.exec("tgw", "nft", "add", "rule", "ip", "echoes", "forwarded", "ip", "daddr", to, "icmp", "type", "echo-request", "counter");
    lab.exec("tgw", "nft", "add", "rule", "ip", "echoes", "forwarded", "ip", "daddr", from, "icmp", "type", "echo-reply", "counter");
    return () => {
        const counts = [...lab.exec("tgw", "nft", "list", "chain", "ip", "echoes", "forwarded").matchAll(/packets (\d+)/g)].map((m) =>
            Number(m[1]),
        );
        return [counts[0], counts[1]];
    };
}

/** One ping from a site's node, from one of its addresses (-I), to an address of another site. */
const ping = (lab: Lab, site: FleetSiteSpec, from: string, to: string) =>
    lab.tryExec(`node-${site.key}`, "ping", "-c", "1", "-W", "1", "-I", from, to);

describe("Two sites through one transit gateway route table (network namespaces)", function () {
    this.timeout(180_000);
    const lab = new Lab();
    let munich: PlannedFleetSite;
    let berlin: PlannedFleetSite;
    let dirs: Map<string, FleetSiteDirs>;

    before(async function () {
        requireLab(this);
        munich = await plannedFleetSite(MUNICH);
        berlin = await plannedFleetSite(BERLIN);
        const started = Date.now();
        dirs = await buildFleetLab(lab, [munich, berlin]);
        console.log(`      both sites' tunnels up: ${((Date.now() - started) / 1000).toFixed(2)} s`);
    });
    after(async () => lab.destroy());

    it("plans each site with its own files and its node and pod CIDRs in the one route table, to its own attachment", () => {
        for (const site of [munich, berlin]) {
            assert.equal(site.attachment.table, TRANSIT_GATEWAY.routeTableId);
            assert.deepEqual(
                site.routes,
                [site.spec.nodeCidr, site.spec.podCidr].map((destination) => ({
                    table: TRANSIT_GATEWAY.routeTableId,
                    destination,
                    attachment: site.attachment.id,
                })),
            );
            // AWS's outside addresses of this site's connection, none of the mock engine's (the same for every connection).
            assert.doesNotMatch(Object.values(site.files).join("\n"), /198\.18\.0\.[12](?!\d)/);
            const conf = site.files["tunnel1/swanctl.conf"];
            assert.match(conf, new RegExp(`remote_addrs = ${site.spec.outsideAddresses[0].replaceAll(".", "\\.")}\n`));
            assert.match(conf, new RegExp(`id = ${site.spec.publicIp.replaceAll(".", "\\.")}\n`));
        }
        assert.notEqual(munich.attachment.id, berlin.attachment.id);
        assert.notEqual(munich.files["tunnel1/swanctl.conf"], berlin.files["tunnel1/swanctl.conf"]);
        // Both tunnels of each site up on AWS's end of its attachment.
        for (const site of [MUNICH, BERLIN]) {
            const vici = `${dirs.get(site.key)!.awsRun}/charon.vici`;
            assert.deepEqual(sas(lab, `aws-${site.key}`, vici), { ike: 2, child: 2 }, site.name);
        }
    });

    it("routes every other site's network into site A's tunnels: B's node and pod networks at metric 100, 200 and unreachable 4000", () => {
        const others = otherSiteNetworks(HUB_SUPERNETS, [MUNICH.nodeCidr, MUNICH.podCidr]);
        const holding = (inner: string) => others.filter((c) => contains(cidr(c), cidr(inner)));
        assert.deepEqual(holding(BERLIN.nodeCidr), ["10.80.2.0/23"]);
        assert.deepEqual(holding(BERLIN.podCidr), ["10.96.2.0/23"]);
        const [t1, t2] = [1, 2].map((n) => tunnelInterface(IpsecMode.Userspace, n));
        for (const c of ["10.80.2.0/23", "10.96.2.0/23"]) {
            const routes = lab.exec("onprem-a", "ip", "route", "show", c);
            assert.match(routes, new RegExp(`^${c} dev ${t1} .*metric 100\\b`, "m"), routes);
            assert.match(routes, new RegExp(`^${c} dev ${t2} .*metric 200\\b`, "m"), routes);
            assert.match(routes, new RegExp(`^unreachable ${c} metric 4000\\b`, "m"), routes);
        }
        // Every other site's network, and none of the site's own.
        const table = lab.exec("onprem-a", "ip", "route", "show");
        for (const c of others) assert.match(table, new RegExp(`^${c} dev ${t1} .*metric 100\\b`, "m"), c);
        for (const own of [MUNICH.nodeCidr, MUNICH.podCidr]) assert.doesNotMatch(table, new RegExp(`^${own} dev ipsec`, "m"), own);
    });

    it("carries site A's node address to site B's node address, and site B's back", async () => {
        await waitFor("munich's node reaching berlin's node", () => ping(lab, MUNICH, MUNICH.nodeIp, BERLIN.nodeIp), 15_000, 200);
        // Through the transit gateway: the request towards berlin's attachment, the reply back to munich's.
        const echoes = echoCounters(lab, MUNICH.nodeIp, BERLIN.nodeIp);
        try {
            assert.ok(ping(lab, MUNICH, MUNICH.nodeIp, BERLIN.nodeIp), "munich's node reaching berlin's node");
            assert.deepEqual(echoes(), [1, 1]);
        } finally {
            lab.exec("tgw", "nft", "delete", "table", "ip", "echoes");
        }
        assert.ok(ping(lab, BERLIN, BERLIN.nodeIp, MUNICH.nodeIp), "berlin's node reaching munich's node");
    });

    it("carries site A's node address and pod address to site B's pod address", async () => {
        await waitFor("munich's node reaching berlin's pod", () => ping(lab, MUNICH, MUNICH.nodeIp, BERLIN.podIp), 15_000, 200);
        assert.ok(ping(lab, MUNICH, MUNICH.podIp, BERLIN.podIp), "munich's pod reaching berlin's pod");
    });

    it("does not reach site B's pods when the route table lacks B's pod CIDR (the control), and does again with it", async () => {
        const via = attachmentLink(BERLIN).attachment;
        lab.exec("tgw", "ip", "route", "del", BERLIN.podCidr, "via", via);
        try {
            for (let i = 0; i < 3; i++) {
                assert.equal(ping(lab, MUNICH, MUNICH.nodeIp, BERLIN.podIp), false, "munich's node reached berlin's pod");
                assert.equal(ping(lab, MUNICH, MUNICH.podIp, BERLIN.podIp), false, "munich's pod reached berlin's pod");
            }
            // The tunnels are fine: only the missing route stops it.
            assert.ok(ping(lab, MUNICH, MUNICH.nodeIp, BERLIN.nodeIp), "munich's node reaching berlin's node");
        } finally {
            lab.exec("tgw", "ip", "route", "add", BERLIN.podCidr, "via", via, "dev", `att-${BERLIN.key}`);
        }
        await waitFor("munich's pod reaching berlin's pod again", () => ping(lab, MUNICH, MUNICH.podIp, BERLIN.podIp), 10_000, 200);
    });
});
