import { TunnelOptions } from "../vpn/tunnelOptions";
import { IpsecMode } from "./enums";
import { AWS_REKEY_MARGIN_SECONDS, espProposals, ikeProposals } from "./proposals";

/** One tunnel as the VPN connection describes it. */
export interface TunnelEndpoint {
    /** AWS's outside address of the tunnel. */
    outsideAddress: string;
    presharedKey: string;
    /** The site's inside address (first of the /30 after AWS's). */
    cgwInsideAddress: string;
    /** AWS's inside address. */
    vgwInsideAddress: string;
}

/** What the VPN server's files are made of: the site, the mode and both tunnels as AWS describes them. */
export interface VpnServerConfigInputs {
    site: string;
    mode: IpsecMode;
    /** The VPN server's public address: its IKE identity (the customer gateway). */
    localId: string;
    /** The address the VPN server sends IKE from, when it is behind NAT (default: localId). */
    localAddress?: string;
    /** Where traffic through the tunnels goes: every CIDR of the VPC (the primary, and a secondary one for cloud pods). */
    vpcCidrs: string[];
    tunnels: [TunnelEndpoint, TunnelEndpoint];
    options: TunnelOptions;
    /** Where the files are installed (default /etc/eks-hybrid-vpn). */
    configDir?: string;
    /** Runtime files: sockets, pids, logs (default /run/eks-hybrid-vpn). */
    runDir?: string;
    /** Kernel mode: the uplink the XFRM interfaces sit on (default eth0). */
    uplink?: string;
    /** The site's pod CIDR: answers to pods go to the router (which learns the nodes' slices over BGP). */
    podCidr?: string;
    /** The site router's address, when it is another host than the VPN server: the pod CIDR's next hop. */
    podRouter?: string;
}

/** A metric worse than both tunnels' routes: the VPC is unreachable, never sent in clear, while both are down. */
export const FALLBACK_METRIC = 4000;

/**
 * Who starts a tunnel: exactly one side, so a tunnel never holds two SA pairs. With AWS's startup
 * action `add` the site initiates and restarts a dead tunnel; with `start` AWS does, and the site
 * only answers.
 */
export function siteInitiates(options: TunnelOptions): boolean {
    return options.startupAction === "add";
}

/**
 * The mode of a VPN server file, by its path: scripts 0700, swanctl.conf (it holds the pre-shared
 * keys) 0600, strongSwan settings 0644. The one rule the renderer and every file writer follow.
 */
export function vpnServerFileMode(path: string): number {
    if (path.endsWith(".sh")) return 0o700;
    if (path.endsWith("swanctl.conf")) return 0o600;
    return 0o644;
}

/** A rendered file: path relative to the config dir, content, and mode. */
export interface RenderedFile {
    path: string;
    content: string;
    mode: number;
}

// AWS allows at most 1446 bytes through a tunnel; 1419 on the tunnel interface leaves room for ESP
// in UDP, and TCP's MSS is clamped to 1419 - 40 so that no TCP segment needs fragmenting.
/** MTU of a tunnel interface. */
export const TUNNEL_MTU = 1419;
/** TCP MSS clamped to through the tunnels. */
export const TCP_MSS = TUNNEL_MTU - 40;

/** Interface of tunnel n (1 or 2): `xfrmN` in kernel mode, the TUN `ipsec{n-1}` of its charon in userspace mode. */
export function tunnelInterface(mode: IpsecMode, n: number): string {
    return mode === IpsecMode.Kernel ? `xfrm${n}` : `ipsec${n - 1}`;
}

/** Local IKE ports of tunnel n's charon in userspace mode (two charons on one host cannot share 500/4500). */
export function userspacePorts(n: number): { port: number; natt: number } {
    return n === 1 ? { port: 500, natt: 4500 } : { port: 10500, natt: 14500 };
}

const CHARON_PLUGINS =
    "random nonce aes sha1 sha2 hmac kdf gcm pem pkcs1 x509 pubkey openssl kernel-libipsec kernel-netlink socket-default updown vici";

