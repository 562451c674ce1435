// Prints, for the generated userspace-ESP VPN config against the AWS-like strongSwan of the tests:
// tunnel establishment time, recovery time for each fault, and TCP throughput through the tunnel
// (iperf3) with and without the MSS clamp. Needs root and the daemons (see .ci/run). Figures only.
import { Lab, labUnavailable, waitFor } from "../tests/integration/lab";
import { buildLab, NODE_IP, plannedSite, sas, VPC_HOST, killOnpremCharon, killOnpremTunnel } from "../tests/integration/vpnLab";
import { benchCommandLine } from "./commandLine";

benchCommandLine(
    "bench:vpn",
    "Prints tunnel establishment, recovery per fault and throughput through the generated VPN config (root and the daemons needed).",
);

async function main(): Promise<void> {
    const why = labUnavailable();
    if (why) throw new Error(`bench/vpn cannot run: ${why}`);
    const lab = new Lab();
    try {
        const site = await plannedSite();
        const started = Date.now();
        const dirs = await buildLab(lab, site);
        await waitFor(
            "both tunnels",
            () => [1, 2].every((n) => sas(lab, "onprem", `${dirs.runDir}/tunnel${n}/charon.vici`).child === 1),
            30_000,
            20,
        );
        console.log(
            `both tunnels established: ${((Date.now() - started) / 1000).toFixed(2)} s after the lab was started (namespaces, AWS ` +
                `end, setup.sh)`,
        );
        const ping = () => lab.tryExec("node", "ping", "-c", "1", "-W", "1", "-I", NODE_IP, VPC_HOST);
        await waitFor("traffic", ping, 10_000);

        lab.start("iperf", "vpc", ["iperf3", "-s"]);
        await waitFor("iperf3 server", () => lab.tryExec("vpc", "sh", "-c", "ss -ltn | grep -q :5201"), 10_000);
        const throughput = () => {
            const out = JSON.parse(lab.exec("node", "iperf3", "-c", VPC_HOST, "-B", NODE_IP, "-t", "5", "-J"));
            return (out.end.sum_received.bits_per_second / 1e6).toFixed(1);
        };
        console.log(`throughput with the MSS clamp: ${throughput()} Mbit/s`);
        lab.exec("onprem", "nft", "delete", "table", "inet", "eks_hybrid_vpn");
        console.log(`throughput without the MSS clamp: ${throughput()} Mbit/s`);
        await lab.stop("iperf");

        let t = Date.now();
        await killOnpremCharon(lab, dirs, 1);
        await waitFor("traffic after the restart", ping, 60_000, 50);
        console.log(
            `on-prem charon of tunnel 1 killed, restarted by its supervisor -> traffic back: ${((Date.now() - t) / 1000).toFixed(2)} s`,
        );

        t = Date.now();
        await killOnpremTunnel(lab, dirs, 1);
        await waitFor("traffic over tunnel 2", ping, 120_000, 200);
        console.log(
            `tunnel 1 down for good -> traffic over tunnel 2: ${((Date.now() - t) / 1000).toFixed(2)} s (AWS's end notices by DPD)`,
        );
    } finally {
        await lab.destroy();
    }
}

main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
});
