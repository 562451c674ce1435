import * as pulumi from "@pulumi/pulumi";
import { Problems } from "../../components/config/problems";
import { runStack } from "../../program/run";
import { KIND_KEY } from "../../program/stackConfig";
import { loadStackFolder, StackFile } from "../../program/stackFolder";
import { MockCloud } from "./mockCloud";

/** Pulumi hands the program each config value as a string, maps and lists as JSON. */
export function programConfig(file: StackFile): Record<string, string> {
    return Object.fromEntries(Object.entries(file.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

export interface StackRun {
    cloud: MockCloud;
    outputs: Record<string, unknown>;
}

/**
 * Runs the real program of every stack of a folder under mocks: hubs first, then each site with
 * its StackReference answered by the hub's outputs.
 */
export async function runFolder(dir: string): Promise<Map<string, StackRun>> {
    const problems = new Problems();
    const files = loadStackFolder(dir, problems);
    problems.throwIfAny(dir);
    const runs = new Map<string, StackRun>();
    const ordered = [...files.filter((f) => f.config[KIND_KEY] === "hub"), ...files.filter((f) => f.config[KIND_KEY] !== "hub")];
    for (const file of ordered) {
        const stackOutputs = Object.fromEntries([...runs].map(([stack, run]) => [stack, run.outputs]));
        const { cloud, result } = await MockCloud.run(runStack, { config: programConfig(file), stack: file.stack, stackOutputs });
        const outputs: Record<string, unknown> = {};
        for (const [name, output] of Object.entries(result)) outputs[name] = await (pulumi.output(output) as any).promise();
        runs.set(file.stack, { cloud, outputs });
    }
    return runs;
}