function connection(i: VpnServerConfigInputs, n: 1 | 2, updown: string): string[] {
    const t = i.tunnels[n - 1];
    const o = i.options;
    const name = `aws-tunnel${n}`;
    return [
        `    ${name} {`,
        "        version = 2",
        // An explicit source: the tunnels' own 169.254 addresses must never become it.
        `        local_addrs = ${i.localAddress ?? i.localId}`,
        `        remote_addrs = ${t.outsideAddress}`,
        `        proposals = ${ikeProposals(o)}`,
        `        rekey_time = ${o.phase1.lifetimeSeconds - AWS_REKEY_MARGIN_SECONDS}s`,
        // Dead peer detection: probe every 10 s; the retransmits in strongswan.conf give up within AWS's DPD timeout.
        "        dpd_delay = 10s",
        "        keyingtries = 0",
        // AWS does not support MOBIKE: without this the site would announce its LAN addresses.
        "        mobike = no",
        "        local {",
        "            auth = psk",
        `            id = ${i.localId}`,
        "        }",
        "        remote {",
        "            auth = psk",
        `            id = ${t.outsideAddress}`,
        "        }",
        "        children {",
        `            ${name} {`,
        // Route-based: AWS allows one SA pair per tunnel, so it carries everything.
        "                local_ts = 0.0.0.0/0",
        "                remote_ts = 0.0.0.0/0",
        `                esp_proposals = ${espProposals(o)}`,
        `                rekey_time = ${o.phase2.lifetimeSeconds - AWS_REKEY_MARGIN_SECONDS}s`,
        `                life_time = ${o.phase2.lifetimeSeconds}s`,
        ...(siteInitiates(o)
            ? ["                dpd_action = restart", "                close_action = start", "                start_action = start"]
            : ["                dpd_action = clear", "                close_action = none", "                start_action = none"]),
        ...(i.mode === IpsecMode.Kernel ? [`                if_id_in = ${n}`, `                if_id_out = ${n}`] : []),
        `                updown = ${updown}`,
        "            }",
        "        }",
        "    }",
    ];
}

function secret(i: VpnServerConfigInputs, n: 1 | 2): string[] {
    const t = i.tunnels[n - 1];
    return [
        `    ike-aws-tunnel${n} {`,
        `        id-local = ${i.localId}`,
        `        id-remote = ${t.outsideAddress}`,
        `        secret = "${t.presharedKey}"`,
        "    }",
    ];
}

function swanctl(i: VpnServerConfigInputs, tunnels: (1 | 2)[], updown: string): string {
    return [
        `# AWS Site-to-Site VPN of site ${i.site}: generated by eks-hybrid-sites from the VPN connection's tunnel options.`,
        "connections {",
        ...tunnels.flatMap((n) => connection(i, n, updown)),
        "}",
        "secrets {",
        ...tunnels.flatMap((n) => secret(i, n)),
        "}",
        "",
    ].join("\n");
}

function retransmits(): string[] {
    return [
        "    retransmit_tries = 3",
        "    retransmit_timeout = 2.0",
        "    retransmit_base = 1.4",
        "    install_routes = no",
        "    install_virtual_ip = no",
        // kernel-libipsec still puts a default route into table 220: look it up after the main
        // table, so that only traffic main has no route for can reach it (the updown script
        // routes the VPC through the tunnels in main).
        "    routing_table_prio = 32768",
    ];
}

/**
 * strongswan.conf of one charon-systemd with userspace ESP: ports, retransmits, the explicit
 * plugin list, its log and vici socket under `runDir`.
 */
export function userspaceCharonConf(
    title: string,
    runDir: string,
    ports: { port: number; natt: number } = { port: 500, natt: 4500 },
): string {
    return [
        `# ${title}`,
        "charon-systemd {",
        `    port = ${ports.port}`,
        `    port_nat_t = ${ports.natt}`,
        ...retransmits(),
        `    load = ${CHARON_PLUGINS}`,
        "    filelog {",
        "        log {",
        `            path = ${runDir}/charon.log`,
        "            default = 1",
        "            time_format = %b %e %T",
        "        }",
        "    }",
        "    journal {",
        "        default = -1",
        "    }",
        "    plugins {",
        "        vici {",
        `            socket = unix://${runDir}/charon.vici`,
        "        }",
        "    }",
        "}",
        "",
    ].join("\n");
}

/**
 * Installs the tunnel's inside address and the VPC routes when a child SA of the tunnel comes up,
 * and removes the routes when the tunnel's last child SA goes: a reauthentication (or both ends
 * initiating) briefly gives a tunnel two, and the first one's going must not take the routes. The
 * count per tunnel lives in the run dir; setup.sh resets it when it starts the daemons.
 */
