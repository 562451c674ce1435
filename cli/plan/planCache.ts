import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { today } from "../../components/cluster/supportCalendar";
import { PACKAGE_ROOT } from "../../components/config/packageRoot";
import { PLAN_CACHE_FOLDER, running } from "../files/outputFiles";
import { StackFile } from "../stacks/stackFolder";
import { Placeholders } from "./mockEngine";
import type { PlannedStack } from "./planDigest";

// Plain JavaScript beside the sources (the launchers use it before any compiler), found from the
// package root whether this runs from the sources or from bin/.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sourceDigest } = require(path.join(PACKAGE_ROOT, "cli/buildFreshness.js")) as { sourceDigest(root: string): string };

/**
 * Where a plan keeps each stack's digest between runs (a folder of `out/`, dotted so no stack is
 * named like it), and the key of the code that planned them.
 */
export interface PlanCache {
    dir: string;
    codeKey: string;
}

/** The folder of `outDir` that holds the plan's cache. */
export const CACHE_FOLDER = PLAN_CACHE_FOLDER;

/** One cached stack: its key, its digest, and for a hub the outputs its sites read. */
interface CacheEntry {
    key: string;
    digest: PlannedStack;
    outputs?: Record<string, unknown>;
    secretOutputs?: string[];
}

const sha256 = () => crypto.createHash("sha256");

/** Every file under `dir`, by path, in a fixed order. */
function treeDigest(root: string, dir: string, hash: crypto.Hash): void {
    const full = path.join(root, dir);
    if (!fs.existsSync(full)) return;
    for (const entry of fs.readdirSync(full, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const rel = path.posix.join(dir, entry.name);
        if (entry.isDirectory()) treeDigest(root, rel, hash);
        else if (entry.isFile())
            hash.update(`${rel}\0`)
                .update(fs.readFileSync(path.join(root, rel)))
                .update("\0");
    }
}

/**
 * The key of everything a plan depends on besides the stack files: the package's sources (as the
 * build checks them), `ref/`, package.json, the lock file and the installed tree npm records
 * (node_modules/.package-lock.json), Node's version, and the day the support calendar reads.
 * By content only: a file's time is never part of it.
 */
export function codeKey(root: string = PACKAGE_ROOT): string {
    const hash = sha256().update(`${process.version}\0${today()}\0${sourceDigest(root)}\0`);
    for (const file of ["package.json", "package-lock.json", "node_modules/.package-lock.json"]) {
        const full = path.join(root, file);
        hash.update(`${file}\0`)
            .update(fs.existsSync(full) ? fs.readFileSync(full) : "\0missing")
            .update("\0");
    }
    treeDigest(root, "ref", hash);
    return hash.digest("hex");
}

/** JSON with object keys sorted: the same value always gives the same text. */
function canonical(value: unknown): string {
    const sorted = (v: object) => Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)));
    return JSON.stringify(value, (_k, v) => (v !== null && typeof v === "object" && !Array.isArray(v) ? sorted(v) : v));
}

/**
 * A stack's key: the code's, how placeholders are written, the stack file's name and config, and
 * for a site the outputs of the hub it reads (a hub's change re-plans its sites).
 */
export function stackKey(
    cache: PlanCache,
    file: StackFile,
    placeholders: Placeholders,
    hub?: { outputs: Record<string, unknown>; secretOutputs: string[] },
): string {
    return sha256()
        .update(canonical({ code: cache.codeKey, placeholders, stack: file.stack, file: file.file, config: file.config, hub: hub ?? null }))
        .digest("hex");
}

const entryPath = (cache: PlanCache, stack: string) => path.join(cache.dir, `${stack}.json`);

/** The cached stack under this key, or nothing (no entry, another key, an unreadable file). */
export function readCached(cache: PlanCache, stack: string, key: string): CacheEntry | undefined {
    try {
        const entry = JSON.parse(fs.readFileSync(entryPath(cache, stack), "utf8")) as CacheEntry;
        return entry.key === key ? entry : undefined;
    } catch {
        return undefined;
    }
}

/** Stores a stack's digest under its key: written beside and renamed, so a kill leaves no half entry. */
export function writeCached(cache: PlanCache, stack: string, entry: CacheEntry): void {
    fs.mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    const target = entryPath(cache, stack);
    const work = `${target}.new-${process.pid}`;
    fs.writeFileSync(work, JSON.stringify(entry), { mode: 0o600 });
    fs.renameSync(work, target);
}

/** Removes the entries of stacks no longer in the folder, and leftovers of a killed writer (not a running one's). */
export function pruneCache(cache: PlanCache, stacks: readonly string[]): void {
    if (!fs.existsSync(cache.dir)) return;
    const keep = new Set(stacks.map((s) => `${s}.json`));
    for (const name of fs.readdirSync(cache.dir)) {
        // Another plan's entry being written (renamed into place in a moment) is its own.
        const work = /\.new-(\d+)$/.exec(name);
        if (work && running(Number(work[1]))) continue;
        if (!keep.has(name)) fs.rmSync(path.join(cache.dir, name), { force: true });
    }
}
