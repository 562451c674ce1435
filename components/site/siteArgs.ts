import { IpsecMode } from "../onprem/vpnServerConfig";

/** The site's VPN server: the customer gateway AWS sees. */
export interface SiteVpnServerArgs {
    /** Public IPv4 address of the VPN server. */
    publicIp: string;
    /** BGP ASN of the customer gateway (static routing still needs one). */
    asn: number;
    /** Device name shown in the AWS console (default `<site>-vpn`). */
    deviceName?: string;
    /** How the VPN server does ESP: kernel (default, XFRM interfaces) or userspace (strongSwan's libipsec). */
    ipsecMode?: IpsecMode;
}

/** BGP between the site's router and its hybrid nodes (Cilium). */
export interface SiteBgpArgs {
    /** Router address the nodes peer with. */
    routerAddress: string;
    /** Router ASN. */
    routerAsn: number;
    /** ASN of the site's hybrid nodes. */
    nodesAsn: number;
}

/** IKE or IPsec phase settings of both tunnels. */
export interface SiteTunnelPhaseArgs {
    /** Encryption algorithms, e.g. AES256, AES256-GCM-16. */
    encryption?: string[];
    /** Integrity algorithms, e.g. SHA2-256. */
    integrity?: string[];
    /** Diffie-Hellman group numbers. */
    dhGroups?: number[];
    /** SA lifetime in seconds. */
    lifetimeSeconds?: number;
}

/** The two tunnels of the Site-to-Site VPN. Everything has a safe default. */
export interface SiteTunnelArgs {
    /** Two /30s in 169.254.0.0/16 for the tunnels' inside addresses (default: AWS picks). */
    insideCidrs?: string[];
    /** IKE versions (default ikev2). */
    ikeVersions?: string[];
    /** Phase 1 (IKE SA). */
    phase1?: SiteTunnelPhaseArgs;
    /** Phase 2 (IPsec SA). */
    phase2?: SiteTunnelPhaseArgs;
    /** Dead peer detection timeout in seconds (default 30). */
    dpdTimeoutSeconds?: number;
    /** What AWS does on a DPD timeout: clear, none, restart (default restart). */
    dpdTimeoutAction?: string;
    /** Whether AWS starts the IKE negotiation (start) or waits for the site (add); default start. */
    startupAction?: string;
}

/** One listed hybrid node host. */
export interface SiteHostArgs {
    /** Node name; with IAM Roles Anywhere also its certificate's CN. */
    name: string;
    /** Node address inside the site's node CIDR. */
    ip: string;
}

/** The site's hybrid nodes: a count, or the hosts by name. */
export interface SiteNodesArgs {
    /** Number of nodes (SSM only; the activation's registration limit). */
    count?: number;
    /** The hosts; required with IAM Roles Anywhere. */
    hosts?: SiteHostArgs[];
    /** Days the SSM activation stays valid, 1 to 30 (default 30). */
    activationDays?: number;
}

/** One on-prem site: the same shape as the `eks-hybrid:site` stack config. */
export interface SiteSettings {
    /** Site name, a DNS label; the value of the node label Cilium selects on. */
    name: string;
    /** Stack name of the hub (`hub` or `org/project/hub`). */
    hubStack: string;
    /** The VPN server (customer gateway). */
    vpnServer: SiteVpnServerArgs;
    /** Node CIDR, inside one of the hub's remoteNodeNetworks. */
    nodeCidr: string;
    /** Pod CIDR, inside one of the hub's remotePodNetworks. */
    podCidr: string;
    /** Per-node slice of the pod CIDR (prefix length). */
    podMaskSize: number;
    /** BGP peering with the site router. */
    bgp?: SiteBgpArgs;
    /** VPN tunnel settings. */
    tunnels?: SiteTunnelArgs;
    /** The hybrid nodes. */
    nodes: SiteNodesArgs;
    /** Tags for every taggable resource. */
    tags?: { [key: string]: string };
}