function updownScript(i: VpnServerConfigInputs, runDir: string): string {
    const cases = ([1, 2] as const).map((n) => {
        const t = i.tunnels[n - 1];
        return (
            `    aws-tunnel${n}) dev=${tunnelInterface(i.mode, n)}; addr=${t.cgwInsideAddress}; peer=${t.vgwInsideAddress}; ` +
            `metric=${n * 100} ;;`
        );
    });
    return [
        "#!/bin/sh",
        `# updown of site ${i.site}'s tunnels: tunnel 1 carries the VPC routes (metric 100), tunnel 2 takes over (metric 200) ` +
            `while it is down.`,
        'case "$PLUTO_CONNECTION" in',
        ...cases,
        "    *) exit 0 ;;",
        "esac",
        `count="${runDir}/$PLUTO_CONNECTION.children"`,
        // One updown at a time per tunnel: two child SAs can come and go at once.
        `exec 9>"${runDir}/$PLUTO_CONNECTION.lock"`,
        "flock 9",
        'children=$(cat "$count" 2>/dev/null || echo 0)',
        'case "$PLUTO_VERB" in',
        "    up-client)",
        '        echo $((children + 1)) > "$count"',
        '        ip addr replace "$addr/30" dev "$dev"',
        '        ip link set "$dev" up',
        ...(i.mode === IpsecMode.Kernel ? [] : ['        ip link set "$dev" mtu 1400']),
        ...i.vpcCidrs.map((c) => `        ip route replace ${c} dev "$dev" metric "$metric"`),
        "        ;;",
        "    down-client)",
        "        children=$((children > 0 ? children - 1 : 0))",
        '        echo "$children" > "$count"',
        '        [ "$children" -eq 0 ] || exit 0',
        ...i.vpcCidrs.map((c) => `        ip route del ${c} dev "$dev" metric "$metric" 2>/dev/null || true`),
        "        ;;",
        "esac",
        "exit 0",
        "",
    ].join("\n");
}

function mssClamp(i: VpnServerConfigInputs): string[] {
    const devs = [1, 2].map((n) => `"${tunnelInterface(i.mode, n)}"`).join(", ");
    return [
        `# TCP MSS ${TCP_MSS} through the tunnels (AWS carries at most 1446 bytes per packet)`,
        "nft -f - <<'NFT'",
        "table inet eks_hybrid_vpn",
        "delete table inet eks_hybrid_vpn",
        "table inet eks_hybrid_vpn {",
        "    chain mss {",
        "        type filter hook forward priority mangle; policy accept;",
        `        oifname { ${devs} } tcp flags syn tcp option maxseg size set ${TCP_MSS}`,
        `        iifname { ${devs} } tcp flags syn tcp option maxseg size set ${TCP_MSS}`,
        "    }",
        "}",
        "NFT",
    ];
}

function sysctls(i: VpnServerConfigInputs): string[] {
    const devs = [1, 2].map((n) => tunnelInterface(i.mode, n));
    return [
        "# forward between the site LAN and the tunnels; answers may come back over the other tunnel",
        "sysctl -qw net.ipv4.ip_forward=1",
        "sysctl -qw net.ipv4.conf.all.rp_filter=2",
        ...(i.mode === IpsecMode.Kernel ? devs.map((d) => `sysctl -qw net.ipv4.conf.${d}.disable_policy=1`) : []),
    ];
}

/** Routes that do not depend on a tunnel: the VPC unreachable behind the tunnels' routes, and the pods via the router. */
function staticRoutes(i: VpnServerConfigInputs): string[] {
    return [
        `# with both tunnels down the VPC is unreachable (metric ${FALLBACK_METRIC}, behind the tunnels' 100 and 200), never sent in clear`,
        ...i.vpcCidrs.map((c) => `ip route replace unreachable ${c} metric ${FALLBACK_METRIC}`),
        ...(i.podCidr !== undefined && i.podRouter !== undefined
            ? [
                  "# answers to the site's pods go to the router, which learns the nodes' slices over BGP",
                  `ip route replace ${i.podCidr} via ${i.podRouter}`,
              ]
            : []),
    ];
}

/** Clears the tunnels' child SA counts of updown.sh: the daemons start without any. */
function resetChildCounts(runDir: string): string[] {
    return [`mkdir -p ${runDir}`, `rm -f ${runDir}/aws-tunnel1.children ${runDir}/aws-tunnel2.children`];
}

