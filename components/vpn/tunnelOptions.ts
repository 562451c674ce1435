import type * as pulumi from "@pulumi/pulumi";
import { cidr } from "../network/cidr";
import { PresharedKeyStorage } from "./enums";

/** IKE or IPsec phase settings of both tunnels. */
export interface TunnelPhaseArgs {
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
export interface TunnelArgs {
    /** Two /30s in 169.254.0.0/16 for the tunnels' inside addresses (default: AWS picks). */
    insideCidrs?: string[];
    /** IKE versions (default ikev2); ikev1 needs `allowWeakCrypto`. */
    ikeVersions?: string[];
    /** Phase 1 (IKE SA). */
    phase1?: TunnelPhaseArgs;
    /** Phase 2 (IPsec SA). */
    phase2?: TunnelPhaseArgs;
    /** Dead peer detection timeout in seconds (default 30). */
    dpdTimeoutSeconds?: number;
    /** What AWS does on a DPD timeout: clear, none, restart (default clear). */
    dpdTimeoutAction?: string;
    /** Whether AWS starts the IKE negotiation (start) or waits for the site (add); default add. */
    startupAction?: string;
    /**
     * Accept IKEv1, SHA1 and the DH groups 2, 5 and 22-24 (RFC 5114), which AWS still offers for
     * old devices (default false: they are refused).
     */
    allowWeakCrypto?: boolean;
    /**
     * Generation of each tunnel's pre-shared key, [tunnel 1, tunnel 2] (default [0, 0]). Raising one
     * gives that tunnel a new key, an in-place update of the VPN connection; raise one at a time, so
     * the other tunnel carries traffic while the VPN server gets the new key.
     */
    keyGenerations?: number[];
    /** Where AWS keeps the pre-shared keys: `standard` (default) or `secrets-manager`. */
    presharedKeyStorage?: PresharedKeyStorage;
}

/** Where tunnel inside CIDRs come from, and the /30s AWS keeps for itself. */
export const TUNNEL_INSIDE_SPACE = cidr("169.254.0.0/16");
/** Inside /30s AWS reserves for itself. */
export const AWS_RESERVED_INSIDE_CIDRS = [
    "169.254.0.0/30",
    "169.254.1.0/30",
    "169.254.2.0/30",
    "169.254.3.0/30",
    "169.254.4.0/30",
    "169.254.5.0/30",
    "169.254.169.252/30",
];

/** What AWS Site-to-Site VPN accepts per tunnel (EC2 ModifyVpnTunnelOptions). */
export const AWS_TUNNEL_VALUES = {
    ikeVersions: ["ikev1", "ikev2"],
    encryption: ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"],
    integrity: ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"],
    phase1DhGroups: [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
    phase2DhGroups: [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
    dpdTimeoutActions: ["clear", "none", "restart"],
    startupActions: ["add", "start"],
    phase1Lifetime: { min: 900, max: 28800 },
    phase2Lifetime: { min: 900, max: 3600 },
    dpdTimeoutMin: 30,
};

/** Tunnel settings with every default filled in: the one source for AWS and the on-prem config. */
export interface TunnelOptions {
    ikeVersions: string[];
    phase1: Required<TunnelPhaseArgs>;
    phase2: Required<TunnelPhaseArgs>;
    dpdTimeoutSeconds: number;
    dpdTimeoutAction: string;
    startupAction: string;
}

// Safe defaults: IKEv2 only, AES-256 (CBC and GCM), SHA-2, DH groups 14 and up without the
// RFC 5114 groups 22-24, and exactly one initiator per tunnel: the site (AWS's own defaults, startup
// action add and DPD timeout action clear), whose VPN server restarts a dead tunnel. AWS initiating
// would reach only UDP 500, which in userspace mode is tunnel 1's charon alone.
const STRONG_DH = [14, 15, 16, 19, 20, 21];
/** What AWS offers that validation refuses unless the site sets `tunnels.allowWeakCrypto`. */
export const WEAK_CRYPTO = { ikeVersions: ["ikev1"], integrity: ["SHA1"], dhGroups: [2, 5, 22, 23, 24] };

/** strongSwan's `version` for the IKE versions: 1, 2, or 0 for either. */
export function swanctlIkeVersion(ikeVersions: readonly string[]): number {
    const v1 = ikeVersions.includes("ikev1");
    const v2 = ikeVersions.includes("ikev2");
    return v1 && v2 ? 0 : v1 ? 1 : 2;
}

/** The tunnel options when a site sets none: the one place of every tunnel default. */
export const DEFAULT_TUNNEL_OPTIONS: TunnelOptions = {
    ikeVersions: ["ikev2"],
    phase1: {
        encryption: ["AES256", "AES256-GCM-16"],
        integrity: ["SHA2-256", "SHA2-384", "SHA2-512"],
        dhGroups: STRONG_DH,
        lifetimeSeconds: 28800,
    },
    phase2: {
        encryption: ["AES256", "AES256-GCM-16"],
        integrity: ["SHA2-256", "SHA2-384", "SHA2-512"],
        dhGroups: STRONG_DH,
        lifetimeSeconds: 3600,
    },
    dpdTimeoutSeconds: 30,
    dpdTimeoutAction: "clear",
    startupAction: "add",
};

/** The site's tunnel settings over the defaults. */
export function resolveTunnelOptions(tunnels: TunnelArgs = {}): TunnelOptions {
    const d = DEFAULT_TUNNEL_OPTIONS;
    return {
        ikeVersions: tunnels.ikeVersions ?? d.ikeVersions,
        phase1: { ...d.phase1, ...definedOnly(tunnels.phase1) },
        phase2: { ...d.phase2, ...definedOnly(tunnels.phase2) },
        dpdTimeoutSeconds: tunnels.dpdTimeoutSeconds ?? d.dpdTimeoutSeconds,
        dpdTimeoutAction: tunnels.dpdTimeoutAction ?? d.dpdTimeoutAction,
        startupAction: tunnels.startupAction ?? d.startupAction,
    };
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
    return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The `tunnelN*` arguments of aws.ec2.VpnConnection for one tunnel. */
export function vpnTunnelArgs(
    n: 1 | 2,
    options: TunnelOptions,
    presharedKey: pulumi.Input<string>,
    insideCidr?: string,
): Record<string, unknown> {
    const t = `tunnel${n}`;
    return {
        [`${t}IkeVersions`]: options.ikeVersions,
        [`${t}Phase1EncryptionAlgorithms`]: options.phase1.encryption,
        [`${t}Phase1IntegrityAlgorithms`]: options.phase1.integrity,
        [`${t}Phase1DhGroupNumbers`]: options.phase1.dhGroups,
        [`${t}Phase1LifetimeSeconds`]: options.phase1.lifetimeSeconds,
        [`${t}Phase2EncryptionAlgorithms`]: options.phase2.encryption,
        [`${t}Phase2IntegrityAlgorithms`]: options.phase2.integrity,
        [`${t}Phase2DhGroupNumbers`]: options.phase2.dhGroups,
        [`${t}Phase2LifetimeSeconds`]: options.phase2.lifetimeSeconds,
        [`${t}DpdTimeoutSeconds`]: options.dpdTimeoutSeconds,
        [`${t}DpdTimeoutAction`]: options.dpdTimeoutAction,
        [`${t}StartupAction`]: options.startupAction,
        [`${t}PresharedKey`]: presharedKey,
        ...(insideCidr === undefined ? {} : { [`${t}InsideCidr`]: insideCidr }),
    };
}
