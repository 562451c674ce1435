import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import type { StackFile } from "../stacks/stackFolder";
import type { Placeholders } from "./mockEngine";
import type { StackRun } from "./planFolder";

/**
 * Sites a worker must have to pay for starting it: a worker loads the SDKs and the components
 * again (about a second), which planning this many sites on a spare core wins back.
 */
export const SITES_PER_WORKER = 40;

/** Workers for this many sites: one per core, none while the sites would not pay for them. */
export function siteWorkerCount(sites: number, cores = os.availableParallelism()): number {
    return Math.max(1, Math.min(cores, Math.floor(sites / SITES_PER_WORKER)));
}

/** What every site of the pool shares: the hubs' planned outputs and how the plan runs. */
export interface SiteWorkerData {
    hubOutputs: Record<string, Record<string, unknown>>;
    placeholders: Placeholders;
    stackTraces?: boolean;
}

/** A worker's answer for the site it was given. */
export type SiteWorkerReply = { index: number; run: StackRun } | { index: number; error: string };

/** A worker on siteWorker's compiled JavaScript, or on its TypeScript source through ts-node. */
function startWorker(data: SiteWorkerData): Worker {
    const entry = path.join(__dirname, `siteWorker${path.extname(__filename)}`);
    if (entry.endsWith(".js")) return new Worker(entry, { workerData: data });
    const boot = `require("ts-node").register({ transpileOnly: true }); require(${JSON.stringify(entry)});`;
    return new Worker(boot, { eval: true, workerData: data });
}

/**
 * Plans the sites in `workers` worker threads, each handed the next site as it finishes one, and
 * calls `planned` in the sites' order. Rejects with the first site's error, after stopping them all.
 */
export async function planSitesInWorkers(
    sites: readonly StackFile[],
    data: SiteWorkerData,
    workers: number,
    planned: (run: StackRun) => void,
): Promise<void> {
    const results: (StackRun | undefined)[] = new Array(sites.length);
    let next = 0;
    let reported = 0;
    const pool = Array.from({ length: Math.min(workers, sites.length) }, () => startWorker(data));
    try {
        await Promise.all(
            pool.map(
                (worker) =>
                    new Promise<void>((resolve, reject) => {
                        const give = () => {
                            if (next >= sites.length) return resolve();
                            const index = next++;
                            worker.postMessage({ index, file: sites[index] });
                        };
                        worker.on("message", (reply: SiteWorkerReply) => {
                            if ("error" in reply) return reject(new Error(reply.error));
                            results[reply.index] = reply.run;
                            while (reported < sites.length && results[reported] !== undefined) {
                                planned(results[reported]!);
                                results[reported++] = undefined;
                            }
                            give();
                        });
                        worker.on("error", reject);
                        worker.on("exit", (code) => {
                            if (next < sites.length || reported < sites.length) reject(new Error(`a plan worker stopped (exit ${code})`));
                        });
                        give();
                    }),
            ),
        );
    } finally {
        await Promise.all(pool.map((w) => w.terminate()));
    }
}
