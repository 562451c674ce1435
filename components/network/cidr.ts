import * as ipaddr from "ipaddr.js";
import { Netmask } from "netmask";

/** A parsed, canonical IPv4 network (host bits all zero). */
export interface Cidr {
    /** Canonical text, e.g. `10.80.0.0/12`. */
    readonly text: string;
    readonly address: ipaddr.IPv4;
    readonly prefix: number;
}

/** Why a string is not a usable IPv4 network. */
export enum CidrProblem {
    Syntax = "syntax",
    HostBitsSet = "host-bits-set",
}

/** A parsed network, or why the text is not one. */
export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; problem: CidrProblem; canonical?: string };

/**
 * Parses `a.b.c.d/n` strictly: four decimal octets (no shorthand, no leading zeros), a prefix
 * 0–32, and no host bits set. ipaddr.js does the parsing; it rejects the loose forms
 * (`10.1/16`, `010.0.0.0/8`) that older parsers accept silently.
 */
export function parseCidr(text: unknown): CidrParse {
    if (typeof text !== "string") return { ok: false, problem: CidrProblem.Syntax };
    const slash = text.indexOf("/");
    if (slash < 0 || !/^(0|[1-9]\d?)$/.test(text.slice(slash + 1))) return { ok: false, problem: CidrProblem.Syntax };
    const addressText = text.slice(0, slash);
    if (!ipaddr.IPv4.isValidFourPartDecimal(addressText)) return { ok: false, problem: CidrProblem.Syntax };
    const prefix = Number(text.slice(slash + 1));
    if (prefix > 32) return { ok: false, problem: CidrProblem.Syntax };
    const network = ipaddr.IPv4.networkAddressFromCIDR(text);
    const canonical = `${network.toString()}/${prefix}`;
    if (canonical !== text) return { ok: false, problem: CidrProblem.HostBitsSet, canonical };
    return { ok: true, cidr: { text, address: network, prefix } };
}

/** Parses a CIDR that is already known to be valid (validated config, constants). */
export function cidr(text: string): Cidr {
    const parsed = parseCidr(text);
    if (!parsed.ok) throw new Error(`internal: ${text} is not a canonical IPv4 CIDR`);
    return parsed.cidr;
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
    return inner.prefix >= outer.prefix && inner.address.match(outer.address, outer.prefix);
}

/** True when the two networks share at least one address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
    return contains(a, b) || contains(b, a);
}

/**
 * RFC 1918: the only ranges EKS accepts for the Kubernetes service CIDR and for the remote node and
 * pod networks (EKS API RemoteNodeNetwork/RemotePodNetwork: "within an IPv4 RFC-1918 network range").
 */
export const RFC1918: readonly Cidr[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map(cidr);
/** RFC 1918 plus the shared address space 100.64.0.0/10: where a secondary VPC CIDR may live. */
export const PRIVATE_OR_SHARED: readonly Cidr[] = [...RFC1918, cidr("100.64.0.0/10")];

/** True when `c` lies entirely inside one of `spaces`. */
export function insideAny(spaces: readonly Cidr[], c: Cidr): boolean {
    return spaces.some((space) => contains(space, c));
}

/**
 * The first `count` consecutive blocks of `/newPrefix` inside `parent`, in address order.
 * netmask does the block stepping.
 */
export function carve(parent: Cidr, newPrefix: number, count: number): string[] {
    if (newPrefix < parent.prefix || newPrefix > 32) {
        throw new Error(`internal: cannot carve /${newPrefix} blocks from ${parent.text}`);
    }
    if (count > 2 ** (newPrefix - parent.prefix)) {
        throw new Error(`internal: ${parent.text} holds fewer than ${count} /${newPrefix} blocks`);
    }
    const blocks: string[] = [];
    let block = new Netmask(parent.address.toString(), newPrefix);
    for (let i = 0; i < count; i++) {
        blocks.push(block.toString());
        block = block.next();
    }
    return blocks;
}

/** A CIDR as a resource-name fragment: `10.80.0.0/12` → `10-80-0-0-12`. */
export function cidrSlug(text: string): string {
    return text.replace(/[./]/g, "-");
}

function toNumber(address: ipaddr.IPv4): number {
    return address.toByteArray().reduce((n, octet) => n * 256 + octet, 0);
}

function fromNumber(n: number, prefix: number): Cidr {
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256);
    return cidr(`${octets.join(".")}/${prefix}`);
}

/**
 * `outer` without `holes`: the fewest CIDRs that cover exactly the addresses of `outer` outside
 * every hole, in address order (`10.80.0.0/12` without `10.80.1.0/24` is twelve networks).
 */
export function exclude(outer: Cidr, holes: readonly Cidr[]): Cidr[] {
    const inside = holes.filter((h) => overlaps(outer, h));
    if (inside.length === 0) return [outer];
    if (inside.some((h) => contains(h, outer))) return [];
    const half = outer.prefix + 1;
    const low = fromNumber(toNumber(outer.address), half);
    const high = fromNumber(toNumber(outer.address) + 2 ** (32 - half), half);
    return [...exclude(low, inside), ...exclude(high, inside)];
}
