// A plan worker: plans the sites the main thread hands it, one at a time (the mock engine is one
// per thread), and sends back each in the shape asked for.
import { parentPort, workerData } from "worker_threads";
import type { StackFile } from "../stacks/stackFolder";
import { planStack, SHAPERS } from "./planFolder";
import type { SiteWorkerData, SiteWorkerReply } from "./sitePool";

const data = workerData as SiteWorkerData;

// Sites arrive ahead of time (so this thread never waits on the main thread) and are planned in
// the order they came, one at a time.
let queue = Promise.resolve();
parentPort!.on("message", ({ index, file }: { index: number; file: StackFile }) => {
    queue = queue.then(async () => {
        let reply: SiteWorkerReply;
        try {
            const run = await planStack(file, data.hubOutputs, data.placeholders, { stackTraces: data.stackTraces }, data.hubSecretOutputs);
            reply = { index, planned: SHAPERS[data.shape as keyof typeof SHAPERS](run) };
        } catch (e) {
            reply = { index, error: (e as Error).message };
        }
        parentPort!.postMessage(reply);
    });
});
