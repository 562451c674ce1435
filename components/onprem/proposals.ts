import { TunnelOptions } from "../vpn/tunnelOptions";

// AWS's names for tunnel algorithms, in strongSwan's proposal keywords.
const ENCRYPTION: Record<string, string> = {
    AES128: "aes128",
    AES256: "aes256",
    "AES128-GCM-16": "aes128gcm16",
    "AES256-GCM-16": "aes256gcm16",
};
const INTEGRITY: Record<string, string> = { SHA1: "sha1", "SHA2-256": "sha256", "SHA2-384": "sha384", "SHA2-512": "sha512" };
const DH: Record<number, string> = {
    2: "modp1024",
    5: "modp1536",
    14: "modp2048",
    15: "modp3072",
    16: "modp4096",
    17: "modp6144",
    18: "modp8192",
    19: "ecp256",
    20: "ecp384",
    21: "ecp521",
    22: "modp1024s160",
    23: "modp2048s224",
    24: "modp2048s256",
};

const isAead = (alg: string) => alg.includes("GCM");
const map = (table: Record<string | number, string>, values: readonly (string | number)[], what: string) =>
    values.map((v) => {
        const keyword = table[v];
        if (!keyword) throw new Error(`no strongSwan keyword for ${what} ${v}`);
        return keyword;
    });

/**
 * strongSwan proposals for one phase: one proposal with the CBC ciphers and integrity algorithms,
 * one with the AEAD (GCM) ciphers, which take no integrity algorithm — in IKE they take the
 * integrity algorithms as PRFs instead. DH groups end each proposal (PFS in ESP).
 */
function proposals(phase: TunnelOptions["phase1"], ike: boolean): string {
    const dh = map(DH, phase.dhGroups, "DH group");
    const integrity = map(INTEGRITY, phase.integrity, "integrity algorithm");
    const cbc = map(
        ENCRYPTION,
        phase.encryption.filter((e) => !isAead(e)),
        "encryption algorithm",
    );
    const aead = map(ENCRYPTION, phase.encryption.filter(isAead), "encryption algorithm");
    const out: string[] = [];
    if (cbc.length > 0) out.push([...cbc, ...integrity, ...dh].join("-"));
    if (aead.length > 0) out.push([...aead, ...(ike ? integrity.map((i) => `prf${i}`) : []), ...dh].join("-"));
    return out.join(",");
}

/** IKE (phase 1) proposals from the tunnel options. */
export function ikeProposals(options: TunnelOptions): string {
    return proposals(options.phase1, true);
}

/** ESP (phase 2) proposals from the tunnel options. */
export function espProposals(options: TunnelOptions): string {
    return proposals(options.phase2, false);
}

/**
 * AWS rekeys a phase a margin before its lifetime ends (540 s by default, the rekey margin);
 * the site's end rekeys at the same point so that neither side's SA expires under the other.
 */
export const AWS_REKEY_MARGIN_SECONDS = 540;
