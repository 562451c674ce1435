import { cidr, exclude, parseCidr } from "./cidr";

/**
 * A hub output that must be a list of IPv4 CIDRs, parsed again: it reaches root-run scripts and
 * frr.conf, so anything else (a `;`, a line break) is refused with the output's name.
 */
export function hubCidrs(values: unknown, output: string): string[] {
    if (!Array.isArray(values)) throw new Error(`the hub's output ${output} is not a list of IPv4 CIDRs`);
    return values.map((text) => {
        const parsed = parseCidr(text);
        if (!parsed.ok) throw new Error(`the hub's output ${output} holds ${JSON.stringify(text)}, not an IPv4 CIDR such as 10.0.0.0/16`);
        return parsed.cidr.text;
    });
}

/**
 * The other sites' networks as one site sees them: the hub's node and pod supernets without the
 * site's own node and pod CIDRs, in the supernets' order. These are what the site's VPN server and
 * router send into the tunnels next to the VPC (a transit gateway forwards them to their site).
 * The supernets come from the hub stack: each is parsed again here and refused when it is not a
 * canonical IPv4 CIDR, so nothing else reaches the site's scripts.
 */
export function otherSiteNetworks(supernets: readonly unknown[], own: readonly string[]): string[] {
    const holes = own.map(cidr);
    return supernets.flatMap((text) => {
        const parsed = parseCidr(text);
        if (!parsed.ok) throw new Error(`the hub's remote network ${JSON.stringify(text)} is not an IPv4 CIDR such as 10.80.0.0/12`);
        return exclude(parsed.cidr, holes).map((c) => c.text);
    });
}
