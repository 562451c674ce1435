import { strict as assert } from "assert";
import * as fs from "fs";
import { IpsecMode } from "../../components/onprem/enums";
import { tunnelInterface } from "../../components/onprem/vpnServerInputs";
import { NFT_TABLE } from "../../components/onprem/vpnServerScripts";
import { Lab, requireLab, waitFor } from "./lab";
import {
    buildLab,
    killOnpremCharon,
    killOnpremTunnel,
    NODE_IP,
    onpremProcesses,
    plannedResponderSite,
    plannedSite,
    POD_IP,
    sas,
    setupScript,
    VPC_HOST,
    waitForBothTunnels,
} from "./vpnLab";

const ping = (lab: Lab, from: string) => lab.tryExec("node", "ping", "-c", "1", "-W", "1", "-I", from, VPC_HOST);

describe("VPN server config against an AWS-like strongSwan (network namespaces)", function () {
    this.timeout(240_000);
    const lab = new Lab();
    let dirs: { configDir: string; runDir: string; awsRun: string };

    before(async function () {
        requireLab(this);
        dirs = await buildLab(lab, await plannedSite());
        await waitForBothTunnels(lab, dirs);
    });
    after(async () => lab.destroy());

    it("establishes both IKE SAs and both child SAs, on both ends", () => {
        for (const n of [1, 2]) assert.deepEqual(sas(lab, "onprem", `${dirs.runDir}/tunnel${n}/charon.vici`), { ike: 1, child: 1 });
        assert.deepEqual(sas(lab, "aws", `${dirs.awsRun}/charon.vici`), { ike: 2, child: 2 });
    });

    it("carries the node address and the pod address to the VPC host", async () => {
        await waitFor("ping from the node address", () => ping(lab, NODE_IP), 10_000);
        assert.ok(ping(lab, POD_IP), "ping from the pod address");
        assert.match(
            lab.exec("onprem", "ip", "route", "show", "10.0.0.0/16"),
            new RegExp(`dev ${tunnelInterface(IpsecMode.Userspace, 1)} .*metric 100`),
        );
    });

    it("converges when setup.sh runs again: one supervised charon per tunnel, routes unchanged", () => {
        const routes = lab.exec("onprem", "ip", "route", "show");
        setupScript(lab, dirs);
        assert.equal(onpremProcesses(lab, "charon-systemd"), 2);
        assert.equal(onpremProcesses(lab, "supervise.sh"), 2);
        assert.equal(lab.exec("onprem", "ip", "route", "show"), routes);
        for (const n of [1, 2]) assert.deepEqual(sas(lab, "onprem", `${dirs.runDir}/tunnel${n}/charon.vici`), { ike: 1, child: 1 });
        assert.equal(setupScript(lab, dirs, "status"), "tunnel 1: 1 IKE SA, 1 child SA\ntunnel 2: 1 IKE SA, 1 child SA\n");
    });

    it("keeps updown's count of tunnel 1's child SAs right through a reauthentication", async () => {
        // The overlap itself (two child SAs, the first going) is unit-tested with updown.sh; strongSwan
        // refuses a duplicate child SA in one IKE SA, so here the real daemon reauthenticates instead.
        const vici = `${dirs.runDir}/tunnel1/charon.vici`;
        const before = /aws-tunnel1: #(\d+),/.exec(lab.exec("onprem", "swanctl", "--list-sas", "--uri", `unix://${vici}`))![1];
        lab.exec("onprem", "swanctl", "--rekey", "--ike", "aws-tunnel1", "--reauth", "--uri", `unix://${vici}`);
        await waitFor(
            "tunnel 1 reauthenticated",
            () => {
                const id = /aws-tunnel1: #(\d+),/.exec(lab.exec("onprem", "swanctl", "--list-sas", "--uri", `unix://${vici}`));
                return id !== null && id[1] !== before && sas(lab, "onprem", vici).child === 1;
            },
            20_000,
            100,
        );
        await waitFor(
            "the routes back on tunnel 1",
            () => /metric 100/.test(lab.exec("onprem", "ip", "route", "show", "10.0.0.0/16")),
            10_000,
        );
        assert.equal(fs.readFileSync(`${dirs.runDir}/aws-tunnel1.children`, "utf8").trim(), "1");
        await waitFor("traffic over tunnel 1", () => ping(lab, NODE_IP), 10_000);
    });

    it("recovers when the on-prem charon of tunnel 1 dies: its supervisor starts it again", async () => {
        const started = Date.now();
        await killOnpremCharon(lab, dirs, 1);
        await waitFor("tunnel 1 back", () => sas(lab, "onprem", `${dirs.runDir}/tunnel1/charon.vici`).child === 1, 30_000);
        await waitFor("traffic after the restart", () => ping(lab, NODE_IP) && ping(lab, POD_IP), 60_000, 200);
        console.log(`      recovery after restarting the on-prem charon: ${((Date.now() - started) / 1000).toFixed(2)} s`);
        // One SA pair per tunnel: the site started the tunnel again, AWS's end only answered.
        await waitFor(
            "AWS's end down to one SA pair per tunnel",
            () => sas(lab, "aws", `${dirs.awsRun}/charon.vici`).ike === 2,
            60_000,
            500,
        );
        for (const n of [1, 2]) assert.deepEqual(sas(lab, "onprem", `${dirs.runDir}/tunnel${n}/charon.vici`), { ike: 1, child: 1 });
        assert.deepEqual(sas(lab, "aws", `${dirs.awsRun}/charon.vici`), { ike: 2, child: 2 });
    });

    it("moves the traffic to tunnel 2 when tunnel 1 goes down", async () => {
        const started = Date.now();
        await killOnpremTunnel(lab, dirs, 1);
        await waitFor(
            "tunnel 1's route gone with its TUN",
            () => !/metric 100/.test(lab.exec("onprem", "ip", "route", "show", "10.0.0.0/16")),
            10_000,
        );
        assert.match(lab.exec("onprem", "ip", "route", "show", "10.0.0.0/16"), /dev ipsec\d .*metric 200/);
        await waitFor("traffic over tunnel 2", () => ping(lab, NODE_IP), 90_000, 500);
        console.log(`      recovery over tunnel 2 with tunnel 1 down: ${((Date.now() - started) / 1000).toFixed(2)} s`);
        assert.deepEqual(sas(lab, "onprem", `${dirs.runDir}/tunnel2/charon.vici`), { ike: 1, child: 1 });
    });
});

