import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import type { StackFile } from "../stacks/stackFolder";
import type { Placeholders } from "./mockEngine";

/**
 * Sites each worker must have to pay for starting it: a worker loads the SDKs and the components
 * again (about a second), which planning this many sites on a core of its own wins back.
 */
export const SITES_PER_WORKER = 150;

/** Sites handed to a worker at once: it starts the next the moment it finishes one. */
const WORKER_QUEUE = 2;

/**
 * A worker's V8 heap limit. A site's run makes short-lived garbage that V8 would let grow for a
 * while before collecting; a worker holds nothing between sites, so a bounded heap keeps the
 * plan's memory flat at a small cost in collections.
 */
const WORKER_HEAP_MB = 256;

/** Workers for this many sites: one per core, or none (every site on the calling thread). */
export function siteWorkerCount(sites: number, cores = os.availableParallelism()): number {
    return cores >= 2 && sites >= cores * SITES_PER_WORKER ? cores : 0;
}

/** What every site of the pool shares: the hubs' planned outputs, how the plan runs, the shape to send back. */
export interface SiteWorkerData {
    hubOutputs: Record<string, Record<string, unknown>>;
    /** Which of each hub's outputs are secrets. */
    hubSecretOutputs: Record<string, string[]>;
    placeholders: Placeholders;
    stackTraces?: boolean;
    /** Which of planFolder's shapes each site is sent back in. */
    shape: string;
}

/** A worker's answer for the site it was given: the planned site in the shape asked for, or why it failed. */
export type SiteWorkerReply = { index: number; planned: unknown } | { index: number; error: string };

/** A worker on siteWorker's compiled JavaScript, or on its TypeScript source through ts-node. */
function startWorker(data: SiteWorkerData): Worker {
    const entry = path.join(__dirname, `siteWorker${path.extname(__filename)}`);
    const options = { workerData: data, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } };
    if (entry.endsWith(".js")) return new Worker(entry, options);
    const boot = `require("ts-node").register({ transpileOnly: true }); require(${JSON.stringify(entry)});`;
    return new Worker(boot, { ...options, eval: true });
}

/**
 * Plans the sites on `workers` worker threads, each handed the next site as it finishes one, and
 * calls `planned` in the sites' order. Rejects with the first site's error, after stopping them all.
 */
export async function planSitesInWorkers(
    sites: readonly StackFile[],
    data: SiteWorkerData,
    workers: number,
    planned: (result: unknown) => void,
): Promise<void> {
    const results: unknown[] = new Array(sites.length);
    let next = 0;
    let reported = 0;
    const pool = Array.from({ length: Math.min(workers, sites.length) }, () => startWorker(data));
    const inWorker = (worker: Worker) =>
        new Promise<void>((resolve, reject) => {
            let inFlight = 0;
            const give = () => {
                if (next >= sites.length) return inFlight === 0 && resolve();
                const index = next++;
                inFlight++;
                worker.postMessage({ index, file: sites[index] });
            };
            worker.on("message", (reply: SiteWorkerReply) => {
                inFlight--;
                if ("error" in reply) return reject(new Error(reply.error));
                results[reply.index] = reply.planned;
                while (reported < sites.length && results[reported] !== undefined) {
                    planned(results[reported]!);
                    results[reported++] = undefined;
                }
                give();
            });
            worker.on("error", reject);
            worker.on("exit", (code) => reject(new Error(`a plan worker stopped (exit ${code})`)));
            for (let k = 0; k < WORKER_QUEUE; k++) give();
        });
    try {
        await Promise.all(pool.map(inWorker));
    } finally {
        await Promise.all(pool.map((w) => w.terminate()));
    }
}
