import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { KubeObject, siteBgpClusterConfig, siteBgpPeerConfig, siteLoadBalancerPool } from "../../components/cilium/ciliumObjects";
import { renderRouterConfig } from "../../components/onprem/routerConfig";
import { munichCilium } from "../support/fixtures";
import { Lab, requireLab, waitFor } from "./lab";

const NODE_IP = "10.80.1.11";
const PASSWORD = "bgp.Secret_42";
const SITE = { ...munichCilium(), loadBalancerCidr: "10.112.1.0/24" };
/** A Service's address from the site's pool, as Cilium's LB IPAM gives it; and one of another site's pool. */
const SERVICE_IP = `${(siteLoadBalancerPool(SITE).spec.blocks as { cidr: string }[])[0].cidr.replace(/0\/24$/, "10")}/32`;
const OTHER_SITE_SERVICE_IP = "10.112.2.10/32";

/**
 * GoBGP standing in for the Cilium agent (Cilium embeds GoBGP), configured from the site's
 * CiliumBGPClusterConfig and CiliumBGPPeerConfig: the nodes' ASN, the router as peer, timers,
 * graceful restart, and connecting only (no listener), as Cilium does.
 */
function gobgpConfig(cluster: KubeObject, peer: KubeObject, nodeIp: string, password: string): string {
    const instance = (cluster.spec.bgpInstances as any[])[0];
    const router = instance.peers[0];
    const { timers, gracefulRestart } = peer.spec as any;
    return [
        "[global.config]",
        `  as = ${instance.localASN}`,
        `  router-id = "${nodeIp}"`,
        "  port = -1",
        "[[neighbors]]",
        "  [neighbors.config]",
        `    neighbor-address = "${router.peerAddress}"`,
        `    peer-as = ${router.peerASN}`,
        `    auth-password = "${password}"`,
        "  [neighbors.timers.config]",
        `    connect-retry = ${timers.connectRetryTimeSeconds}`,
        `    hold-time = ${timers.holdTimeSeconds}`,
        `    keepalive-interval = ${timers.keepAliveTimeSeconds}`,
        "  [neighbors.graceful-restart.config]",
        `    enabled = ${gracefulRestart.enabled}`,
        `    restart-time = ${gracefulRestart.restartTimeSeconds}`,
        "  [[neighbors.afi-safis]]",
        "    [neighbors.afi-safis.config]",
        '      afi-safi-name = "ipv4-unicast"',
        "",
    ].join("\n");
}

describe("router BGP config against GoBGP as the Cilium agent (network namespaces)", function () {
    this.timeout(180_000);
    const lab = new Lab();
    let run: string;
    const routes = () => lab.exec("router", "ip", "route", "show", "proto", "bgp");
    const announce = () => {
        for (const prefix of ["10.96.1.0/26", "10.200.0.0/26", "10.96.1.64/27", SERVICE_IP, OTHER_SITE_SERVICE_IP])
            lab.exec("node", "gobgp", "global", "rib", "add", prefix, "-a", "ipv4");
    };
    const startGobgp = async () => {
        lab.start("gobgpd", "node", [
            "gobgpd",
            "-f",
            path.join(lab.dir, "gobgp.toml"),
            "--pprof-disable",
            "--api-hosts",
            "127.0.0.1:50051",
        ]);
        await waitFor("gobgpd API", () => lab.tryExec("node", "gobgp", "global"), 10_000);
        announce();
    };

    before(async function () {
        requireLab(this);
        for (const ns of ["router", "node"]) lab.addNamespace(ns);
        lab.link("router", "lan", ["10.80.1.1/24"], "node", "lan", [`${NODE_IP}/24`]);

        // FRR with the generated frr.conf: zebra and bgpd straight in the namespace, in their own run dir.
        run = path.join(lab.dir, "frr");
        fs.mkdirSync(run, { recursive: true });
        const conf = path.join(run, "frr.conf");
        fs.writeFileSync(
            conf,
            renderRouterConfig({
                site: SITE.site,
                ...SITE.bgp!,
                nodeCidr: "10.80.1.0/24",
                podCidr: SITE.podCidr,
                podMaskSize: SITE.podMaskSize,
                loadBalancerCidr: SITE.loadBalancerCidr,
                vpcCidrs: ["10.0.0.0/16"],
                password: PASSWORD,
            }),
            { mode: 0o600 },
        );
        execFileSync("chown", ["-R", "frr:frr", run]);
        const common = ["-z", `${run}/zserv.api`, "--vty_socket", run, "-P", "0", "-u", "frr", "-g", "frr"];
        lab.start("zebra", "router", ["/usr/lib/frr/zebra", "-f", "/dev/null", "-i", `${run}/zebra.pid`, ...common]);
        await waitFor("zebra", () => fs.existsSync(`${run}/zserv.api`), 10_000);
        lab.start("bgpd", "router", ["/usr/lib/frr/bgpd", "-f", conf, "-i", `${run}/bgpd.pid`, ...common]);
        await waitFor("bgpd", () => lab.tryExec("router", "vtysh", "--vty_socket", run, "-c", "show bgp summary"), 10_000);

        fs.writeFileSync(
            path.join(lab.dir, "gobgp.toml"),
            gobgpConfig(siteBgpClusterConfig(SITE), siteBgpPeerConfig(SITE), NODE_IP, PASSWORD),
        );
        await startGobgp();
    });
    after(async () => lab.destroy());

    it(
        "installs the node's pod slice via the node, with the password, and rejects prefixes outside the pod CIDR or of another " + "mask",
        async () => {
            const ms = await waitFor("the pod slice in the router's table", () => routes().includes("10.96.1.0/26"), 60_000, 200);
            console.log(`      first route after GoBGP started: ${(ms / 1000).toFixed(2)} s`);
            assert.match(routes(), /^10\.96\.1\.0\/26 (nhid \d+ )?via 10\.80\.1\.11 dev lan/m);
            assert.doesNotMatch(routes(), /10\.200\.0\.0/);
            assert.doesNotMatch(routes(), /10\.96\.1\.64/);
            const neighbors = lab.exec("node", "gobgp", "neighbor");
            assert.match(neighbors, /10\.80\.1\.1 +65000 .*Establ/);
        },
    );

    it("installs a Service's address of the site's pool via the node, and refuses another site's", async () => {
        assert.equal(SERVICE_IP, "10.112.1.10/32");
        await waitFor("the Service's address in the router's table", () => routes().includes("10.112.1.10"), 60_000, 200);
        assert.match(routes(), /^10\.112\.1\.10 (nhid \d+ )?via 10\.80\.1\.11 dev lan/m);
        assert.doesNotMatch(routes(), /10\.112\.2\./);
    });

    it("withdraws the route when GoBGP stops, and learns it again when it is back", async () => {
        let started = Date.now();
        await lab.stop("gobgpd");
        await waitFor("the route withdrawn", () => !routes().includes("10.96.1.0/26"), 150_000, 100);
        console.log(`      route withdrawn ${((Date.now() - started) / 1000).toFixed(2)} s after GoBGP stopped`);
        started = Date.now();
        await startGobgp();
        await waitFor("the route learnt again", () => routes().includes("10.96.1.0/26"), 60_000, 200);
        console.log(`      route back ${((Date.now() - started) / 1000).toFixed(2)} s after GoBGP started`);
    });
});
