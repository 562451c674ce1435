import * as pulumi from "@pulumi/pulumi";
import { runStack } from "../../program/run";
import { KIND_KEY, StackKind } from "../../program/stackConfig";
import { StackFile } from "../stacks/stackFolder";
import { MockEngine, Placeholders } from "./mockEngine";

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

/** One stack run on the mock engine: what it registered and what it exported. */
export interface StackRun {
    file: StackFile;
    kind: StackKind;
    cloud: MockEngine;
    outputs: Record<string, unknown>;
    /** Names of the outputs that are secrets. */
    secretOutputs: string[];
}

/**
 * Runs the real program of every stack on the mock engine: hubs first, then each site with its
 * StackReference answered by the hub's planned outputs. Encrypted config values cannot be read
 * offline; the program sees a marked placeholder instead.
 */
export async function planFolder(
    files: readonly StackFile[],
    placeholders = Placeholders.Realistic,
    onPlanned: (run: StackRun, done: number, total: number) => void = () => {},
    options: PlanOptions = {},
): Promise<Map<string, StackRun>> {
    const runs = new Map<string, StackRun>();
    // What StackReferences can read: a site reads only its hub's outputs.
    const hubOutputs: Record<string, Record<string, unknown>> = {};
    const hubsFirst = [...files].sort(
        (a, b) => Number(a.config[KIND_KEY] !== StackKind.Hub) - Number(b.config[KIND_KEY] !== StackKind.Hub),
    );
    for (const file of hubsFirst) {
        const secretKeys = secureKeys(file);
        const config = programConfig(file);
        for (const key of secretKeys) config[key] = `<${key}: encrypted in ${file.file}>`;
        const { cloud, result } = await MockEngine.run(runStack, {
            config,
            secretKeys,
            stack: file.stack,
            stackOutputs: hubOutputs,
            placeholders,
            stackTraces: options.stackTraces,
        });
        const outputs: Record<string, unknown> = {};
        const secretOutputs: string[] = [];
        for (const [name, output] of Object.entries(result)) {
            outputs[name] = await (pulumi.output(output) as any).promise();
            if (await pulumi.isSecret(pulumi.output(output))) secretOutputs.push(name);
        }
        const run: StackRun = { file, kind: file.config[KIND_KEY] as StackKind, cloud, outputs, secretOutputs };
        runs.set(file.stack, run);
        if (run.kind === StackKind.Hub) hubOutputs[file.stack] = outputs;
        onPlanned(run, runs.size, files.length);
    }
    return runs;
}

/** How the plan runs; the defaults are what `npm run plan` does. */
export interface PlanOptions {
    /** Keep the SDK's stack traces (slower; the output is the same). */
    stackTraces?: boolean;
}
