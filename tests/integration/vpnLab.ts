import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { IpsecMode } from "../../components/onprem/enums";
import { renderVpnServerConfig } from "../../components/onprem/vpnServerConfig";
import { RenderedFile, userspacePorts, vpnServerFileMode } from "../../components/onprem/vpnServerInputs";
import { Site } from "../../components/site/site";
import { siteHubArgs, siteSettings } from "../support/fixtures";
import { MockCloud } from "../support/mockCloud";
import { AwsTunnel, awsTunnelOptions, renderAwsSide } from "./awsSide";
import { Lab, waitFor } from "./lab";

export const VPC_HOST = "10.0.0.10";
export const NODE_IP = "10.80.1.11";
export const POD_IP = "10.96.1.5";

/** The site as the site stack builds it: its VPN server files and the VPN connection AWS holds. */
export async function plannedSite(change: (s: any) => void = () => {}) {
    const settings = siteSettings();
    settings.vpnServer.ipsecMode = IpsecMode.Userspace;
    change(settings);
    const { cloud, result } = await MockCloud.run(
        () =>
            new Site("munich", {
                site: settings,
                hub: siteHubArgs("kubeconfig"),
                activationExpiry: "2026-12-22T00:00:00Z",
            }),
    );
    const files: Record<string, string> = await (result.vpnServerConfig as any).promise();
    const vpn = cloud.ofType("aws:ec2/vpnConnection:VpnConnection")[0];
    const state = { ...vpn.inputs, tunnel1Address: "198.18.0.1", tunnel2Address: "198.18.0.2" };
    const psk = (n: 1 | 2) => ((state as Record<string, any>)[`tunnel${n}PresharedKey`] as { value: string }).value;
    const awsTunnels = ([1, 2] as const).map((n): AwsTunnel => ({
        outsideAddress: (state as Record<string, any>)[`tunnel${n}Address`],
        presharedKey: psk(n),
        options: awsTunnelOptions(state, n),
    }));
    return { files, awsTunnels: awsTunnels as [AwsTunnel, AwsTunnel], publicIp: settings.vpnServer.publicIp as string };
}

/**
 * The lab: "onprem" runs the generated VPN server config (one charon per tunnel, userspace ESP)
 * and routes the site LAN; "node" is a hybrid node with a node address and a pod address behind
 * it; "aws" holds both tunnel outside addresses and AWS's end of the tunnels; "vpc" is a host in
 * the VPC. Only veth pairs between these namespaces: nothing leaves them.
 */
/**
 * The site when AWS starts the tunnels (startup action start, DPD restart): a valid site config in
 * kernel mode for AWS's options, and its answering side rendered in userspace mode for this lab
 * (validation keeps userspace mode from that combination: real AWS starts towards UDP 500 only).
 */
export async function plannedResponderSite() {
    const site = await plannedSite((s) => {
        s.vpnServer.ipsecMode = IpsecMode.Kernel;
        s.tunnels.startupAction = "start";
        s.tunnels.dpdTimeoutAction = "restart";
    });
    const [t1, t2] = site.awsTunnels;
    const files = renderVpnServerConfig({
        site: "munich",
        mode: IpsecMode.Userspace,
        localId: site.publicIp,
        nodeCidr: "10.80.1.0/24",
        vpcCidrs: ["10.0.0.0/16"],
        tunnels: [
            {
                outsideAddress: t1.outsideAddress,
                presharedKey: t1.presharedKey,
                cgwInsideAddress: "169.254.10.2",
                vgwInsideAddress: "169.254.10.1",
            },
            {
                outsideAddress: t2.outsideAddress,
                presharedKey: t2.presharedKey,
                cgwInsideAddress: "169.254.10.6",
                vgwInsideAddress: "169.254.10.5",
            },
        ],
        options: t1.options,
    });
    return { ...site, files: Object.fromEntries(files.map((f) => [f.path, f.content])) };
}

