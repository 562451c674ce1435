import * as fs from "fs";
import * as path from "path";
import { GatewayType } from "../../components/network/enums";
import { IpsecMode } from "../../components/onprem/enums";
import { RenderedFile, vpnServerFileMode } from "../../components/onprem/vpnServerInputs";
import { Site, SiteHubArgs } from "../../components/site/site";
import { siteHubArgs, siteSettings } from "../support/fixtures";
import { MockCloud } from "../support/mockCloud";
import { AwsTunnel, awsTunnelOptions, renderAwsSide } from "./awsSide";
import { Lab, waitFor } from "./lab";

// Several sites behind one transit gateway: each site's VPN server runs its own generated files in
// its own namespace ("onprem-<key>", with a hybrid node "node-<key>" on its LAN); each site's VPN
// attachment is a namespace of its own ("aws-<key>": AWS's end of the site's two tunnels); "tgw" is
// the transit gateway between the attachments, routing by its one route table. Only veth pairs
// between these namespaces: nothing leaves them.

/** The hub's transit gateway and its one route table, shared by every site's VPN attachment. */
export const TRANSIT_GATEWAY = { id: "tgw-0hub", routeTableId: "tgw-rtb-0hub" };

/** The hub's outputs of siteHubArgs(), with a transit gateway in place of the virtual private gateway. */
export function transitGatewayHub(): SiteHubArgs {
    return {
        ...siteHubArgs("kubeconfig"),
        gatewayType: GatewayType.Tgw,
        gatewayId: TRANSIT_GATEWAY.id,
        transitGatewayRouteTableId: TRANSIT_GATEWAY.routeTableId,
    };
}

/** One site of the lab: its settings, its hosts, and the addresses AWS gives its connection. */
export interface FleetSiteSpec {
    /** Short suffix of its namespaces ("a", "b"). */
    key: string;
    /** Its number: the link to the transit gateway is 100.64.<index>.0/30. */
    index: number;
    name: string;
    publicIp: string;
    /** AWS's address on the site's uplink (the VPN server's next hop to the outside addresses). */
    awsUplink: string;
    /** AWS's outside addresses of the site's tunnels: AWS gives every VPN connection its own. */
    outsideAddresses: [string, string];
    nodeCidr: string;
    podCidr: string;
    insideCidrs: [string, string];
    /** The VPN server's LAN address: the site's router too (bgp.routerAddress). */
    lanAddress: string;
    nodeIp: string;
    podIp: string;
    /** The node's pod slice: the VPN server's route to it (BGP brings it in a site, see bgp.test.ts). */
    podSlice: string;
}

/** One route of the transit gateway route table, as the site stack creates it. */
export interface TransitGatewayRoute {
    table: string;
    destination: string;
    attachment: string;
}

/** A site as its site stack builds it against a transit gateway hub. */
export interface PlannedFleetSite {
    spec: FleetSiteSpec;
    /** The VPN server's files by path, rendered by the Site component. */
    files: Record<string, string>;
    awsTunnels: [AwsTunnel, AwsTunnel];
    /** The site's VPN attachment and the route table it is associated with. */
    attachment: { id: string; table: string };
    /** The routes the site stack puts into the transit gateway route table. */
    routes: TransitGatewayRoute[];
}

const addressPattern = (address: string) => new RegExp(`(?<![\\d.])${address.replaceAll(".", "\\.")}(?!\\.?\\d)`, "g");

/**
 * The site of `spec` as the site stack builds it: the Site component under the mock engine, with
 * the example site's settings changed to the spec's and the hub's transit gateway. The mock engine
 * gives every VPN connection the same outside addresses; AWS gives each its own, so the spec's
 * replace them in the rendered files (and AWS's end holds the spec's).
 */
