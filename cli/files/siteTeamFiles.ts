import { NODE_CONFIG_PATH } from "../../components/onprem/nodeConfig";
import { vpnServerFileMode } from "../../components/onprem/vpnServerInputs";
import { SiteOutputValues } from "../../components/site/siteOutputs";
import { OutputFile, siteReadmeTitle } from "./outputFiles";

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
    const rows = [
        ...(hosts.length > 0
            ? [
                  `| \`nodeadm/nodeconfig-<host>.yaml\` | \`${NODE_CONFIG_PATH}\` (0600) on that host | \`nodeadm init -c file://${NODE_CONFIG_PATH}\` |`,
              ]
            : []),
        ...(typeof outputs.nodeConfig === "string"
            ? [
                  `| \`nodeadm/nodeconfig.yaml\` | \`${NODE_CONFIG_PATH}\` (0600) on every node` +
                      (hosts.length > 0 ? " (a template without nodeName)" : "") +
                      ` | \`nodeadm init -c file://${NODE_CONFIG_PATH}\` |`,
              ]
            : []),
        ...(outputs.vpnServerConfig
            ? [
                  "| `vpn-server/` | `/etc/eks-hybrid-vpn/` on the VPN server, modes kept (`cp -a`) | " +
                      "`/etc/eks-hybrid-vpn/setup.sh` (start, stop, status; it installs the boot unit and the firewall) |",
              ]
            : []),
        ...(typeof outputs.upgradeRunbook === "string"
            ? ["| `UPGRADE.md` | the people who upgrade the site's nodes | the steps, in order, for the next Kubernetes version |"]
            : []),
        ...(router
            ? [
                  "| `router/frr.conf` | `/etc/frr/frr.conf` on the site router (`bgpd=yes` in `/etc/frr/daemons`) | " +
                      "`systemctl restart frr` |",
              ]
            : []),
    ];
    // A site of a hub that predates the output: no pool means no Kubernetes objects yet.
    const objectsApplied = outputs.kubernetesObjects ?? outputs.podPoolName !== "";
    const readme = [
        siteReadmeTitle(stack, planned),
        "",
        "Written by eks-hybrid-sites with the modes they need: files with keys or activation codes 0600, scripts 0700.",
        "Keep them that way when you copy them. The steps in order are in the package's docs/site-runbook.md.",
        "",
        `Pod networking: ${
            outputs.podNetworkingMode === "gateway"
                ? "AWS's Hybrid Nodes gateway. Only the node CIDR crosses the VPN; nothing on-prem routes pods, and UDP 8472 (VXLAN) " +
                  "must pass between the VPC and the node CIDR."
                : "routed. The site's node and pod CIDRs cross the VPN; the router learns the pod slices from the nodes over BGP."
        } (docs/site-runbook.md, "What the network team routes").`,
        "",
        ...(!objectsApplied
            ? [
                  "**Not the nodes yet.** The cluster's Kubernetes objects (Cilium, this site's pod pool) are not applied yet: a " +
                      "private cluster's first deployment. Set up the VPN server and the router now; run `nodeadm init` only once " +
                      'the platform team says they are applied (docs/real-account.md, "A private cluster\'s first deployment").',
                  "",
              ]
            : []),
        "| file | goes to | then |",
        "|---|---|---|",
        ...rows,
        "",
        ...(typeof outputs.activationExpiry === "string" && outputs.activationExpiry !== ""
            ? [
                  `The SSM activation in the NodeConfigs expires ${outputs.activationExpiry}` +
                      (typeof outputs.activationRegistrationsLeft === "number" && outputs.activationRegistrationsLeft >= 0
                          ? ` and has ${outputs.activationRegistrationsLeft} registrations left`
                          : "") +
                      ": run `nodeadm init` on new nodes before then. Nodes already registered are not affected by its expiry; " +
                      "the pipeline renews it before then and the platform team hands out new NodeConfigs for later nodes.",
                  "",
              ]
            : []),
    ].join("\n");
    return [{ path: "README.md", text: readme, secret: false }, ...files];
}