export async function buildLab(lab: Lab, site: Awaited<ReturnType<typeof plannedSite>>, options: { nat?: string; router?: boolean } = {}) {
    for (const ns of ["onprem", "node", "aws", "vpc"]) lab.addNamespace(ns);
    const awsWan = ["203.0.113.1/24", "198.18.0.1/32", "198.18.0.2/32"];
    if (options.nat === undefined) {
        lab.link("onprem", "wan", [`${site.publicIp}/24`], "aws", "wan", awsWan);
        lab.exec("onprem", "ip", "route", "add", "198.18.0.0/24", "via", "203.0.113.1");
    } else {
        // The VPN server behind a NAT: its private address on the inside, the customer gateway's outside.
        lab.addNamespace("nat");
        lab.link("onprem", "wan", [`${options.nat}/24`], "nat", "lan", ["192.168.100.1/24"]);
        lab.link("nat", "wan", [`${site.publicIp}/24`], "aws", "wan", awsWan);
        lab.exec("nat", "sysctl", "-qw", "net.ipv4.ip_forward=1");
        lab.exec("nat", "ip", "route", "add", "198.18.0.0/24", "via", "203.0.113.1");
        lab.exec("nat", "nft", "add", "table", "ip", "nat");
        lab.exec("nat", "nft", "add", "chain", "ip", "nat", "post", "{ type nat hook postrouting priority srcnat; }");
        lab.exec("nat", "nft", "add", "rule", "ip", "nat", "post", "oifname", "wan", "snat", "to", site.publicIp);
        lab.exec("onprem", "ip", "route", "add", "198.18.0.0/24", "via", "192.168.100.1");
    }
    if (options.router) {
        // The site LAN as a bridge: the router (10.80.1.1, BGP's peer), the VPN server (10.80.1.2)
        // and the node on it. The router knows the node's pod slice (as BGP would tell it) and
        // sends the VPC to the VPN server (as its rendered static routes do).
        for (const ns of ["lan", "router"]) lab.addNamespace(ns);
        lab.exec("lan", "ip", "link", "add", "br0", "type", "bridge");
        lab.exec("lan", "ip", "link", "set", "br0", "up");
        for (const [ns, addr, port] of [
            ["onprem", "10.80.1.2/24", "p1"],
            ["router", "10.80.1.1/24", "p2"],
            ["node", `${NODE_IP}/24`, "p3"],
        ]) {
            lab.link(ns, "lan", [addr], "lan", port, []);
            lab.exec("lan", "ip", "link", "set", port, "master", "br0");
        }
        lab.exec("router", "sysctl", "-qw", "net.ipv4.ip_forward=1");
        lab.exec("router", "ip", "route", "add", "10.96.1.0/26", "via", NODE_IP);
        lab.exec("router", "ip", "route", "add", "10.0.0.0/16", "via", "10.80.1.2");
    } else {
        lab.link("onprem", "lan", ["10.80.1.1/24"], "node", "lan", [`${NODE_IP}/24`]);
        // The pod slice's route; in a site BGP brings it (see bgp.test.ts).
        lab.exec("onprem", "ip", "route", "add", "10.96.1.0/26", "via", NODE_IP);
    }
    lab.link("aws", "vpc", ["10.0.0.1/24"], "vpc", "eth0", [`${VPC_HOST}/24`]);
    // A real VPN server has a default route; here nothing may leave, and nothing may fall through
    // to the tunnels' catch-all table.
    for (const ns of ["onprem", "aws"]) lab.exec(ns, "ip", "route", "add", "unreachable", "default");
    lab.exec("node", "ip", "addr", "add", `${POD_IP}/32`, "dev", "lo");
    lab.exec("node", "ip", "route", "add", "default", "via", "10.80.1.1");
    lab.exec("vpc", "ip", "route", "add", "default", "via", "10.0.0.1");
    lab.exec("aws", "sysctl", "-qw", "net.ipv4.ip_forward=1");

    // AWS's end: one charon for both tunnels; when AWS starts them, one per tunnel on the site's
    // userspace ports (tunnel 2's charon starts towards the site's 14500 and stays on it).
    const awsRun = path.join(lab.dir, "aws-run");
    const awsStarts = site.awsTunnels[0].options.startupAction === "start";
    const awsCharons = awsStarts
        ? ([1, 2] as const).map((n) => ({
              key: `aws-charon${n}`,
              run: path.join(awsRun, `tunnel${n}`),
              side: { only: n, ports: userspacePorts(n), customerPort: n === 1 ? undefined : userspacePorts(2).natt },
          }))
        : [{ key: "aws-charon", run: awsRun, side: {} }];
    for (const [k, charon] of awsCharons.entries()) {
        fs.mkdirSync(charon.run, { recursive: true });
        const awsDir = lab.writeFiles(`aws-${k}`, renderAwsSide(site.publicIp, site.awsTunnels, charon.run, charon.side));
        lab.start(charon.key, "aws", ["charon-systemd"], { STRONGSWAN_CONF: path.join(awsDir, "strongswan.conf") });
        await waitFor(
            "AWS charon",
            () => fs.existsSync(path.join(charon.run, "charon.vici")) && lab.tryExec("aws", "ip", "link", "show", `ipsec${k}`),
            10_000,
        );
        lab.exec("aws", "swanctl", "--load-all", "--file", path.join(awsDir, "swanctl.conf"), "--uri", `unix://${charon.run}/charon.vici`);
    }
    lab.exec("aws", "ip", "addr", "add", "169.254.10.1/30", "dev", "ipsec0");
    lab.exec("aws", "ip", "addr", "add", "169.254.10.5/30", "dev", "ipsec0");
    lab.exec("aws", "ip", "link", "set", "ipsec0", "up");
    for (const cidr of ["10.80.1.0/24", "10.96.1.0/24"]) lab.exec("aws", "ip", "route", "add", cidr, "dev", "ipsec0");

    // The site's end: the generated files, installed under the lab's directory instead of /etc and /run.
    const configDir = path.join(lab.dir, "onprem");
    const runDir = path.join(lab.dir, "onprem-run");
    const relocate = (text: string) => text.replaceAll("/etc/eks-hybrid-vpn", configDir).replaceAll("/run/eks-hybrid-vpn", runDir);
    const files: RenderedFile[] = Object.entries(site.files).map(([p, content]) => ({
        path: p,
        content: relocate(content),
        mode: vpnServerFileMode(p),
    }));
    lab.writeFiles("onprem", files);
    setupScript(lab, { configDir });
    // Under systemd, `setup.sh start` returns once each unit's load-tunnel.sh has run; with the
    // script supervisor the tunnels load in the background: wait as systemd would.
    await waitFor(
        "both tunnels loaded into their charons",
        () =>
            ([1, 2] as const).every((n) =>
                lab
                    .run("onprem", "swanctl", "--list-conns", "--uri", `unix://${runDir}/tunnel${n}/charon.vici`)
                    .output.includes(`aws-tunnel${n}:`),
            ),
        15_000,
        100,
    );
    return { configDir, runDir, awsRun };
}

