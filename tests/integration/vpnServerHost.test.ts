import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { NFT_TABLE, SETUP_UNIT, tunnelUnit } from "../../components/onprem/vpnServerScripts";
import { Lab, requireLab, sleep, waitFor } from "./lab";
import { buildLab, killOnpremTunnel, NODE_IP, plannedSite, VPC_HOST, waitForBothTunnels } from "./vpnLab";

// The VPN server as a host: its firewall (IKE only from AWS, only the site's networks through the
// tunnels) and a reboot, run as systemd would run the generated units.

const ping = (lab: Lab, ns: string, from: string, to: string) => lab.tryExec(ns, "ping", "-c", "1", "-W", "1", "-I", from, to);

/** Packets a counter rule of a chain saw (the first counter of the chain when `match` is not given). */
function counted(lab: Lab, ns: string, family: string, table: string, chain: string, match = "counter"): number {
    const line = lab
        .exec(ns, "nft", "list", "chain", family, table, chain)
        .split("\n")
        .find((l) => l.includes(match) && l.includes("counter packets"));
    return Number(/counter packets (\d+)/.exec(line ?? "")?.[1] ?? NaN);
}

/** Sends `count` UDP datagrams from `source` (any port) to `target:port`, from inside a namespace. */
function sendUdp(lab: Lab, ns: string, source: string, target: string, port: number, count: number): void {
    const script =
        "const s=require('dgram').createSocket('udp4');" +
        `s.bind({address:'${source}'},async()=>{for(let i=0;i<${count};i++)` +
        `await new Promise(r=>s.send('ike?',${port},'${target}',r));s.close();});`;
    lab.exec(ns, process.execPath, "-e", script);
}

describe("the VPN server's firewall (network namespaces)", function () {
    this.timeout(120_000);
    const lab = new Lab();
    let dirs: { configDir: string; runDir: string; awsRun: string };

    before(async function () {
        requireLab(this);
        dirs = await buildLab(lab, await plannedSite());
        await waitForBothTunnels(lab, dirs);
    });
    after(async () => lab.destroy());

    it("drops IKE from an address that is not one of the tunnels' AWS outside addresses", () => {
        lab.exec("aws", "ip", "addr", "add", "203.0.113.99/24", "dev", "wan");
        const dropped = () => counted(lab, "onprem", "inet", NFT_TABLE, "ike", "udp dport");
        const before = dropped();
        sendUdp(lab, "aws", "203.0.113.99", "203.0.113.10", 500, 3);
        sendUdp(lab, "aws", "203.0.113.99", "203.0.113.10", 4500, 2);
        assert.equal(dropped() - before, 5);
        // The control: the same datagrams from AWS's outside address pass the firewall (charon ignores them).
        sendUdp(lab, "aws", "198.18.0.1", "203.0.113.10", 500, 3);
        assert.equal(dropped() - before, 5);
    });

    it("forwards from the VPC only to the site's networks: a host outside them stays out of reach", async () => {
        // A LAN host outside the node and pod CIDRs, and a VPC route to it (any VPC route could be added).
        lab.exec("node", "ip", "addr", "add", "192.168.50.5/32", "dev", "lo");
        lab.exec("onprem", "ip", "route", "add", "192.168.50.5/32", "via", NODE_IP);
        lab.exec("aws", "ip", "route", "add", "192.168.50.0/24", "dev", "ipsec0");
        await waitFor("the node reached from the VPC", () => ping(lab, "vpc", VPC_HOST, NODE_IP), 10_000);
        const fromTunnels = () => counted(lab, "onprem", "inet", NFT_TABLE, "tunnels", `iifname "ipsec*" counter`);
        const before = fromTunnels();
        assert.equal(ping(lab, "vpc", VPC_HOST, "192.168.50.5"), false);
        assert.ok(fromTunnels() > before, "dropped by the tunnels chain");
        // The control: without the firewall's forward chain the same host answers.
        lab.exec("onprem", "nft", "delete", "chain", "inet", NFT_TABLE, "tunnels");
        assert.equal(ping(lab, "vpc", VPC_HOST, "192.168.50.5"), true);
    });
});