describe("VPN server config with AWS's end starting the tunnels (network namespaces)", function () {
    this.timeout(180_000);
    const lab = new Lab();
    let dirs: { configDir: string; runDir: string; awsRun: string };
    const onePairEach = () =>
        [1, 2].every((n) => {
            const s = sas(lab, "onprem", `${dirs.runDir}/tunnel${n}/charon.vici`);
            return s.ike === 1 && s.child === 1;
        });

    before(async function () {
        requireLab(this);
        dirs = await buildLab(lab, await plannedResponderSite());
    });
    after(async () => lab.destroy());

    it("answers AWS on both tunnels without starting them itself: one SA pair per tunnel", async () => {
        assert.doesNotMatch(fs.readFileSync(`${dirs.configDir}/tunnel1/swanctl.conf`, "utf8"), /start_action = start/);
        await waitFor("both tunnels, started by AWS's end", onePairEach, 60_000, 200);
        for (const n of [1, 2]) assert.deepEqual(sas(lab, "aws", `${dirs.awsRun}/tunnel${n}/charon.vici`), { ike: 1, child: 1 });
        await waitFor("ping from the node address", () => ping(lab, NODE_IP), 10_000);
    });

    it("is started again by AWS's end after its charon died: AWS's DPD restarts the tunnel", async () => {
        const started = Date.now();
        await killOnpremCharon(lab, dirs, 1);
        await waitFor("tunnel 1 back, started by AWS", onePairEach, 120_000, 500);
        console.log(`      tunnel 1 back through AWS's DPD restart: ${((Date.now() - started) / 1000).toFixed(2)} s`);
        await waitFor("AWS's end down to one SA pair", () => sas(lab, "aws", `${dirs.awsRun}/tunnel1/charon.vici`).ike === 1, 60_000, 500);
        for (const n of [1, 2]) assert.deepEqual(sas(lab, "aws", `${dirs.awsRun}/tunnel${n}/charon.vici`), { ike: 1, child: 1 });
    });
});

