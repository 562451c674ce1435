/** How the VPN server does ESP. */
export enum IpsecMode {
    /** Kernel IPsec with one XFRM interface per tunnel: the default for real VPN servers. */
    Kernel = "kernel",
    /** strongSwan's userspace ESP (kernel-libipsec), one charon per tunnel: for hosts without kernel ESP. */
    Userspace = "userspace",
}

/** The IPsec mode of a VPN server when none is given. */
export const DEFAULT_IPSEC_MODE = IpsecMode.Kernel;
