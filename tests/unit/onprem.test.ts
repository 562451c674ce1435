import { strict as assert } from "assert";
import { bgpPasswordProblem } from "../../components/onprem/bgpPassword";
import { cidr, overlaps } from "../../components/network/cidr";
import { otherSiteNetworks } from "../../components/network/otherSites";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { espProposals, ikeProposals } from "../../components/onprem/proposals";
import { renderRouterConfig } from "../../components/onprem/routerConfig";
import { IpsecMode } from "../../components/onprem/enums";
import { renderVpnServerConfig } from "../../components/onprem/vpnServerConfig";
import { VpnServerConfigInputs } from "../../components/onprem/vpnServerInputs";
import { Site } from "../../components/site/site";
import { DEFAULT_TUNNEL_OPTIONS, resolveTunnelOptions } from "../../components/vpn/tunnelOptions";
import { siteHubArgs, siteSettings } from "../support/fixtures";
import { MockCloud } from "../support/mockCloud";

const INPUTS = (mode: IpsecMode): VpnServerConfigInputs => ({
    site: "munich",
    mode,
    localId: "203.0.113.10",
    nodeCidr: "10.80.1.0/24",
    vpcCidrs: ["10.0.0.0/16", "100.64.0.0/16"],
    tunnels: [
        { outsideAddress: "198.18.0.1", presharedKey: "key.One_AWS", cgwInsideAddress: "169.254.10.2", vgwInsideAddress: "169.254.10.1" },
        { outsideAddress: "198.18.0.2", presharedKey: "key.Two_AWS", cgwInsideAddress: "169.254.10.6", vgwInsideAddress: "169.254.10.5" },
    ],
    options: DEFAULT_TUNNEL_OPTIONS,
});
/** The router of the example site munich, without password or VPN server address. */
const MUNICH_ROUTER = {
    site: "munich",
    routerAddress: "10.80.1.1",
    routerAsn: 65000,
    nodesAsn: 65010,
    nodeCidr: "10.80.1.0/24",
    podCidr: "10.96.1.0/24",
    podMaskSize: 26,
    vpcCidrs: ["10.0.0.0/16", "100.64.0.0/16"],
};
const file = (files: { path: string; content: string }[], p: string) => files.find((f) => f.path === p)!.content;

describe("VPN server config: proposals from the tunnel options", () => {
    it("maps AWS's algorithms to strongSwan's, AEAD apart, DH groups in every proposal", () => {
        assert.equal(
            ikeProposals(DEFAULT_TUNNEL_OPTIONS),
            "aes256-sha256-sha384-sha512-modp2048-modp3072-modp4096-ecp256-ecp384-ecp521," +
                "aes256gcm16-prfsha256-prfsha384-prfsha512-modp2048-modp3072-modp4096-ecp256-ecp384-ecp521",
        );
        assert.equal(
            espProposals(DEFAULT_TUNNEL_OPTIONS),
            "aes256-sha256-sha384-sha512-modp2048-modp3072-modp4096-ecp256-ecp384-ecp521," +
                "aes256gcm16-modp2048-modp3072-modp4096-ecp256-ecp384-ecp521",
        );
        const narrowed = resolveTunnelOptions({
            phase1: { encryption: ["AES128"], integrity: ["SHA1"], dhGroups: [2] },
            phase2: { encryption: ["AES128-GCM-16"], dhGroups: [5] },
        });
        assert.equal(ikeProposals(narrowed), "aes128-sha1-modp1024");
        assert.equal(espProposals(narrowed), "aes128gcm16-modp1536");
    });
});

