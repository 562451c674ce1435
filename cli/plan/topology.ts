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
        `  subgraph ${id(t.hubStack)}["${q(hubTitle(t.hubStack, t.region))}"]`,
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

/** The SVG's grid: site boxes, the gaps between them, the hub's box. */
const GRID = { boxW: 240, boxH: 92, gapX: 30, gapY: 50, margin: 20, hubW: 560, hubH: 100, maxCols: 10 } as const;

/** Site columns for `n` sites: one row up to five, then about twice as wide as tall, at most ten. */
export function topologyColumns(n: number): number {
    if (n <= 5) return Math.max(1, n);
    return Math.min(GRID.maxCols, Math.ceil(Math.sqrt(2 * n)));
}

/** How the picture names a hub: its stack, and "hub" unless the stack is called that. */
const hubTitle = (stack: string, region: string) => `${stack === "hub" ? "hub" : `hub stack ${stack}`} (${region})`;

/**
 * The same picture as a standalone SVG (no renderer needed): the hub on top, its sites in rows
 * below, each row hung from a bus in the gap above it. The buses meet a trunk in the left margin,
 * so no line crosses a box, at any number of sites.
 */
export function topologySvg(t: TopologyInput): string {
    const { boxW, boxH, gapX, gapY, margin, hubW, hubH } = GRID;
    const cols = topologyColumns(t.sites.length);
    const rows = Math.ceil(t.sites.length / cols);
    const width = Math.max(2 * margin + cols * boxW + (cols - 1) * gapX, hubW + 2 * margin);
    const hubX = (width - hubW) / 2;
    const hubY = margin;
    const rowTop = (row: number) => hubY + hubH + gapY + row * (boxH + gapY);
    const height = rows === 0 ? hubY + hubH + margin : rowTop(rows - 1) + boxH + margin;
    const busY = (row: number) => rowTop(row) - gapY / 2;
    const boxX = (col: number) => margin + col * (boxW + gapX);
    const trunkX = margin / 2;
    const h = t.hub;
    const text = (x: number, y: number, s: string, bold = false) =>
        `<text x="${x}" y="${y}" font-family="sans-serif" font-size="12"${bold ? ' font-weight="bold"' : ""}>${esc(s)}</text>`;
    const line = (x1: number, y1: number, x2: number, y2: number) => `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#5f6368"/>`;
    const parts = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
        `<rect x="0" y="0" width="${width}" height="${height}" fill="white"/>`,
        `<rect x="${hubX}" y="${hubY}" width="${hubW}" height="${hubH}" rx="8" fill="#e8f0fe" stroke="#1a73e8"/>`,
        text(
            hubX + 12,
            hubY + 22,
            `${hubTitle(t.hubStack, t.region)}: EKS ${h.clusterName} ${h.kubernetesVersion}, ${h.endpointAccess} endpoint`,
            true,
        ),
        text(hubX + 12, hubY + 44, `VPC ${h.vpc.cidr}, service ${h.serviceCidr}, gateway ${h.gateway.type}, ${t.sites.length} sites`),
        text(hubX + 12, hubY + 64, `remote nodes ${h.remoteNodeNetworks.join(", ")}`),
        text(
            hubX + 12,
            hubY + 84,
            `remote pods ${h.remotePodNetworks.join(", ")}${gatewayMode(h) ? " (cluster pool, through the Hybrid Nodes gateway)" : ""}`,
        ),
    ];
    if (rows > 0) {
        // The hub down to the first bus; the trunk down the left margin to the last.
        parts.push(line(width / 2, hubY + hubH, width / 2, busY(0)));
        parts.push(line(trunkX, busY(0), trunkX, busY(rows - 1)));
    }
    for (let row = 0; row < rows; row++) {
        const inRow = Math.min(cols, t.sites.length - row * cols);
        const right = Math.max(boxX(inRow - 1) + boxW / 2, row === 0 ? width / 2 : 0);
        const left = rows > 1 ? trunkX : Math.min(boxX(0) + boxW / 2, width / 2);
        parts.push(line(left, busY(row), right, busY(row)));
    }
    t.sites.forEach(({ site }, i) => {
        const [row, col] = [Math.floor(i / cols), i % cols];
        const [x, y] = [boxX(col), rowTop(row)];
        parts.push(
            line(x + boxW / 2, busY(row), x + boxW / 2, y),
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
