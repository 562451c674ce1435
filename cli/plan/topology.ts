import { HubArgs } from "../../components/hub/hubArgs";
import { podNetworkingModeOf } from "../../components/gateway/podNetworkingArgs";
import { PodNetworkingMode } from "../../components/network/enums";
import { SiteSettings } from "../../components/site/siteArgs";

/** What the topology picture shows: one hub and its sites. */
export interface TopologyInput {
    hubStack: string;
    region: string;
    hub: HubArgs;
    sites: { stack: string; site: SiteSettings }[];
}

/** A site's pods as the picture names them: its routed pod CIDR, or the hub's pool through AWS's gateway. */
const sitePods = (site: SiteSettings) =>
    site.podCidr === undefined ? "pods via the Hybrid Nodes gateway" : `pods ${site.podCidr} /${site.podMaskSize}`;
/** What the site's VPN carries. */
const vpnRoutes = (site: SiteSettings) => [site.nodeCidr, site.podCidr, site.loadBalancerCidr].filter((c) => c !== undefined).join(", ");
const gatewayMode = (h: HubArgs) => podNetworkingModeOf(h.podNetworking) === PodNetworkingMode.Gateway;

const id = (text: string) => text.replace(/[^A-Za-z0-9_]/g, "_");
const q = (text: string) => text.replace(/"/g, "'");

/** Mermaid source: the hub (VPC, gateway, cluster) and each site linked by its VPN and routes. */
export function topologyMermaid(t: TopologyInput): string {
    const h = t.hub;
    const gateway = `${h.gateway.type}${h.gateway.amazonSideAsn ? ` AS${h.gateway.amazonSideAsn}` : ""}`;
    const lines = [
        "flowchart TB",
        `  subgraph ${id(t.hubStack)}["hub ${q(t.hubStack)} (${q(t.region)})"]`,
        `    eks["EKS ${q(h.clusterName)} ${q(h.kubernetesVersion)}, ${h.endpointAccess} endpoint` +
            `${gatewayMode(h) ? ", Hybrid Nodes gateway on the cloud nodes" : ""}"]`,
        `    vpc["VPC ${q(h.vpc.cidr)}"]`,
        `    gw["${gateway}"]`,
        "    eks --- vpc --- gw",
        "  end",
    ];
    for (const { stack, site } of t.sites) {
        const bgp = site.bgp ? `<br/>BGP AS${site.bgp.nodesAsn} - router ${site.bgp.routerAddress} AS${site.bgp.routerAsn}` : "";
        lines.push(
            `  ${id(stack)}["site ${q(site.name)}<br/>nodes ${site.nodeCidr}<br/>${sitePods(site)}${bgp}"]`,
            `  gw <-->|"VPN ${site.vpnServer.publicIp} AS${site.vpnServer.asn}: ${vpnRoutes(site)}"| ${id(stack)}`,
        );
    }
    return `${lines.join("\n")}\n`;
}

const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The same picture as a standalone SVG (no renderer needed): hub on top, sites in rows below. */
export function topologySvg(t: TopologyInput): string {
    const perRow = 5;
    const [boxW, boxH, gapX, gapY, margin] = [240, 92, 30, 70, 20];
    const cols = Math.min(perRow, Math.max(1, t.sites.length));
    const width = Math.max(2 * margin + cols * boxW + (cols - 1) * gapX, 560);
    const hubW = 520;
    const hubX = (width - hubW) / 2;
    const hubY = margin;
    const hubH = 100;
    const rows = Math.ceil(t.sites.length / perRow);
    const height = hubY + hubH + gapY + rows * (boxH + gapY) + margin;
    const h = t.hub;
    const text = (x: number, y: number, s: string, bold = false) =>
        `<text x="${x}" y="${y}" font-family="sans-serif" font-size="12"${bold ? ' font-weight="bold"' : ""}>${esc(s)}</text>`;
    const parts = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
        `<rect x="0" y="0" width="${width}" height="${height}" fill="white"/>`,
        `<rect x="${hubX}" y="${hubY}" width="${hubW}" height="${hubH}" rx="8" fill="#e8f0fe" stroke="#1a73e8"/>`,
        text(
            hubX + 12,
            hubY + 22,
            `hub ${t.hubStack} (${t.region}): EKS ${h.clusterName} ${h.kubernetesVersion}, ${h.endpointAccess} endpoint`,
            true,
        ),
        text(hubX + 12, hubY + 44, `VPC ${h.vpc.cidr}, service ${h.serviceCidr}, gateway ${h.gateway.type}`),
        text(hubX + 12, hubY + 64, `remote nodes ${h.remoteNodeNetworks.join(", ")}`),
        text(
            hubX + 12,
            hubY + 84,
            `remote pods ${h.remotePodNetworks.join(", ")}${gatewayMode(h) ? " (cluster pool, through the Hybrid Nodes gateway)" : ""}`,
        ),
    ];
    t.sites.forEach(({ site }, i) => {
        const [row, col] = [Math.floor(i / perRow), i % perRow];
        const x = margin + col * (boxW + gapX);
        const y = hubY + hubH + gapY + row * (boxH + gapY);
        parts.push(
            `<line x1="${width / 2}" y1="${hubY + hubH}" x2="${x + boxW / 2}" y2="${y}" stroke="#5f6368"/>`,
            `<rect x="${x}" y="${y}" width="${boxW}" height="${boxH}" rx="8" fill="#e6f4ea" stroke="#188038"/>`,
            text(x + 10, y + 20, `site ${site.name}`, true),
            text(x + 10, y + 38, `VPN ${site.vpnServer.publicIp} AS${site.vpnServer.asn}`),
            text(x + 10, y + 56, `nodes ${site.nodeCidr}`),
            text(x + 10, y + 74, sitePods(site)),
        );
    });
    parts.push("</svg>");
    return `${parts.join("\n")}\n`;
}