describe("VPN server config: kernel mode (XFRM interfaces)", () => {
    const files = renderVpnServerConfig(INPUTS(IpsecMode.Kernel));

    it("renders swanctl.conf, a strongswan.conf drop-in, updown and setup, keys readable by root only", () => {
        assert.deepEqual(
            files.map((f) => [f.path, f.mode.toString(8)]),
            [
                ["updown.sh", "700"],
                ["eks-hybrid-vpn-setup.service", "644"],
                ["swanctl.conf", "600"],
                ["strongswan.d/eks-hybrid.conf", "644"],
                ["strongswan.service.d/eks-hybrid.conf", "644"],
                ["setup.sh", "700"],
            ],
        );
    });

    it("puts each tunnel on its own XFRM interface with one route-based child SA", () => {
        const swanctl = file(files, "swanctl.conf");
        for (const n of [1, 2]) {
            assert.match(
                swanctl,
                new RegExp(
                    `aws-tunnel${n} \\{\\n        version = 2\\n        local_addrs = 203\\.0\\.113\\.10\\n        remote_addrs = ` +
                        `198\\.18\\.0\\.${n}\\n`,
                ),
            );
            assert.match(swanctl, new RegExp(`if_id_in = ${n}\\n                if_id_out = ${n}\\n`));
        }
        assert.equal((swanctl.match(/local_ts = 0\.0\.0\.0\/0\n {16}remote_ts = 0\.0\.0\.0\/0/g) ?? []).length, 2);
        assert.equal((swanctl.match(/start_action = start/g) ?? []).length, 2, "the site starts both tunnels at once");
        assert.match(swanctl, /rekey_time = 28260s/);
        assert.match(swanctl, /rekey_time = 3060s\n {16}life_time = 3600s/);
        assert.match(swanctl, /secret = "key\.One_AWS"/);
        assert.match(swanctl, /secret = "key\.Two_AWS"/);
    });

    it("sets up XFRM interfaces, inside addresses, sysctls and the MSS clamp", () => {
        const setup = file(files, "setup.sh");
        for (const [n, addr] of [
            [1, "169.254.10.2"],
            [2, "169.254.10.6"],
        ]) {
            assert.match(setup, new RegExp(`ip link add xfrm${n} type xfrm dev "\\$UPLINK" if_id ${n}`));
            assert.match(setup, new RegExp(`ip addr replace ${addr.toString().replace(/\./g, "\\.")}/30 dev xfrm${n}`));
            assert.match(setup, new RegExp(`ip link set xfrm${n} mtu 1419 up`));
            assert.match(setup, new RegExp(`net\\.ipv4\\.conf\\.xfrm${n}\\.disable_policy=1`));
        }
        assert.match(setup, /^UPLINK=\$\{UPLINK:-eth0\}$/m);
        assert.match(setup, /sysctl -qw net\.ipv4\.ip_forward=1/);
        assert.match(setup, /oifname \{ "xfrm1", "xfrm2" \} tcp flags syn tcp option maxseg size set 1379/);
    });

    it("keeps the uplink start was given for every boot, and refuses one that is no interface name", () => {
        const setup = file(files, "setup.sh");
        const block = setup.slice(setup.indexOf("UPLINK_FILE="), setup.indexOf("esac\n", setup.indexOf("UPLINK_FILE=")) + 5);
        // start keeps it before anything else; the boot's `setup.sh network` reads it back.
        assert.match(setup, /\nstart\)\nprintf '%s\\n' "\$UPLINK" >"\$UPLINK_FILE"\nprepare\n/);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uplink-"));
        try {
            const kept = path.join(dir, "uplink");
            const run = (env: Record<string, string>) =>
                spawnSync("sh", ["-c", `${block.replace(/^UPLINK_FILE=.*$/m, `UPLINK_FILE='${kept}'`)}\necho "$UPLINK"`], {
                    encoding: "utf8",
                    env: { PATH: process.env.PATH!, ...env },
                });
            assert.equal(run({}).stdout, "eth0\n");
            fs.writeFileSync(kept, "ens18\n");
            assert.equal(run({}).stdout, "ens18\n");
            assert.equal(run({ UPLINK: "eno1" }).stdout, "eno1\n");
            const bad = run({ UPLINK: "eth0;reboot" });
            assert.deepEqual(
                [bad.status, bad.stdout, bad.stderr],
                [2, "", "setup.sh: UPLINK=eth0;reboot is not a network interface name (letters, digits and . _ : @ -, such as eth0)\n"],
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("routes the VPC over tunnel 1 and falls back to tunnel 2", () => {
        const updown = file(files, "updown.sh");
        assert.match(updown, /aws-tunnel1\) dev=xfrm1; addr=169\.254\.10\.2; metric=100 ;;/);
        assert.match(updown, /aws-tunnel2\) dev=xfrm2; addr=169\.254\.10\.6; metric=200 ;;/);
        // Every VPC CIDR, the secondary one of custom networking included, up and down.
        for (const c of ["10\\.0\\.0\\.0\\/16", "100\\.64\\.0\\.0\\/16"]) {
            assert.match(updown, new RegExp(`ip route replace ${c} dev "\\$dev" metric "\\$metric"`));
            assert.match(updown, new RegExp(`ip route del ${c} dev "\\$dev" metric "\\$metric"`));
        }
    });

    it("tells the network team where to route the VPC when the VPN server's LAN address is not known", () => {
        const conf = renderRouterConfig(MUNICH_ROUTER);
        const expected =
            "\n! This file holds no routes to AWS: it does not know the VPN server's address on the site's LAN.\n" +
            "! Add these routes on this router, each via the VPN server: the VPC (10.0.0.0/16, 100.64.0.0/16).\n" +
            "! (Or give the platform team the VPN server's LAN address: the next files hold these routes.)\n";
        assert.ok(conf.includes(expected), conf);
        assert.doesNotMatch(conf, /^ip route/m);
    });
});

describe("VPN server config: one initiator per tunnel, MOBIKE off", () => {
    const swanctl = (startupAction: string, dpdTimeoutAction: string) =>
        file(
            renderVpnServerConfig({ ...INPUTS(IpsecMode.Kernel), options: { ...DEFAULT_TUNNEL_OPTIONS, startupAction, dpdTimeoutAction } }),
            "swanctl.conf",
        );

    it("starts and restarts the tunnels itself when AWS waits (startup action add)", () => {
        const conf = swanctl("add", "clear");
        for (const line of ["dpd_action = restart", "close_action = start", "start_action = start"]) {
            assert.equal((conf.match(new RegExp(line, "g")) ?? []).length, 2, line);
        }
    });

    it("only answers when AWS starts the tunnels (startup action start)", () => {
        const conf = swanctl("start", "restart");
        for (const line of ["dpd_action = clear", "close_action = none", "start_action = none"]) {
            assert.equal((conf.match(new RegExp(line, "g")) ?? []).length, 2, line);
        }
        assert.doesNotMatch(conf, /start_action = start|dpd_action = restart/);
    });

    it("turns MOBIKE off on both tunnels", () => {
        assert.equal((swanctl("add", "clear").match(/\n {8}mobike = no\n/g) ?? []).length, 2);
    });
});

describe("VPN server config: routes that outlive the tunnels", () => {
    const setup = (extra: Partial<VpnServerConfigInputs>, mode = IpsecMode.Kernel) =>
        file(renderVpnServerConfig({ ...INPUTS(mode), ...extra }), "setup.sh");

    it("keeps every VPC CIDR unreachable behind the tunnels' routes, so nothing leaves in clear with both down", () => {
        for (const mode of [IpsecMode.Kernel, IpsecMode.Userspace]) {
            const text = setup({}, mode);
            assert.match(text, /\n {4}ip route replace unreachable 10\.0\.0\.0\/16 metric 4000\n/);
            assert.match(text, /\n {4}ip route replace unreachable 100\.64\.0\.0\/16 metric 4000\n/);
        }
    });

    it("keeps the other sites' networks unreachable too, and routes them into the tunnels with the VPC", () => {
        const others = { otherSiteCidrs: ["10.80.0.0/24", "10.80.2.0/23"] };
        for (const mode of [IpsecMode.Kernel, IpsecMode.Userspace]) {
            const files = renderVpnServerConfig({ ...INPUTS(mode), ...others });
            const text = file(files, "setup.sh");
            assert.match(
                text,
                new RegExp(
                    "\\n {4}ip route replace unreachable 10\\.80\\.0\\.0/24 metric 4000" +
                        "\\n {4}ip route replace unreachable 10\\.80\\.2\\.0/23 metric 4000\\n",
                ),
            );
            const updown = file(files, "updown.sh");
            for (const c of ["10.0.0.0/16", "100.64.0.0/16", "10.80.0.0/24", "10.80.2.0/23"]) {
                assert.ok(updown.includes(`        ip route replace ${c} dev "$dev" metric "$metric"\n`), `${mode}: ${c} up`);
                assert.ok(
                    updown.includes(`        ip route del ${c} dev "$dev" metric "$metric" 2>/dev/null || true\n`),
                    `${mode}: ${c} down`,
                );
            }
        }
    });

    it("routes the site's pods to the router when the VPN server is another host, and not otherwise", () => {
        assert.match(
            setup({ podCidr: "10.96.1.0/24", podRouter: "10.80.1.1" }),
            /\n {4}ip route replace 10\.96\.1\.0\/24 via 10\.80\.1\.1 \|\| echo /,
        );
        assert.doesNotMatch(setup({ podCidr: "10.96.1.0/24" }), /ip route replace 10\.96\.1\.0/);
    });
});

describe("VPN server config: updown keeps the routes while a child SA of the tunnel is left", () => {
    // Runs the rendered updown.sh with `ip` replaced by a recorder, as charon would call it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "updown-"));
    const bin = path.join(dir, "bin");
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, "ip"), `#!/bin/sh\necho "ip $*" >> ${dir}/calls\n`, { mode: 0o755 });
    const updown = path.join(dir, "updown.sh");
    fs.writeFileSync(updown, file(renderVpnServerConfig({ ...INPUTS(IpsecMode.Kernel), runDir: dir }), "updown.sh"), { mode: 0o700 });
    const call = (verb: string) => {
        const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, PLUTO_VERB: verb, PLUTO_CONNECTION: "aws-tunnel1" };
        assert.equal(spawnSync("sh", [updown], { env }).status, 0);
        const calls = fs.existsSync(path.join(dir, "calls")) ? fs.readFileSync(path.join(dir, "calls"), "utf8") : "";
        fs.rmSync(path.join(dir, "calls"), { force: true });
        return calls
            .trim()
            .split("\n")
            .filter((l) => l.includes("route"));
    };
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("adds the routes with each child SA and removes them with the last", () => {
        const add = ["ip route replace 10.0.0.0/16 dev xfrm1 metric 100", "ip route replace 100.64.0.0/16 dev xfrm1 metric 100"];
        const del = ["ip route del 10.0.0.0/16 dev xfrm1 metric 100", "ip route del 100.64.0.0/16 dev xfrm1 metric 100"];
        assert.deepEqual(call("up-client"), add);
        assert.deepEqual(call("up-client"), add, "a second child SA of the same tunnel (reauthentication)");
        assert.deepEqual(call("down-client"), [], "one child SA is left: the routes stay");
        assert.deepEqual(call("down-client"), del);
        assert.deepEqual(call("down-client"), del, "never below zero");
        assert.equal(fs.readFileSync(path.join(dir, "aws-tunnel1.children"), "utf8").trim(), "0");
    });
});

