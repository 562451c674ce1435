import { Problems, show } from "../config/problems";
import { Cidr, contains, parseCidr, CidrProblem } from "./cidr";

/** A range together with the config key it came from. */
export interface KeyedCidr {
    readonly key: string;
    readonly cidr: Cidr;
}

/**
 * Parses a CIDR value at `key`, reporting why it is not one. Returns undefined when it is not,
 * so the caller skips the rules that need the parsed range.
 */
export function parseCidrAt(key: string, value: unknown, example: string, problems: Problems): KeyedCidr | undefined {
    const parsed = parseCidr(value);
    if (parsed.ok) return { key, cidr: parsed.cidr };
    if (parsed.problem === CidrProblem.HostBitsSet) {
        problems.add(key, `${show(value)} has host bits set; use ${parsed.canonical}`);
    } else {
        problems.add(key, `${show(value)} is not an IPv4 CIDR; expected a network such as ${example}`);
    }
    return undefined;
}

/**
 * Reports every pair of overlapping ranges, once per pair, on the later key. `rule` says what
 * would be valid.
 */
export function checkDisjoint(ranges: readonly KeyedCidr[], rule: string, problems: Problems): void {
    for (const [i, j] of overlappingPairs(ranges.map((r) => r.cidr))) {
        const [a, b] = [ranges[i], ranges[j]];
        problems.add(b.key, `${show(b.cidr.text)} overlaps ${a.key} ${show(a.cidr.text)}; ${rule}`);
    }
}

/**
 * Every pair of overlapping ranges, as index pairs [i, j] with i < j, ordered by i then j (the
 * order of comparing every pair) but found by sorting and sweeping: thousands of sites are
 * checked in milliseconds, not the seconds every pair would take. Two CIDRs overlap only when one
 * contains the other, so the ranges still open at a start are few.
 */
export function overlappingPairs(cidrs: readonly Cidr[]): [number, number][] {
    const spans = cidrs
        .map((c, index) => {
            const start = c.address.toByteArray().reduce((n, byte) => n * 256 + byte, 0);
            return { index, start, end: start + 2 ** (32 - c.prefix) - 1 };
        })
        .sort((a, b) => a.start - b.start || a.index - b.index);
    const pairs: [number, number][] = [];
    let open: typeof spans = [];
    for (const span of spans) {
        open = open.filter((o) => o.end >= span.start);
        for (const o of open) pairs.push(o.index < span.index ? [o.index, span.index] : [span.index, o.index]);
        open.push(span);
    }
    return pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** Reports a range that lies inside none of `parents` (config key named in `parentKey`). */
export function checkInsideOne(range: KeyedCidr, parents: readonly Cidr[], parentKey: string, problems: Problems): void {
    if (parents.some((p) => contains(p, range.cidr))) return;
    const list = parents.map((p) => p.text).join(", ");
    problems.add(range.key, `${show(range.cidr.text)} is outside ${parentKey}; it must lie inside one of: ${list}`);
}

/** Reports a prefix length outside `[min, max]`. */
export function checkPrefix(range: KeyedCidr, min: number, max: number, what: string, problems: Problems): void {
    if (range.cidr.prefix < min || range.cidr.prefix > max) {
        problems.add(range.key, `${show(range.cidr.text)} is a /${range.cidr.prefix}; ${what} must be /${min} to /${max}`);
    }
}
