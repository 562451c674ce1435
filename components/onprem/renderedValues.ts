import * as ipaddr from "ipaddr.js";
import { parseCidr } from "../network/cidr";
import { bgpPasswordProblem } from "./bgpPassword";

// Everything written into the VPN server's scripts, swanctl.conf and frr.conf is parsed again here
// as the type it must be, whoever produced it (a stack file, the hub's outputs, the VPN
// connection's attributes): these files run as root on the site's servers.

/** Characters no POSIX shell treats specially in a word (shlex.quote's safe set). */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * A value as one POSIX shell word: unchanged when every character is plain, else in single quotes
 * (a quote inside becomes `'\''`), so no value can end a command or expand anything.
 */
export function shellWord(value: string): string {
    if (SHELL_SAFE.test(value)) return value;
    return `'${value.replace(/'/g, "'\\''")}'`;
}

/** The site's name as the site schema takes it: it names files, FRR objects and comments. */
const SITE_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** A Linux interface name (IFNAMSIZ 16, so at most 15 characters). */
const INTERFACE_NAME = /^[A-Za-z0-9_.-]{1,15}$/;
/** An absolute path of plain characters. */
const PLAIN_PATH = /^(\/[A-Za-z0-9_.-]+)+$/;
/**
 * A pre-shared key as AWS takes it: 8 to 64 letters, digits, `.` and `_`, not starting with 0
 * (Site-to-Site VPN's TunnelOption PreSharedKey).
 */
const AWS_PSK = /^[A-Za-z1-9._][A-Za-z0-9._]{7,63}$/;

/**
 * The offline plan's stand-in for a value only AWS knows (`<munich-vpn-vpn.tunnel1Address>`): inert
 * in every file (the scripts quote it), and taken where such a value goes.
 */
const PLAN_PLACEHOLDER = /^<[A-Za-z0-9_.:-]+>$/;

/** Collects what is wrong with values bound for the site's generated files. */
export class RenderedValueCheck {
    readonly problems: string[] = [];

    /** `fromAws`: a value AWS assigns, for which the plan's placeholder stands in. */
    ipv4(where: string, value: unknown, fromAws = false): void {
        if (fromAws && typeof value === "string" && PLAN_PLACEHOLDER.test(value)) return;
        if (typeof value !== "string" || !ipaddr.IPv4.isValidFourPartDecimal(value))
            this.problems.push(`${where} is ${JSON.stringify(value)}, not an IPv4 address such as 10.80.1.1`);
    }

    cidrs(where: string, values: unknown): void {
        const list = Array.isArray(values) ? values : [values];
        for (const value of list)
            if (!parseCidr(value).ok) this.problems.push(`${where} holds ${JSON.stringify(value)}, not an IPv4 CIDR such as 10.0.0.0/16`);
    }

    site(where: string, value: unknown): void {
        if (typeof value !== "string" || !SITE_NAME.test(value))
            this.problems.push(`${where} is ${JSON.stringify(value)}, not a site name (lower-case letters, digits and -)`);
    }

    path(where: string, value: unknown): void {
        if (typeof value !== "string" || !PLAIN_PATH.test(value))
            this.problems.push(`${where} is ${JSON.stringify(value)}, not an absolute path of letters, digits, _, . and -`);
    }

    interfaceName(where: string, value: unknown): void {
        if (typeof value !== "string" || !INTERFACE_NAME.test(value))
            this.problems.push(`${where} is ${JSON.stringify(value)}, not a network interface name such as eth0`);
    }

    /** Never repeats the key; takes the plan's placeholder. */
    presharedKey(where: string, value: unknown): void {
        if (typeof value !== "string" || !(AWS_PSK.test(value) || PLAN_PLACEHOLDER.test(value)))
            this.problems.push(`${where} is not a pre-shared key AWS issues (8 to 64 letters, digits, . and _, not starting with 0)`);
    }

    /** Never repeats the password. */
    bgpPassword(where: string, value: unknown): void {
        const problem = typeof value === "string" ? bgpPasswordProblem(value) : "is not a string";
        if (problem !== undefined) this.problems.push(`${where} ${problem}`);
    }

    /** Throws one error listing every problem, or returns. */
    throwIfAny(what: string): void {
        if (this.problems.length > 0) throw new Error(`${what}: ${this.problems.join("; ")}`);
    }
}
