import { vpnServerFileMode } from "../../components/onprem/vpnServerInputs";
import { SiteOutputValues } from "../../components/site/siteOutputs";
import { OutputFile } from "./outputFiles";
import { siteReadme } from "./siteReadme";

/**
 * The files a site team applies, from a site stack's outputs (planned or deployed), read by the
 * names of the site's output contract, with a README saying where each goes. Secret ones are
 * marked: they are written mode 0600, scripts 0700.
 */
export function siteTeamFiles(
    stack: string,
    outputs: Partial<SiteOutputValues>,
    secretOutputs: readonly string[],
    planned = false,
): OutputFile[] {
    const files: OutputFile[] = [];
    // The NodeConfigs hold the activation code: secret files, even when planned.
    if (typeof outputs.nodeConfig === "string") files.push({ path: "nodeadm/nodeconfig.yaml", text: outputs.nodeConfig, secret: true });
    const hosts = Object.entries(outputs.hostNodeConfigs ?? {});
    for (const [host, text] of hosts) files.push({ path: `nodeadm/nodeconfig-${host}.yaml`, text, secret: true });
    // The on-prem configs: the VPN server's files hold the pre-shared keys.
    for (const [file, text] of Object.entries(outputs.vpnServerConfig ?? {})) {
        files.push({ path: `vpn-server/${file}`, text, secret: true, mode: vpnServerFileMode(file) });
    }
    const router = typeof outputs.routerConfig === "string" && outputs.routerConfig !== "";
    if (router) files.push({ path: "router/frr.conf", text: outputs.routerConfig!, secret: secretOutputs.includes("routerConfig") });
    if (typeof outputs.upgradeRunbook === "string") files.push({ path: "UPGRADE.md", text: outputs.upgradeRunbook, secret: false });
    if (files.length === 0) return files;
    const readme = siteReadme({
        stack,
        outputs,
        planned,
        hosts: hosts.map(([host]) => host),
        vpnServerFiles: Object.keys(outputs.vpnServerConfig ?? {}),
        router,
        routerSecret: secretOutputs.includes("routerConfig"),
    });
    return [{ path: "README.md", text: readme, secret: false }, ...files];
}