export async function plannedFleetSite(spec: FleetSiteSpec): Promise<PlannedFleetSite> {
    const settings = siteSettings();
    settings.name = spec.name;
    settings.vpnServer = { ...settings.vpnServer, publicIp: spec.publicIp, ipsecMode: IpsecMode.Userspace };
    settings.nodeCidr = spec.nodeCidr;
    settings.podCidr = spec.podCidr;
    settings.bgp = { ...settings.bgp, routerAddress: spec.lanAddress };
    settings.tunnels = { ...settings.tunnels, insideCidrs: spec.insideCidrs };
    const { cloud, result } = await MockCloud.run(
        () => new Site(spec.name, { site: settings, hub: transitGatewayHub(), activationExpiry: "2026-12-22T00:00:00Z" }),
    );
    const value = (o: unknown) => (o as { promise(): Promise<any> }).promise();
    const rendered: Record<string, string> = await value(result.vpnServerConfig);
    const mockAddresses: string[] = [await value(result.tunnel1Address), await value(result.tunnel2Address)];
    const files = Object.fromEntries(
        Object.entries(rendered).map(([p, content]) => [
            p,
            mockAddresses.reduce((text, addr, k) => text.replace(addressPattern(addr), spec.outsideAddresses[k]), content),
        ]),
    );
    const vpn = cloud.ofType("aws:ec2/vpnConnection:VpnConnection")[0];
    const awsTunnels = ([1, 2] as const).map((n): AwsTunnel => ({
        outsideAddress: spec.outsideAddresses[n - 1],
        presharedKey: (vpn.inputs[`tunnel${n}PresharedKey`] as { value: string }).value,
        options: awsTunnelOptions(vpn.inputs, n),
    }));
    const association = cloud.ofType("aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation")[0];
    const routes = cloud.ofType("aws:ec2transitgateway/route:Route").map((r): TransitGatewayRoute => ({
        table: r.inputs.transitGatewayRouteTableId,
        destination: r.inputs.destinationCidrBlock,
        attachment: r.inputs.transitGatewayAttachmentId,
    }));
    return {
        spec,
        files,
        awsTunnels: awsTunnels as [AwsTunnel, AwsTunnel],
        attachment: { id: association.inputs.transitGatewayAttachmentId, table: association.inputs.transitGatewayRouteTableId },
        routes,
    };
}

/** Where a site's files and runtime files are in the lab. */
export interface FleetSiteDirs {
    configDir: string;
    runDir: string;
    awsRun: string;
}

/** The first address of a CIDR plus `n` (AWS's end of an inside /30 is its first host). */
function host(cidrText: string, n: number): string {
    const [addr] = cidrText.split("/");
    const octets = addr.split(".").map(Number);
    octets[3] += n;
    return octets.join(".");
}

/** The link between a site's attachment and the transit gateway: the attachment's end, the transit gateway's end. */
export function attachmentLink(spec: FleetSiteSpec): { attachment: string; tgw: string } {
    return { attachment: `100.64.${spec.index}.1`, tgw: `100.64.${spec.index}.2` };
}

/**
 * The lab: the transit gateway's namespace, then each site (its VPN server, node and attachment)
 * with both tunnels up. The transit gateway routes exactly by the route table the site stacks
 * created: each route to the attachment it names.
 */
export async function buildFleetLab(lab: Lab, sites: PlannedFleetSite[]): Promise<Map<string, FleetSiteDirs>> {
    lab.addNamespace("tgw");
    lab.exec("tgw", "sysctl", "-qw", "net.ipv4.ip_forward=1");
    const dirs = new Map<string, FleetSiteDirs>();
    for (const site of sites) {
        const { key } = site.spec;
        const link = attachmentLink(site.spec);
        for (const ns of [`onprem-${key}`, `node-${key}`, `aws-${key}`]) lab.addNamespace(ns);
        lab.link(`aws-${key}`, "tgw", [`${link.attachment}/30`], "tgw", `att-${key}`, [`${link.tgw}/30`]);
        dirs.set(key, await buildSite(lab, site));
    }
    const namespaceOf = new Map(sites.map((s) => [s.attachment.id, s.spec]));
    for (const route of sites.flatMap((s) => s.routes)) {
        const spec = namespaceOf.get(route.attachment);
        if (spec === undefined) throw new Error(`the route to ${route.destination} names attachment ${route.attachment}, no site's`);
        lab.exec("tgw", "ip", "route", "add", route.destination, "via", attachmentLink(spec).attachment, "dev", `att-${spec.key}`);
    }
    for (const site of sites) await waitForSiteTunnels(lab, site.spec.key, dirs.get(site.spec.key)!);
    return dirs;
}

