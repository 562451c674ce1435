// A plan worker: plans the sites the main thread hands it, one at a time (the mock engine is one
// per thread), and sends back what each registered and exported.
import { parentPort, workerData } from "worker_threads";
import type { StackFile } from "../stacks/stackFolder";
import { planStack } from "./planFolder";
import type { SiteWorkerData, SiteWorkerReply } from "./sitePool";

const data = workerData as SiteWorkerData;

parentPort!.on("message", async ({ index, file }: { index: number; file: StackFile }) => {
    let reply: SiteWorkerReply;
    try {
        reply = { index, run: await planStack(file, data.hubOutputs, data.placeholders, { stackTraces: data.stackTraces }) };
    } catch (e) {
        reply = { index, error: (e as Error).message };
    }
    parentPort!.postMessage(reply);
});