describe("VPN server config: userspace mode (one charon per tunnel)", () => {
    const files = renderVpnServerConfig(INPUTS(IpsecMode.Userspace));

    it("gives each tunnel its own charon, ports, routing table and unit", () => {
        assert.deepEqual(
            files.map((f) => [f.path, f.mode.toString(8)]),
            [
                ["updown.sh", "700"],
                ["eks-hybrid-vpn-setup.service", "644"],
                ["tunnel1/swanctl.conf", "600"],
                ["tunnel1/strongswan.conf", "644"],
                ["eks-hybrid-vpn-tunnel1.service", "644"],
                ["tunnel2/swanctl.conf", "600"],
                ["tunnel2/strongswan.conf", "644"],
                ["eks-hybrid-vpn-tunnel2.service", "644"],
                ["tunnel.sh", "700"],
                ["load-tunnel.sh", "700"],
                ["supervise.sh", "700"],
                ["setup.sh", "700"],
            ],
        );
        assert.match(file(files, "tunnel1/strongswan.conf"), /routing_table = 220\n/);
        assert.match(file(files, "tunnel2/strongswan.conf"), /routing_table = 221\n/);
        assert.match(file(files, "tunnel1/strongswan.conf"), /port = 500\n {4}port_nat_t = 4500/);
        assert.match(file(files, "tunnel2/strongswan.conf"), /port = 10500\n {4}port_nat_t = 14500/);
        for (const n of [1, 2]) {
            assert.match(file(files, `tunnel${n}/strongswan.conf`), /load = .*kernel-libipsec/);
            assert.match(file(files, `tunnel${n}/strongswan.conf`), /routing_table_prio = 32768/);
            assert.doesNotMatch(file(files, `tunnel${n}/swanctl.conf`), /if_id/);
            assert.equal((file(files, `tunnel${n}/swanctl.conf`).match(/children \{/g) ?? []).length, 1);
        }
        // The TUN is the one of the charon that runs updown.sh (ipsecN by start order otherwise).
        assert.match(file(files, "updown.sh"), /\ndev=\$\(tun_of_charon \|\| true\); dev=\$\{dev:-ipsec0\}\n/);
        assert.match(
            file(files, "tunnel.sh"),
            /\nSTRONGSWAN_CONF=\/etc\/eks-hybrid-vpn\/tunnel"\$n"\/strongswan\.conf\nexport STRONGSWAN_CONF\nexec charon-systemd\n/,
        );
    });

    it("ships one systemd unit per tunnel that restarts its charon, tunnel 2 after tunnel 1", () => {
        assert.equal(
            file(files, "eks-hybrid-vpn-tunnel2.service"),
            [
                "# generated by eks-hybrid-sites",
                "[Unit]",
                "Description=AWS VPN tunnel 2 of site munich (strongSwan, userspace ESP)",
                "Wants=network-online.target",
                "StartLimitIntervalSec=0",
                "Requires=eks-hybrid-vpn-setup.service",
                "After=network-online.target eks-hybrid-vpn-setup.service eks-hybrid-vpn-tunnel1.service",
                "",
                "[Service]",
                "Type=notify",
                "ExecStartPre=/etc/eks-hybrid-vpn/setup.sh network",
                "ExecStart=/etc/eks-hybrid-vpn/tunnel.sh 2",
                "ExecStartPost=/etc/eks-hybrid-vpn/load-tunnel.sh 2",
                "Restart=on-failure",
                "RestartSec=5",
                "",
                "[Install]",
                "WantedBy=multi-user.target",
                "",
            ].join("\n"),
        );
        assert.match(file(files, "setup.sh"), /systemctl enable --now eks-hybrid-vpn-tunnel1\.service eks-hybrid-vpn-tunnel2\.service\n/);
    });
});

describe("router config (FRR)", () => {
    it("peers with the node CIDR, the nodes' ASN, the Cilium timers and graceful restart, and imports only pod slices", () => {
        assert.equal(
            renderRouterConfig({ ...MUNICH_ROUTER, password: "pw", vpnServerAddress: "10.80.1.2" }),
            [
                "! Router of site munich: BGP with the site's EKS hybrid nodes (generated by eks-hybrid-sites).",
                "frr defaults traditional",
                "hostname munich-router",
                "!",
                "! The VPC, through the VPN server",
                "ip route 10.0.0.0/16 10.80.1.2",
                "ip route 100.64.0.0/16 10.80.1.2",
                "!",
                "ip prefix-list MUNICH-POD-SLICES seq 10 permit 10.96.1.0/24 ge 26 le 26",
                "!",
                "route-map HYBRID-NODES-IN permit 10",
                " match ip address prefix-list MUNICH-POD-SLICES",
                "exit",
                "!",
                "route-map HYBRID-NODES-OUT deny 10",
                "exit",
                "!",
                "router bgp 65000",
                " bgp router-id 10.80.1.1",
                " bgp graceful-restart",
                " bgp graceful-restart restart-time 120",
                " neighbor HYBRID-NODES peer-group",
                " neighbor HYBRID-NODES remote-as 65010",
                " neighbor HYBRID-NODES password pw",
                " neighbor HYBRID-NODES timers 3 9",
                " neighbor HYBRID-NODES timers connect 5",
                " bgp listen range 10.80.1.0/24 peer-group HYBRID-NODES",
                " !",
                " address-family ipv4 unicast",
                "  neighbor HYBRID-NODES route-map HYBRID-NODES-IN in",
                "  neighbor HYBRID-NODES route-map HYBRID-NODES-OUT out",
                " exit-address-family",
                "exit",
                "!",
                "",
            ].join("\n"),
        );
    });

    it("sends the other sites' networks to the VPN server too, or says so without its LAN address", () => {
        const others = { ...MUNICH_ROUTER, otherSiteCidrs: ["10.80.0.0/24", "10.80.2.0/23"] };
        assert.ok(
            renderRouterConfig({ ...others, vpnServerAddress: "10.80.1.2" }).includes(
                [
                    "! The VPC, through the VPN server",
                    "ip route 10.0.0.0/16 10.80.1.2",
                    "ip route 100.64.0.0/16 10.80.1.2",
                    "! The other sites' node and pod networks, through the VPN server",
                    "ip route 10.80.0.0/24 10.80.1.2",
                    "ip route 10.80.2.0/23 10.80.1.2",
                    "!",
                ].join("\n"),
            ),
        );
        assert.ok(renderRouterConfig(others).includes("! And the other sites (10.80.0.0/24, 10.80.2.0/23), via the VPN server too.\n"));
    });

    it("names each listed host as a neighbor instead of a listen range", () => {
        const conf = renderRouterConfig({
            site: "berlin",
            routerAddress: "10.80.2.1",
            routerAsn: 65100,
            nodesAsn: 65110,
            nodeCidr: "10.80.2.0/24",
            hostAddresses: ["10.80.2.11", "10.80.2.12"],
            podCidr: "10.96.2.0/23",
            podMaskSize: 26,
            vpcCidrs: ["10.0.0.0/16"],
        });
        assert.match(conf, / neighbor 10\.80\.2\.11 peer-group HYBRID-NODES\n neighbor 10\.80\.2\.12 peer-group HYBRID-NODES\n/);
        assert.doesNotMatch(conf, /listen range|password/);
    });
});

describe("site outputs of the on-prem configs", () => {
    const run = (bgpPassword?: pulumi.Input<string>) =>
        MockCloud.run(
            () =>
                new Site("munich", {
                    site: siteSettings(),
                    hub: siteHubArgs("kubeconfig"),
                    activationExpiry: "2026-12-22T00:00:00Z",
                    bgpPassword,
                }),
        );

    it("renders the VPN server config from the VPN connection's outputs, secret, kernel mode by default", async () => {
        const { result: site } = await run();
        assert.equal(await pulumi.isSecret(site.vpnServerConfig), true);
        const files: Record<string, string> = await (site.vpnServerConfig as any).promise();
        assert.deepEqual(Object.keys(files), [
            "updown.sh",
            "eks-hybrid-vpn-setup.service",
            "swanctl.conf",
            "strongswan.d/eks-hybrid.conf",
            "strongswan.service.d/eks-hybrid.conf",
            "setup.sh",
        ]);
        assert.match(files["swanctl.conf"], /remote_addrs = 198\.18\.0\.1\n/);
        assert.match(files["swanctl.conf"], /secret = "munich_vpn_tunnel1_psk\.Secret_x{20}"/);
        assert.match(files["setup.sh"], /ip addr replace 169\.254\.10\.2\/30 dev xfrm1/);
        assert.match(files["setup.sh"], /ip addr replace 169\.254\.10\.6\/30 dev xfrm2/);
    });

    it("routes every other site of the hub's supernets into the tunnels: the supernets without the site's own CIDRs", async () => {
        const { result: site } = await run(pulumi.secret("pw"));
        const files: Record<string, string> = await (site.vpnServerConfig as any).promise();
        const others = otherSiteNetworks(["10.80.0.0/12", "10.96.0.0/12"], ["10.80.1.0/24", "10.96.1.0/24"]);
        assert.equal(others.length, 24);
        // prepare() puts them in place, network() again (a network manager may have removed them).
        const unreachable = [
            ...new Set([...files["setup.sh"].matchAll(/^ {4}ip route replace unreachable (\S+) metric 4000$/gm)].map((m) => m[1])),
        ];
        assert.deepEqual(unreachable, ["10.0.0.0/16", ...others]);
        assert.ok(!unreachable.some((c) => overlaps(cidr(c), cidr("10.80.1.0/24")) || overlaps(cidr(c), cidr("10.96.1.0/24"))));
        const frr = await (site.routerConfig as any).promise();
        assert.ok(frr.includes(`! And the other sites (${others.join(", ")}), via the VPN server too.`));
    });

    it("renders the router config, secret only when it carries a password", async () => {
        const plain = (await run()).result;
        assert.equal(await pulumi.isSecret(plain.routerConfig), false);
        assert.doesNotMatch(await (plain.routerConfig as any).promise(), /password/);
        const withPassword = (await run(pulumi.secret("pw"))).result;
        assert.equal(await pulumi.isSecret(withPassword.routerConfig), true);
        assert.match(await (withPassword.routerConfig as any).promise(), / neighbor HYBRID-NODES password pw\n/);
    });

    it("stops a site whose password would add lines to frr.conf, without repeating it", async () => {
        await assert.rejects(
            run(pulumi.secret("pw\n neighbor 0.0.0.0/0 remote-as 1")),
            (e: Error) =>
                e.message.includes(
                    'invalid arguments of Site "munich": args.bgpPassword: holds a line break, which would add lines to frr.conf',
                ) && !e.message.includes("remote-as"),
        );
    });
});

describe("the IKE version the VPN server speaks", () => {
    it("is the one AWS is told: IKEv2 by default, IKEv1 or either when the tunnels say so", () => {
        const conf = (ikeVersions: string[]) =>
            file(
                renderVpnServerConfig({ ...INPUTS(IpsecMode.Kernel), options: { ...INPUTS(IpsecMode.Kernel).options, ikeVersions } }),
                "swanctl.conf",
            );
        const version = (ikeVersions: string[]) => /version = (\d)/.exec(conf(ikeVersions))![1];
        assert.equal(version(["ikev2"]), "2");
        assert.equal(version(["ikev1"]), "1");
        assert.equal(version(["ikev1", "ikev2"]), "0");
        // IKEv1 renews the IKE SA by reauthentication only.
        assert.match(conf(["ikev1"]), /\n {8}reauth_time = \d+s\n/);
        assert.doesNotMatch(conf(["ikev1"]), /rekey_time = \d+s\n {8}dpd/);
        assert.match(conf(["ikev2"]), /\n {8}rekey_time = \d+s\n/);
    });

    it("accepts weak crypto with allowWeakCrypto, and says nothing of it by default", async () => {
        const { parseSiteConfig } = await import("../../components/site/validateSite");
        const weak = { ...siteSettings(), hubStack: "hub" };
        weak.tunnels = { ...weak.tunnels, ikeVersions: ["ikev1"], allowWeakCrypto: true };
        assert.doesNotThrow(() => parseSiteConfig(weak));
    });
});

describe("the BGP password, before it reaches frr.conf and the Cilium Secret", () => {
    it("takes 1 to 80 printable characters without spaces, and says why not without repeating it (table)", () => {
        assert.equal(bgpPasswordProblem("s3cr3t!#"), undefined);
        assert.equal(bgpPasswordProblem("x".repeat(80)), undefined);
        assert.equal(bgpPasswordProblem(""), "is empty; use 1 to 80 printable characters without spaces");
        assert.equal(bgpPasswordProblem("x".repeat(81)), "has 81 characters, more than the 80 a TCP-MD5 key may have");
        assert.equal(
            bgpPasswordProblem("pw\n neighbor 0.0.0.0/0 remote-as 1"),
            "holds a line break, which would add lines to frr.conf; use printable characters only",
        );
        assert.equal(
            bgpPasswordProblem("two words"),
            "holds whitespace or a character outside printable ASCII; use printable ASCII without spaces",
        );
    });
});

describe("VPN server config: firewall and boot", () => {
    const kernel = (extra: Partial<VpnServerConfigInputs> = {}) => renderVpnServerConfig({ ...INPUTS(IpsecMode.Kernel), ...extra });

    it("admits IKE and ESP only from the two tunnels' AWS outside addresses, on every port the mode listens on", () => {
        assert.match(
            file(kernel(), "setup.sh"),
            /\n +udp dport \{ 500, 4500 \} ip saddr != \{ 198\.18\.0\.1, 198\.18\.0\.2 \} counter drop\n/,
        );
        assert.match(file(kernel(), "setup.sh"), /\n +meta l4proto esp ip saddr != \{ 198\.18\.0\.1, 198\.18\.0\.2 \} counter drop\n/);
        const userspace = file(renderVpnServerConfig(INPUTS(IpsecMode.Userspace)), "setup.sh");
        assert.match(
            userspace,
            /\n +udp dport \{ 500, 4500, 10500, 14500 \} ip saddr != \{ 198\.18\.0\.1, 198\.18\.0\.2 \} counter drop\n/,
        );
    });

    it("forwards through the tunnels only between the site's networks and the VPC and other sites", () => {
        const setup = file(
            kernel({ podCidr: "10.96.1.0/24", otherSiteCidrs: ["10.81.0.0/16"], firewall: { extraSiteCidrs: ["10.82.0.0/24"] } }),
            "setup.sh",
        );
        const chain = /chain tunnels \{\n([\s\S]*?)\n\s+\}\n/
            .exec(setup)![1]
            .split("\n")
            .map((l) => l.trim())
            .filter(Boolean);
        const site = "{ 10.80.1.0/24, 10.96.1.0/24, 10.82.0.0/24 }";
        const remote = "{ 10.0.0.0/16, 100.64.0.0/16, 10.81.0.0/16 }";
        const devs = '{ "xfrm1", "xfrm2" }';
        assert.deepEqual(chain, [
            "type filter hook forward priority filter; policy accept;",
            `ip daddr ${remote} oifname != ${devs} counter drop`,
            `ip saddr ${remote} iifname != ${devs} counter drop`,
            `iifname ${devs} ip saddr ${remote} ip daddr ${site} accept`,
            `oifname ${devs} ip saddr ${site} ip daddr ${remote} accept`,
            `iifname ${devs} ct state related accept`,
            `iifname ${devs} counter drop`,
            `oifname ${devs} counter drop`,
        ]);
    });

    it("leaves the firewall to the site with firewall.enabled: false, and keeps the MSS clamp", () => {
        const setup = file(kernel({ firewall: { enabled: false } }), "setup.sh");
        assert.doesNotMatch(setup, /chain ike|chain tunnels/);
        assert.match(setup, /chain mss \{/);
    });

    it("puts the firewall and the fallback routes in place before forwarding goes on", () => {
        const prepare = /\nprepare\(\) \{\n([\s\S]*?)\n\}\n/.exec(file(kernel(), "setup.sh"))![1];
        const at = (text: string) => prepare.indexOf(text);
        assert.ok(at("nft -f -") >= 0 && at("nft -f -") < at("ip route replace unreachable 10.0.0.0/16"));
        assert.ok(at("ip route replace unreachable 100.64.0.0/16") < at("sysctl -qw net.ipv4.ip_forward=1"));
        assert.doesNotMatch(prepare, /ip link|ip addr| via /, "nothing that needs an interface");
    });

    it("runs prepare at every boot before any network and before strongSwan, which requires it", () => {
        const files = kernel();
        assert.equal(
            file(files, "eks-hybrid-vpn-setup.service"),
            [
                "# generated by eks-hybrid-sites",
                "[Unit]",
                "Description=Site munich's VPN server: firewall, forwarding and fallback routes before any network or tunnel",
                "DefaultDependencies=no",
                "After=local-fs.target nftables.service systemd-sysctl.service",
                "Wants=network-pre.target",
                "Before=network-pre.target strongswan.service",
                "",
                "[Service]",
                "Type=oneshot",
                "RemainAfterExit=yes",
                "ExecStart=/etc/eks-hybrid-vpn/setup.sh prepare",
                "",
                "[Install]",
                "WantedBy=multi-user.target",
                "",
            ].join("\n"),
        );
        assert.equal(
            file(files, "strongswan.service.d/eks-hybrid.conf"),
            [
                "# generated by eks-hybrid-sites",
                "# strongswan.service for site munich's tunnels.",
                "[Unit]",
                "Requires=eks-hybrid-vpn-setup.service",
                "After=eks-hybrid-vpn-setup.service",
                "Wants=network-online.target",
                "StartLimitIntervalSec=0",
                "",
                "[Service]",
                "ExecStartPre=-/bin/rm -f /run/eks-hybrid-vpn/aws-tunnel1.children /run/eks-hybrid-vpn/aws-tunnel2.children",
                "ExecStartPre=/etc/eks-hybrid-vpn/setup.sh network",
                "Restart=on-failure",
                "RestartSec=5",
                "",
            ].join("\n"),
        );
    });

    it("installs the tunnels where strongSwan loads them at every start, keys readable by root only, and enables the setup unit", () => {
        const setup = file(kernel(), "setup.sh");
        assert.match(setup, /\ninstall -m 0600 \/etc\/eks-hybrid-vpn\/swanctl\.conf "\$SWANCTL_CONF_D\/eks-hybrid\.conf"\n/);
        assert.match(setup, /^SWANCTL_CONF_D="\$\{SWANCTL_CONF_D:-\/etc\/swanctl\/conf\.d\}"$/m);
        assert.match(setup, /\n {4}systemctl enable eks-hybrid-vpn-setup\.service\n/);
    });
});