function kernelSetup(i: VpnServerConfigInputs, configDir: string, runDir: string): string {
    const uplink = i.uplink ?? "eth0";
    return [
        "#!/bin/sh",
        `# Site ${i.site}: XFRM interfaces for both tunnels, sysctls, MSS clamp; then loads the tunnels into the running charon.`,
        "set -eu",
        `UPLINK="\${UPLINK:-${uplink}}"`,
        // Debian's strongswan.conf reads strongswan.d/*.conf at its top level (charon.*); its
        // strongswan.d/charon/ is included inside charon.plugins, where these settings would be lost.
        'STRONGSWAN_D="${STRONGSWAN_D:-/etc/strongswan.d}"',
        ...([1, 2] as const).flatMap((n) => [
            `ip link add xfrm${n} type xfrm dev "$UPLINK" if_id ${n} 2>/dev/null || true`,
            `ip addr replace ${i.tunnels[n - 1].cgwInsideAddress}/30 dev xfrm${n}`,
            `ip link set xfrm${n} mtu ${TUNNEL_MTU} up`,
        ]),
        ...sysctls(i),
        ...mssClamp(i),
        ...staticRoutes(i),
        ...resetChildCounts(runDir),
        `install -m 0644 ${configDir}/strongswan.d/eks-hybrid.conf "$STRONGSWAN_D/eks-hybrid.conf"`,
        "swanctl --reload-settings",
        `swanctl --load-all --file ${configDir}/swanctl.conf`,
        "",
    ].join("\n");
}

function userspaceSetup(i: VpnServerConfigInputs, configDir: string, runDir: string): string {
    return [
        "#!/bin/sh",
        `# Site ${i.site}: sysctls and MSS clamp, then one charon per tunnel (userspace ESP, one TUN each).`,
        "# Tunnel 1's charon starts first so that it owns ipsec0 and tunnel 2's owns ipsec1.",
        "set -eu",
        ...sysctls(i),
        ...mssClamp(i),
        ...staticRoutes(i),
        ...resetChildCounts(runDir),
        ...([1, 2] as const).flatMap((n) => [
            `mkdir -p ${runDir}/tunnel${n}`,
            `STRONGSWAN_CONF=${configDir}/tunnel${n}/strongswan.conf nohup charon-systemd >/dev/null 2>&1 &`,
            `echo $! > ${runDir}/tunnel${n}/charon.pid`,
            `i=0; until [ -S ${runDir}/tunnel${n}/charon.vici ] && ip link show ${tunnelInterface(i.mode, n)} >/dev/null 2>&1; do ` +
                `i=$((i+1)); [ $i -lt 100 ] || { echo "charon of tunnel ${n} did not start" >&2; exit 1; }; sleep 0.1; done`,
            `swanctl --load-all --file ${configDir}/tunnel${n}/swanctl.conf --uri unix://${runDir}/tunnel${n}/charon.vici >/dev/null`,
        ]),
        "",
    ].join("\n");
}

/**
 * The VPN server's files for both tunnels of a site: swanctl.conf (kernel mode: one charon, XFRM
 * interfaces; userspace mode: one charon per tunnel), strongswan.conf, the updown script that
 * keeps the VPC route on a live tunnel, and the setup script (interfaces, sysctls, MSS clamp,
 * start). Contains the pre-shared keys: a secret.
 */
export function renderVpnServerConfig(i: VpnServerConfigInputs): RenderedFile[] {
    const configDir = i.configDir ?? "/etc/eks-hybrid-vpn";
    const runDir = i.runDir ?? "/run/eks-hybrid-vpn";
    const updown = `${configDir}/updown.sh`;
    const file = (path: string, content: string): RenderedFile => ({ path, content, mode: vpnServerFileMode(path) });
    const files: RenderedFile[] = [file("updown.sh", updownScript(i, runDir))];
    if (i.mode === IpsecMode.Kernel) {
        files.push(
            file("swanctl.conf", swanctl(i, [1, 2], updown)),
            file("strongswan.d/eks-hybrid.conf", ["charon {", ...retransmits(), "}", ""].join("\n")),
            file("setup.sh", kernelSetup(i, configDir, runDir)),
        );
    } else {
        for (const n of [1, 2] as const) {
            files.push(
                file(`tunnel${n}/swanctl.conf`, swanctl(i, [n], updown)),
                file(
                    `tunnel${n}/strongswan.conf`,
                    userspaceCharonConf(
                        `charon-systemd for tunnel ${n} of site ${i.site} (userspace ESP)`,
                        `${runDir}/tunnel${n}`,
                        userspacePorts(n),
                    ),
                ),
            );
        }
        files.push(file("setup.sh", userspaceSetup(i, configDir, runDir)));
    }
    return files;
}