describe("the VPN server rebooting (network namespaces)", function () {
    this.timeout(180_000);
    const lab = new Lab();
    let dirs: { configDir: string; runDir: string; awsRun: string };
    /** Packets for the VPC that reached AWS's side in clear (ESP goes to the outside addresses). */
    const clear = () => counted(lab, "aws", "ip", "leak", "wan");
    const unit = (name: string) => fs.readFileSync(path.join(dirs.configDir, name), "utf8");
    const directive = (text: string, key: string) => [...text.matchAll(new RegExp(`^${key}=(.*)$`, "gm"))].map((m) => m[1]);
    const run = (command: string) => lab.exec("onprem", "env", "EKS_HYBRID_VPN_SUPERVISOR=script", "sh", "-c", command);

    before(async function () {
        requireLab(this);
        dirs = await buildLab(lab, await plannedSite());
        await waitForBothTunnels(lab, dirs);
        // A real VPN server has a default route out of its uplink, and an admin's forwarding sysctl
        // (/etc/sysctl.d) that a boot applies before any network: the worst case for leaking.
        lab.exec("onprem", "ip", "route", "replace", "default", "via", "203.0.113.1");
        lab.exec("aws", "nft", "add", "table", "ip", "leak");
        lab.exec("aws", "nft", "add", "chain", "ip", "leak", "wan", "{ type filter hook prerouting priority -300; }");
        lab.exec("aws", "nft", "add", "rule", "ip", "leak", "wan", "iifname", "wan", "ip", "daddr", "10.0.0.0/16", "counter");
        lab.start("pinger", "node", ["stdbuf", "-oL", "ping", "-n", "-i", "0.05", "-I", NODE_IP, VPC_HOST]);
    });
    after(async () => lab.destroy());

    /** Power off: the daemons die, the kernel's state is gone, the links are down until networking starts. */
    async function powerCycle(): Promise<void> {
        // The links go first: a powered-off server forwards nothing while its state is torn down.
        for (const dev of ["wan", "lan"]) lab.exec("onprem", "ip", "link", "set", dev, "down");
        for (const n of [1, 2] as const) await killOnpremTunnel(lab, dirs, n);
        lab.exec("onprem", "nft", "flush", "ruleset");
        lab.exec("onprem", "ip", "route", "flush", "type", "unreachable");
        lab.exec("onprem", "sysctl", "-qw", "net.ipv4.ip_forward=1");
        fs.rmSync(dirs.runDir, { recursive: true, force: true });
        fs.mkdirSync(dirs.runDir);
    }

    /** network-online: the links up, with the routes networking configures. */
    async function networkUp(): Promise<void> {
        for (const dev of ["wan", "lan"]) lab.exec("onprem", "ip", "link", "set", dev, "up");
        lab.exec("onprem", "ip", "route", "replace", "198.18.0.0/24", "via", "203.0.113.1");
        lab.exec("onprem", "ip", "route", "replace", "default", "via", "203.0.113.1");
        lab.exec("onprem", "ip", "route", "replace", "10.96.1.0/26", "via", NODE_IP);
        await sleep(1000);
    }

    /** The tunnels' units: ExecStartPre, then (no systemd here) the supervisor running ExecStart and ExecStartPost. */
    function startTunnelUnits(): void {
        for (const n of [1, 2] as const) {
            for (const pre of directive(unit(tunnelUnit(n)), "ExecStartPre")) run(pre);
            lab.start(`supervisor${n}`, "onprem", [
                "env",
                "EKS_HYBRID_VPN_SUPERVISOR=script",
                path.join(dirs.configDir, "supervise.sh"),
                String(n),
            ]);
        }
    }

    it("orders the setup unit before any network and before both tunnels' units, which require it", () => {
        const setup = unit(SETUP_UNIT);
        assert.deepEqual(directive(setup, "Before"), [`network-pre.target ${tunnelUnit(1)} ${tunnelUnit(2)}`]);
        assert.deepEqual(directive(setup, "DefaultDependencies"), ["no"]);
        assert.deepEqual(directive(setup, "ExecStart"), [`${dirs.configDir}/setup.sh prepare`]);
        for (const n of [1, 2] as const) assert.deepEqual(directive(unit(tunnelUnit(n)), "Requires"), [SETUP_UNIT]);
    });

    it("comes back with both tunnels and sends nothing in clear meanwhile", async () => {
        const before = clear();
        const pinged = () => fs.readFileSync(path.join(lab.dir, "pinger.log"), "utf8");
        await waitFor("the pinger answered", () => /icmp_seq=5 /.test(pinged()), 10_000);
        await powerCycle();
        // The links are down: nothing is answered from here until the boot is done.
        const logged = pinged().length;
        // Boot: the setup unit first (Before=network-pre.target), then networking, then the tunnels' units.
        for (const command of directive(unit(SETUP_UNIT), "ExecStart")) run(command);
        await networkUp();
        startTunnelUnits();
        await waitFor("both charons answering", () => [1, 2].every((n) => fs.existsSync(`${dirs.runDir}/tunnel${n}/charon.vici`)), 15_000);
        await waitForBothTunnels(lab, dirs, 30_000);
        await waitFor("the VPC reached again", () => ping(lab, "node", NODE_IP, VPC_HOST), 10_000);
        assert.equal(clear() - before, 0);
        // The pinger kept sending through the boot: its first answer after it is many requests later.
        const answered = (text: string) => [...text.matchAll(/^64 bytes from 10\.0\.0\.10: icmp_seq=(\d+)/gm)].map((m) => Number(m[1]));
        const lastBefore = Math.max(...answered(pinged().slice(0, logged)));
        const firstAfter = Math.min(...answered(pinged().slice(logged)));
        assert.ok(firstAfter - lastBefore > 20, `requests ${lastBefore + 1} to ${firstAfter - 1} went unanswered, none in clear`);
    });

    it("leaks without the setup unit (the control: the tunnels' units alone, as before it existed)", async () => {
        await lab.stop("supervisor1", true);
        await lab.stop("supervisor2", true);
        const before = clear();
        await powerCycle();
        await networkUp();
        ping(lab, "node", NODE_IP, VPC_HOST);
        assert.ok(clear() - before > 0, "the pinger's packets left in clear while no tunnel was up");
    });
});