/** The site's setup.sh as the site team runs it, with its script supervisor in place of systemd. */
export function setupScript(lab: Lab, dirs: { configDir: string }, action = "start"): string {
    return lab.exec("onprem", "env", "EKS_HYBRID_VPN_SUPERVISOR=script", "sh", path.join(dirs.configDir, "setup.sh"), action);
}

const pidOf = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : "");

/** Kills tunnel n's charon; its supervisor starts it again, as its systemd unit would. Resolves once the new one runs. */
export async function killOnpremCharon(lab: Lab, dirs: { runDir: string }, n: 1 | 2): Promise<void> {
    const pidFile = `${dirs.runDir}/tunnel${n}/charon.pid`;
    const old = pidOf(pidFile);
    await lab.killPidFile(pidFile, true);
    await waitFor(
        `tunnel ${n}'s charon started again by its supervisor`,
        () => pidOf(pidFile) !== "" && pidOf(pidFile) !== old && fs.existsSync(`${dirs.runDir}/tunnel${n}/charon.vici`),
        15_000,
        50,
    );
}

/** Takes tunnel n down for good, as a dead VPN server would: no goodbye to AWS's end, no restart. */
export async function killOnpremTunnel(lab: Lab, dirs: { runDir: string }, n: 1 | 2): Promise<void> {
    await lab.killPidFile(`${dirs.runDir}/tunnel${n}/supervisor.pid`, true);
    await lab.killPidFile(`${dirs.runDir}/tunnel${n}/charon.pid`, true);
}

/** How many processes named `comm` run in the onprem namespace (pgrep would see every namespace's). */
export function onpremProcesses(lab: Lab, comm: string): number {
    const pids = spawnSync("ip", ["netns", "pids", lab.ns("onprem")], { encoding: "utf8" })
        .stdout.split("\n")
        .filter(Boolean);
    return pids.filter((pid) => {
        try {
            return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim() === comm;
        } catch {
            return false;
        }
    }).length;
}

/** Waits until each tunnel has its child SA on the site's end. */
export async function waitForBothTunnels(lab: Lab, dirs: { runDir: string }, timeoutMs = 30_000): Promise<void> {
    await waitFor(
        "both tunnels",
        () => [1, 2].every((n) => sas(lab, "onprem", `${dirs.runDir}/tunnel${n}/charon.vici`).child === 1),
        timeoutMs,
    );
}

export function sas(lab: Lab, ns: string, vici: string): { ike: number; child: number } {
    const out = lab.exec(ns, "swanctl", "--list-sas", "--uri", `unix://${vici}`);
    return { ike: (out.match(/ESTABLISHED/g) ?? []).length, child: (out.match(/INSTALLED/g) ?? []).length };
}