describe("VPN server config next to the site router (network namespaces)", function () {
    this.timeout(120_000);
    const lab = new Lab();
    let dirs: { configDir: string; runDir: string; awsRun: string };

    before(async function () {
        requireLab(this);
        const site = await plannedSite((s) => (s.vpnServer.lanAddress = "10.80.1.2"));
        dirs = await buildLab(lab, site, { router: true });
        await waitForBothTunnels(lab, dirs);
    });
    after(async () => lab.destroy());

    it("routes the site's pod CIDR to the router, so the VPC reaches the pods and their answers come back", async () => {
        assert.match(lab.exec("onprem", "ip", "route", "show", "10.96.1.0/24"), /^10\.96\.1\.0\/24 via 10\.80\.1\.1 dev lan/);
        await waitFor("the VPC host reaching a pod", () => lab.tryExec("vpc", "ping", "-c", "1", "-W", "1", POD_IP), 15_000, 200);
        assert.ok(ping(lab, POD_IP), "a pod reaching the VPC host");
        assert.ok(ping(lab, NODE_IP), "a node reaching the VPC host");
    });
});

describe("VPN server config behind a NAT (network namespaces)", function () {
    this.timeout(120_000);
    const lab = new Lab();
    let dirs: { configDir: string; runDir: string; awsRun: string };

    before(async function () {
        requireLab(this);
        dirs = await buildLab(lab, await plannedSite((s) => (s.vpnServer.localAddress = "192.168.100.2")), { nat: "192.168.100.2" });
    });
    after(async () => lab.destroy());

    it("binds the private address, keeps the public one as its identity, and brings both tunnels up through the NAT", async () => {
        await waitForBothTunnels(lab, dirs);
        const conf = fs.readFileSync(`${dirs.configDir}/tunnel1/swanctl.conf`, "utf8");
        assert.match(conf, /local_addrs = 192\.168\.100\.2\n/);
        assert.match(conf, /id = 203\.0\.113\.10\n/);
        // The VPN server holds only its private address; the SAs run from it, through the NAT.
        assert.doesNotMatch(lab.exec("onprem", "ip", "-4", "addr", "show"), /203\.0\.113\.10/);
        assert.match(
            lab.exec("onprem", "swanctl", "--list-sas", "--uri", `unix://${dirs.runDir}/tunnel1/charon.vici`),
            /192\.168\.100\.2\[4500\]/,
        );
        assert.match(lab.exec("aws", "swanctl", "--list-sas", "--uri", `unix://${dirs.awsRun}/charon.vici`), /203\.0\.113\.10\[\d+\]/);
        await waitFor("ping from the node address through the NAT", () => ping(lab, NODE_IP), 10_000);
    });
});

