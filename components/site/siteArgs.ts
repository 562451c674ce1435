import { BgpPeeringArgs } from "../cilium/ciliumObjects";
import { IpsecMode } from "../onprem/enums";
import { VpnFirewallArgs } from "../onprem/vpnServerInputs";
import { TunnelArgs } from "../vpn/tunnelOptions";
import { VpnMonitoringArgs } from "../vpn/monitoringArgs";

/** The site's VPN server: the customer gateway AWS sees. */
export interface VpnServerArgs {
    /** Public IPv4 address of the VPN server. */
    publicIp: string;
    /** BGP ASN of the customer gateway (static routing still needs one). */
    asn: number;
    /** Device name shown in the AWS console (default `<site>-vpn`). */
    deviceName?: string;
    /** How the VPN server does ESP: kernel (default, XFRM interfaces) or userspace (strongSwan's libipsec). */
    ipsecMode?: IpsecMode;
    /**
     * The private address the VPN server binds when it sits behind a NAT (publicIp stays the
     * customer gateway and its IKE identity); NAT traversal then carries IKE and ESP in UDP 4500.
     */
    localAddress?: string;
    /**
     * The VPN server's address on the site LAN: the router's next hop for the VPC (its routes are
     * rendered then), and, when it is not the router's own address, the VPN server routes the pods
     * to the router.
     */
    lanAddress?: string;
    /** The VPN server's firewall: IKE only from AWS, only the site's networks through the tunnels (default on). */
    firewall?: VpnFirewallArgs;
}

/** One listed hybrid node host. */
export interface SiteHostArgs {
    /** Node name; with IAM Roles Anywhere also its certificate's CN. */
    name: string;
    /** Node address inside the site's node CIDR. */
    ip: string;
}

/** Days an SSM activation stays valid when nothing says otherwise (AWS's maximum). */
export const DEFAULT_ACTIVATION_DAYS = 30;

/** The site's hybrid nodes: a count, or the hosts by name. */
export interface SiteNodesArgs {
    /**
     * Number of nodes (SSM only; the activation's registration limit). Changing it replaces the SSM
     * activation: registered nodes stay, new nodes need the new NodeConfigs.
     */
    count?: number;
    /**
     * The hosts; required with IAM Roles Anywhere. With SSM their number is the activation's
     * registration limit: adding or removing a host replaces the activation (registered nodes stay,
     * new nodes need the new NodeConfigs).
     */
    hosts?: SiteHostArgs[];
    /** Days an SSM activation is valid for, 2 to 30 (default 30): at most this many days ahead at any time. */
    activationDays?: number;
    /**
     * Renew the SSM activation when fewer than this many days are left, 1 to `activationDays` - 1
     * (default 7): the first `up` after that creates a new one, so a pipeline that runs `up` at least
     * every `activationRenewDays` days keeps the site's activation valid without a person. Every
     * activation, a replacement included, is created with nearly this many days left or more.
     */
    activationRenewDays?: number;
    /**
     * Generation of the SSM activation (default 0). Raising it replaces the activation at once, with
     * a fresh registration limit and more than `activationRenewDays` days left (a leaked activation
     * code, a limit used up); nodes already registered stay registered, and the NodeConfigs carry
     * the new activation.
     */
    activationGeneration?: number;
    /**
     * The Kubernetes minor the site's nodes run (`nodeadm install`), such as "1.32". Declared, it is
     * checked against the hub's version (never newer, at most three minors older) and the site's
     * upgrade runbook steps from it to the hub's version.
     */
    kubernetesVersion?: string;
    /** Nodes an upgrade takes out of service at once (default 1). */
    upgradeMaxUnavailable?: number;
}

/** One on-prem site: its addresses, VPN server, BGP peering, tunnels and nodes. */
export interface SiteSettings {
    /** Site name, a DNS label; the value of the node label Cilium selects on. */
    name: string;
    /** The VPN server (customer gateway). */
    vpnServer: VpnServerArgs;
    /** Node CIDR, inside one of the hub's remoteNodeNetworks. */
    nodeCidr: string;
    /**
     * Pod CIDR, inside one of the hub's remotePodNetworks: required when the hub's pod networking
     * is routed (its default), refused with gateway (pods take their addresses from the hub's
     * cluster pool, and no site routes a pod CIDR).
     */
    podCidr?: string;
    /** Per-node slice of the pod CIDR (prefix length): with podCidr, and only with it. */
    podMaskSize?: number;
    /**
     * Addresses for LoadBalancer Services served from the site's nodes, a CIDR inside one of the
     * hub's `loadBalancerNetworks`: Cilium's LB IPAM gives a Service labelled `eks-hybrid/site:
     * <site>` (with `loadBalancerClass: io.cilium/bgp-control-plane`) an address from it, the
     * site's nodes announce it to the site router over BGP, and the site's VPN carries it to the VPC
     * and the other sites (a third static route). Needs `bgp`.
     * Default: none.
     */
    loadBalancerCidr?: string;
    /** BGP peering with the site router. */
    bgp?: BgpPeeringArgs;
    /** VPN tunnel settings. */
    tunnels?: TunnelArgs;
    /** Tunnel alarms and logs (always on; these are their settings). */
    monitoring?: VpnMonitoringArgs;
    /**
     * Protect the VPN connection: Pulumi refuses to replace it (new outside addresses) or delete it
     * (default true). Set false and `up` before a change that replaces it or before removing the
     * site; the connection is then tagged `eks-hybrid:protect=false`, which the policy pack accepts
     * as deliberate.
     */
    protect?: boolean;
    /** The hybrid nodes. */
    nodes: SiteNodesArgs;
    /**
     * Tags for every taggable resource. Changing them replaces the SSM activation (AWS cannot
     * retag one): registered nodes stay, new nodes need the new NodeConfigs.
     */
    tags?: { [key: string]: string };
}

/** The `eks-hybrid:site` stack config: the site's settings and the hub stack it belongs to. */
export interface SiteStackConfig extends SiteSettings {
    /** Stack name of the hub (`hub` or `org/project/hub`). */
    hubStack: string;
}

/** How many nodes a site has: the count, or the listed hosts. */
export function siteNodeCount(site: SiteSettings): number {
    return site.nodes.hosts?.length ?? site.nodes.count ?? 0;
}
