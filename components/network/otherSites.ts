import { cidr, exclude, parseCidr } from "./cidr";

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
