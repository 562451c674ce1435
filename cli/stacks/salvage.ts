import { Problem } from "../../components/config/problems";

/** A stack's settings with every key that has a problem of its own left out, and those keys. */
export interface Salvaged<T> {
    readonly settings: T;
    /** The keys left out, relative to the settings (`vpnServer.publicIp`, `tunnels.insideCidrs[1]`). */
    readonly unchecked: ReadonlySet<string>;
}

/** `vpnServer.publicIp` and `hosts[1].ip` as path segments: names and indexes. */
function segments(key: string): (string | number)[] {
    return [...key.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}

/**
 * What the rules between stacks can still read of a stack whose own rules failed: its settings
 * (`raw`, under `root` in the problem keys) without every key a problem names. Undefined when the
 * settings themselves are the problem (missing, or not a map).
 */
export function salvage<T>(raw: unknown, root: string, problems: readonly Problem[]): Salvaged<T> | undefined {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return undefined;
    if (problems.some((p) => p.key === root)) return undefined;
    const unchecked = new Set(problems.filter((p) => p.key.startsWith(`${root}.`)).map((p) => p.key.slice(root.length + 1)));
    const settings = structuredClone(raw) as Record<string | number, unknown>;
    for (const key of unchecked) {
        const path = segments(key);
        let at: any = settings;
        for (const step of path.slice(0, -1)) at = at !== null && typeof at === "object" ? at[step] : undefined;
        if (at !== null && typeof at === "object") delete at[path[path.length - 1]];
    }
    return { settings: settings as T, unchecked };
}
