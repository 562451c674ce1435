import * as pulumi from "@pulumi/pulumi";
import { runStack } from "../../program/run";
import { KIND_KEY, StackKind } from "../../program/stackConfig";
import { StackFile } from "../stacks/stackFolder";
import { MockEngine, Placeholders } from "./mockEngine";
import { PlanCache, readCached, stackKey, writeCached } from "./planCache";
import { digestRun, hubOf, PlannedStack } from "./planDigest";
import { planSitesInWorkers, siteWorkerCount } from "./sitePool";
import { StackRun } from "./stackRun";

export type { StackRun } from "./stackRun";

/** Pulumi hands the program each config value as a string, maps and lists as JSON. */
export function programConfig(file: StackFile): Record<string, string> {
    return Object.fromEntries(Object.entries(file.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

/** Config keys a stack file keeps encrypted (`{ secure: … }`), which Pulumi would decrypt. */
function secureKeys(file: StackFile): string[] {
    return Object.entries(file.config)
        .filter(([, v]) => v !== null && typeof v === "object" && typeof (v as { secure?: unknown }).secure === "string")
        .map(([k]) => k);
}

/** How the plan runs; the defaults are what `npm run plan` does. */
export interface PlanOptions {
    /** Keep the SDK's stack traces (slower; the output is the same). */
    stackTraces?: boolean;
    /**
     * Worker threads that plan the sites once the hubs are planned, the calling thread handing them
     * out (default: one per core when there are enough sites to pay for starting them; 0 plans
     * every site on the calling thread).
     */
    workers?: number;
    /**
     * Reuse the digest of each stack whose key (planCache.ts: the code's, its stack file's, its
     * hub's outputs) is cached, and cache what is planned. Digests only.
     */
    cache?: PlanCache;
}

/**
 * Runs the real program of one stack on the mock engine. `hubOutputs` answers its StackReferences
 * (a site reads only its hub's outputs). Encrypted config values cannot be read offline; the
 * program sees a marked placeholder instead.
 */
export async function planStack(
    file: StackFile,
    hubOutputs: Record<string, Record<string, unknown>>,
    placeholders: Placeholders,
    options: PlanOptions,
    hubSecretOutputs: Record<string, string[]> = {},
): Promise<StackRun> {
    const secretKeys = secureKeys(file);
    const config = programConfig(file);
    // One token (no spaces): values such as the BGP password are checked as they would be when decrypted.
    for (const key of secretKeys) config[key] = `<encrypted:${key}>`;
    const { cloud, result } = await MockEngine.run(runStack, {
        config,
        secretKeys,
        stack: file.stack,
        stackOutputs: hubOutputs,
        stackSecretOutputs: hubSecretOutputs,
        placeholders,
        stackTraces: options.stackTraces,
    });
    const outputs: Record<string, unknown> = {};
    const secretOutputs: string[] = [];
    for (const [name, output] of Object.entries(result)) {
        outputs[name] = await (pulumi.output(output) as any).promise();
        if (await pulumi.isSecret(pulumi.output(output))) secretOutputs.push(name);
    }
    return { file, kind: file.config[KIND_KEY] as StackKind, cloud: { registrations: cloud.registrations }, outputs, secretOutputs };
}

/** What a plan hands back per stack: the whole run, or the plan command's digest of it. */
export interface PlanShapes {
    run: StackRun;
    digest: PlannedStack;
}

/** How a run becomes each shape; a worker shapes its runs before sending them. */
export const SHAPERS: { [K in keyof PlanShapes]: (run: StackRun) => PlanShapes[K] } = { run: (run) => run, digest: digestRun };

/**
 * Runs the real program of every stack on the mock engine: hubs first, then the sites, each with
 * its StackReference answered by the hubs' planned outputs — on worker threads when there are
 * enough of them. `onPlanned` sees each stack in that order, whichever finishes first, in the
 * shape asked for, and whether it came from the cache; nothing is kept here, so a caller that
 * asks for digests holds only those.
 */
export async function planStacks<K extends keyof PlanShapes>(
    files: readonly StackFile[],
    placeholders: Placeholders,
    shape: K,
    onPlanned: (planned: PlanShapes[K], done: number, total: number, cached: boolean) => void,
    options: PlanOptions = {},
): Promise<void> {
    const cache = options.cache;
    if (cache && shape !== "digest") throw new Error("the plan cache holds digests only");
    const hubOutputs: Record<string, Record<string, unknown>> = {};
    const hubSecretOutputs: Record<string, string[]> = {};
    const hubs = files.filter((f) => f.config[KIND_KEY] === StackKind.Hub);
    const sites = files.filter((f) => f.config[KIND_KEY] !== StackKind.Hub);
    let done = 0;
    const planned = (result: PlanShapes[K], cached = false) => onPlanned(result, ++done, files.length, cached);
    const keys = new Map<string, string>();
    const siteKey = (file: StackFile) => {
        const hub = hubOf(file);
        return stackKey(cache!, file, placeholders, { outputs: hubOutputs[hub] ?? {}, secretOutputs: hubSecretOutputs[hub] ?? [] });
    };
    const cacheSite = (digest: PlannedStack) => {
        if (cache) writeCached(cache, digest.file.stack, { key: keys.get(digest.file.stack)!, digest });
    };
    const planHere = async (file: StackFile) => SHAPERS[shape](await planStack(file, hubOutputs, placeholders, options, hubSecretOutputs));
    for (const file of hubs) {
        const key = cache && stackKey(cache, file, placeholders);
        const hit = cache && readCached(cache, file.stack, key!);
        if (hit && hit.outputs && hit.secretOutputs) {
            hubOutputs[file.stack] = hit.outputs;
            hubSecretOutputs[file.stack] = hit.secretOutputs;
            planned(hit.digest as PlanShapes[K], true);
            continue;
        }
        const run = await planStack(file, hubOutputs, placeholders, options);
        hubOutputs[file.stack] = run.outputs;
        hubSecretOutputs[file.stack] = run.secretOutputs;
        const result = SHAPERS[shape](run);
        const entry = { key: key!, digest: result as PlannedStack, outputs: run.outputs, secretOutputs: run.secretOutputs };
        if (cache) writeCached(cache, file.stack, entry);
        planned(result);
    }
    const toPlan: StackFile[] = [];
    for (const file of sites) {
        if (!cache) {
            toPlan.push(file);
            continue;
        }
        const key = siteKey(file);
        const hit = readCached(cache, file.stack, key);
        if (hit) planned(hit.digest as PlanShapes[K], true);
        else {
            keys.set(file.stack, key);
            toPlan.push(file);
        }
    }
    const workers = options.workers ?? siteWorkerCount(toPlan.length);
    if (workers === 0) {
        for (const file of toPlan) {
            const result = await planHere(file);
            if (cache) cacheSite(result as PlannedStack);
            planned(result);
        }
        return;
    }
    const data = { hubOutputs, hubSecretOutputs, placeholders, stackTraces: options.stackTraces, shape };
    await planSitesInWorkers(toPlan, data, workers, (result) => {
        if (cache) cacheSite(result as PlannedStack);
        planned(result as PlanShapes[K]);
    });
}

/** {@link planStacks}, every run kept: by stack name, in the order planned. */
export async function planFolder(
    files: readonly StackFile[],
    placeholders = Placeholders.Realistic,
    onPlanned: (run: StackRun, done: number, total: number) => void = () => {},
    options: PlanOptions = {},
): Promise<Map<string, StackRun>> {
    const runs = new Map<string, StackRun>();
    await planStacks(
        files,
        placeholders,
        "run",
        (run, done, total) => {
            runs.set(run.file.stack, run);
            onPlanned(run, done, total);
        },
        options,
    );
    return runs;
}