describe("VPN server config with both tunnels down (network namespaces)", function () {
    this.timeout(120_000);
    const lab = new Lab();
    let dirs: { configDir: string; runDir: string; awsRun: string };
    /** Packets to the VPC that left the uplink unencrypted (ESP travels to AWS's outside addresses). */
    const clearPackets = () => Number(/packets (\d+)/.exec(lab.exec("onprem", "nft", "list", "chain", "inet", "leak", "uplink"))![1]);

    before(async function () {
        requireLab(this);
        dirs = await buildLab(lab, await plannedSite());
        await waitForBothTunnels(lab, dirs);
        // A real VPN server's default route leads out of its uplink.
        lab.exec("onprem", "ip", "route", "replace", "default", "via", "203.0.113.1");
        lab.exec("onprem", "nft", "add", "table", "inet", "leak");
        lab.exec("onprem", "nft", "add", "chain", "inet", "leak", "uplink", "{ type filter hook postrouting priority 0; }");
        lab.exec("onprem", "nft", "add", "rule", "inet", "leak", "uplink", "oifname", "wan", "ip", "daddr", "10.0.0.0/16", "counter");
    });
    after(async () => lab.destroy());

    it("stops both tunnels with setup.sh stop", async () => {
        setupScript(lab, dirs, "stop");
        await waitFor("no charon left", () => onpremProcesses(lab, "charon-systemd") + onpremProcesses(lab, "supervise.sh") === 0, 10_000);
        assert.equal(setupScript(lab, dirs, "status"), "tunnel 1: charon not running\ntunnel 2: charon not running\n");
    });

    it("drops traffic to the VPC instead of sending it in clear out of the uplink, by route and by firewall", async () => {
        for (const n of [1, 2] as const) await killOnpremTunnel(lab, dirs, n);
        await waitFor("both TUNs gone", () => ![0, 1].some((k) => lab.tryExec("onprem", "ip", "link", "show", `ipsec${k}`)), 10_000);
        assert.equal(lab.exec("onprem", "ip", "route", "show", "10.0.0.0/16").trim(), "unreachable 10.0.0.0/16 metric 4000");
        assert.equal(ping(lab, NODE_IP), false);
        assert.equal(clearPackets(), 0);
        // Without the fallback route (a network manager may remove it) the firewall still keeps the VPC off the uplink.
        lab.exec("onprem", "ip", "route", "del", "unreachable", "10.0.0.0/16", "metric", "4000");
        assert.equal(ping(lab, NODE_IP), false);
        assert.equal(clearPackets(), 0);
        // The control: without the firewall's tunnels chain as well, the same ping leaves the uplink in clear.
        lab.exec("onprem", "nft", "delete", "chain", "inet", NFT_TABLE, "tunnels");
        ping(lab, NODE_IP);
        assert.ok(clearPackets() > 0, "the counter sees cleartext when both are missing");
    });
});

describe("VPN server config: the AWS end refuses a wrong key and a mismatched proposal", function () {
    this.timeout(120_000);
    const lab = new Lab();
    let dirs: { configDir: string; runDir: string; awsRun: string };

    before(async function () {
        requireLab(this);
        const site = await plannedSite();
        // AWS's end holds another key for tunnel 1, and offers only AES-128 on tunnel 2.
        site.awsTunnels[0] = { ...site.awsTunnels[0], presharedKey: "another.Key_of_AWS" };
        const t2 = site.awsTunnels[1].options;
        site.awsTunnels[1] = { ...site.awsTunnels[1], options: { ...t2, phase1: { ...t2.phase1, encryption: ["AES128"] } } };
        dirs = await buildLab(lab, site);
    });
    after(async () => lab.destroy());

    it("establishes neither tunnel: AWS's end refuses the key of tunnel 1 and the proposal of tunnel 2", () => {
        const initiate = (n: number) =>
            lab.run(
                "onprem",
                "swanctl",
                "--initiate",
                "--child",
                `aws-tunnel${n}`,
                "--timeout",
                "10",
                "--uri",
                `unix://${dirs.runDir}/tunnel${n}/charon.vici`,
            );
        const t1 = initiate(1);
        assert.notEqual(t1.status, 0);
        assert.match(t1.output, /received AUTHENTICATION_FAILED notify error/);
        const t2 = initiate(2);
        assert.notEqual(t2.status, 0);
        assert.match(t2.output, /received NO_PROPOSAL_CHOSEN notify error/);
        assert.deepEqual(sas(lab, "aws", `${dirs.awsRun}/charon.vici`), { ike: 0, child: 0 });
        assert.ok(!ping(lab, NODE_IP));
    });
});
