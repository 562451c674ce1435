import { TunnelOptions } from "../vpn/tunnelOptions";
import { IpsecMode } from "./enums";

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

/** The VPN server's firewall (nftables, applied by setup.sh before any tunnel). */
export interface VpnFirewallArgs {
    /**
     * Whether setup.sh installs it: IKE and ESP only from the two tunnels' AWS outside addresses,
     * and through the tunnels only traffic between the site's networks and the VPC and other
     * sites. Off leaves both to the site's own firewall. @default true
     */
    enabled?: boolean;
    /**
     * Further site networks (CIDRs) that may talk through the tunnels besides the node and pod
     * CIDRs, such as a management network the site routes to the VPC itself. @default []
     */
    extraSiteCidrs?: string[];
}

/** What the VPN server's files are made of: the site, the mode and both tunnels as AWS describes them. */
export interface VpnServerConfigInputs {
    site: string;
    mode: IpsecMode;
    /** The VPN server's public address: its IKE identity (the customer gateway). */
    localId: string;
    /** The address the VPN server sends IKE from, when it is behind NAT (default: localId). */
    localAddress?: string;
    /** The site's node CIDR: with the pod CIDR what may talk through the tunnels. */
    nodeCidr: string;
    /** The VPN server's firewall (default on). */
    firewall?: VpnFirewallArgs;
    /** Where traffic through the tunnels goes: every CIDR of the VPC (the primary, and a secondary one for cloud pods). */
    vpcCidrs: string[];
    /**
     * Every other site's node and pod networks (the hub's supernets without this site's own CIDRs):
     * routed into the tunnels like the VPC, so the transit gateway forwards them to their site.
     */
    otherSiteCidrs?: string[];
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
    /** The site's LoadBalancer Services' addresses: routed like the pods (the router learns them over BGP). */
    loadBalancerCidr?: string;
    /** The site router's address, when it is another host than the VPN server: the pod CIDR's next hop. */
    podRouter?: string;
}

/** Everything the VPN server routes into the tunnels: the VPC, then the other sites' networks. */
export function tunnelledCidrs(i: Pick<VpnServerConfigInputs, "vpcCidrs" | "otherSiteCidrs">): string[] {
    return [...i.vpcCidrs, ...(i.otherSiteCidrs ?? [])];
}

/** The site's own networks: what may talk through the tunnels (node, pod, and the firewall's extra CIDRs). */
export function siteCidrs(i: Pick<VpnServerConfigInputs, "nodeCidr" | "podCidr" | "loadBalancerCidr" | "firewall">): string[] {
    const optional = [i.podCidr, i.loadBalancerCidr].filter((c): c is string => c !== undefined);
    return [i.nodeCidr, ...optional, ...(i.firewall?.extraSiteCidrs ?? [])];
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
