import { espProposals, ikeProposals } from "../../components/onprem/proposals";
import { userspaceCharonConf } from "../../components/onprem/strongswanConf";
import { RenderedFile } from "../../components/onprem/vpnServerInputs";
import { TunnelOptions } from "../../components/vpn/tunnelOptions";

/** The tunnel options as AWS holds them: the `tunnelN*` inputs of the registered VpnConnection. */
export function awsTunnelOptions(vpn: Record<string, any>, n: 1 | 2): TunnelOptions {
    const t = (key: string) => vpn[`tunnel${n}${key}`];
    return {
        ikeVersions: t("IkeVersions"),
        phase1: {
            encryption: t("Phase1EncryptionAlgorithms"),
            integrity: t("Phase1IntegrityAlgorithms"),
            dhGroups: t("Phase1DhGroupNumbers"),
            lifetimeSeconds: t("Phase1LifetimeSeconds"),
        },
        phase2: {
            encryption: t("Phase2EncryptionAlgorithms"),
            integrity: t("Phase2IntegrityAlgorithms"),
            dhGroups: t("Phase2DhGroupNumbers"),
            lifetimeSeconds: t("Phase2LifetimeSeconds"),
        },
        dpdTimeoutSeconds: t("DpdTimeoutSeconds"),
        dpdTimeoutAction: t("DpdTimeoutAction"),
        startupAction: t("StartupAction"),
    };
}

export interface AwsTunnel {
    outsideAddress: string;
    presharedKey: string;
    options: TunnelOptions;
}

/**
 * The AWS end of both tunnels, as AWS sets it up from the VPN connection: one SA pair per tunnel,
 * route-based (0.0.0.0/0 selectors), the connection's proposals, each tunnel on its own outside
 * address. One charon with userspace ESP: both tunnels share its TUN (ipsec0), and the newest
 * child SA carries the return traffic, as AWS also answers over one tunnel at a time.
 */
export function renderAwsSide(
    customerGateway: string,
    tunnels: [AwsTunnel, AwsTunnel],
    runDir: string,
    side: { only?: 1 | 2; ports?: { port: number; natt: number }; customerPort?: number } = {},
): RenderedFile[] {
    // As AWS does: it starts a tunnel with startup action start, and starts it again after a DPD
    // timeout with action restart. Real AWS always starts towards UDP 500; this stand-in can be one
    // charon per tunnel on the site's userspace ports, so that the site's answering side of a
    // userspace-mode tunnel 2 can be tested here.
    const chosen = tunnels.map((t, k) => ({ t, k })).filter(({ k }) => side.only === undefined || side.only === k + 1);
    const connections = chosen.flatMap(({ t, k }) => [
        `    tunnel${k + 1} {`,
        "        version = 2",
        `        local_addrs = ${t.outsideAddress}`,
        `        remote_addrs = ${customerGateway}`,
        ...(side.customerPort === undefined ? [] : [`        remote_port = ${side.customerPort}`]),
        // AWS keeps trying a tunnel it starts.
        ...(t.options.startupAction === "start" ? ["        keyingtries = 0"] : []),
        `        proposals = ${ikeProposals(t.options)}`,
        "        dpd_delay = 10s",
        "        local {",
        "            auth = psk",
        `            id = ${t.outsideAddress}`,
        "        }",
        "        remote {",
        "            auth = psk",
        `            id = ${customerGateway}`,
        "        }",
        "        children {",
        `            tunnel${k + 1} {`,
        "                local_ts = 0.0.0.0/0",
        "                remote_ts = 0.0.0.0/0",
        `                esp_proposals = ${espProposals(t.options)}`,
        `                life_time = ${t.options.phase2.lifetimeSeconds}s`,
        `                dpd_action = ${t.options.dpdTimeoutAction === "restart" ? "restart" : "clear"}`,
        `                start_action = ${t.options.startupAction === "start" ? "start" : "none"}`,
        "            }",
        "        }",
        "    }",
    ]);
    const secrets = chosen.flatMap(({ t, k }) => [
        `    ike-tunnel${k + 1} {`,
        `        id-local = ${t.outsideAddress}`,
        `        id-remote = ${customerGateway}`,
        `        secret = "${t.presharedKey}"`,
        "    }",
    ]);
    return [
        { path: "swanctl.conf", content: ["connections {", ...connections, "}", "secrets {", ...secrets, "}", ""].join("\n"), mode: 0o600 },
        { path: "strongswan.conf", content: userspaceCharonConf("AWS's end (stand-in)", runDir, side.ports), mode: 0o644 },
    ];
}