async function buildSite(lab: Lab, site: PlannedFleetSite): Promise<FleetSiteDirs> {
    const { spec } = site;
    const [onprem, node, aws] = [`onprem-${spec.key}`, `node-${spec.key}`, `aws-${spec.key}`];
    lab.link(onprem, "wan", [`${spec.publicIp}/24`], aws, "wan", [`${spec.awsUplink}/24`, ...spec.outsideAddresses.map((a) => `${a}/32`)]);
    for (const outside of spec.outsideAddresses) lab.exec(onprem, "ip", "route", "add", `${outside}/32`, "via", spec.awsUplink);
    lab.link(onprem, "lan", [`${spec.lanAddress}/24`], node, "lan", [`${spec.nodeIp}/24`]);
    lab.exec(onprem, "ip", "route", "add", spec.podSlice, "via", spec.nodeIp);
    // A real VPN server has a default route; here nothing may leave, nor fall through to the tunnels' catch-all table.
    lab.exec(onprem, "ip", "route", "add", "unreachable", "default");
    lab.exec(node, "ip", "addr", "add", `${spec.podIp}/32`, "dev", "lo");
    lab.exec(node, "ip", "route", "add", "default", "via", spec.lanAddress);

    // The site's VPN attachment: AWS's end of both tunnels (one charon, one TUN), the site's node and
    // pod CIDRs into them, everything else to the transit gateway.
    lab.exec(aws, "sysctl", "-qw", "net.ipv4.ip_forward=1");
    lab.exec(aws, "ip", "route", "add", "default", "via", attachmentLink(spec).tgw);
    const awsRun = path.join(lab.dir, `${aws}-run`);
    fs.mkdirSync(awsRun, { recursive: true });
    const awsDir = lab.writeFiles(aws, renderAwsSide(spec.publicIp, site.awsTunnels, awsRun));
    lab.start(`${aws}-charon`, aws, ["charon-systemd"], { STRONGSWAN_CONF: path.join(awsDir, "strongswan.conf") });
    await waitFor(
        `AWS charon of ${spec.name}`,
        () => fs.existsSync(path.join(awsRun, "charon.vici")) && lab.tryExec(aws, "ip", "link", "show", "ipsec0"),
        10_000,
    );
    lab.exec(aws, "swanctl", "--load-all", "--file", path.join(awsDir, "swanctl.conf"), "--uri", `unix://${awsRun}/charon.vici`);
    for (const inside of spec.insideCidrs) lab.exec(aws, "ip", "addr", "add", `${host(inside, 1)}/30`, "dev", "ipsec0");
    lab.exec(aws, "ip", "link", "set", "ipsec0", "up");
    for (const cidr of [spec.nodeCidr, spec.podCidr]) lab.exec(aws, "ip", "route", "add", cidr, "dev", "ipsec0");

    // The site's end: its generated files under the lab's directory instead of /etc and /run.
    const configDir = path.join(lab.dir, onprem);
    const runDir = path.join(lab.dir, `${onprem}-run`);
    const relocate = (text: string) => text.replaceAll("/etc/eks-hybrid-vpn", configDir).replaceAll("/run/eks-hybrid-vpn", runDir);
    const files: RenderedFile[] = Object.entries(site.files).map(([p, content]) => ({
        path: p,
        content: relocate(content),
        mode: vpnServerFileMode(p),
    }));
    lab.writeFiles(onprem, files);
    lab.exec(onprem, "env", "EKS_HYBRID_VPN_SUPERVISOR=script", "sh", path.join(configDir, "setup.sh"), "start");
    return { configDir, runDir, awsRun };
}

async function waitForSiteTunnels(lab: Lab, key: string, dirs: FleetSiteDirs): Promise<void> {
    const childSas = (n: 1 | 2) => {
        const out = lab.run(`onprem-${key}`, "swanctl", "--list-sas", "--uri", `unix://${dirs.runDir}/tunnel${n}/charon.vici`);
        return out.status === 0 ? (out.output.match(/INSTALLED/g) ?? []).length : 0;
    };
    await waitFor(`both tunnels of site ${key}`, () => childSas(1) === 1 && childSas(2) === 1, 30_000, 100);
}
