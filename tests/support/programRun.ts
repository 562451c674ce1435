import { runStack } from "../../program/run";
import { MockRunOptions } from "../../cli/plan/mockEngine";
import { MockCloud, Registration } from "./mockCloud";

/** Runs the stack program on the mock engine; what it stopped with, and what it registered besides the Stack. */
export async function runProgramStopping(options: MockRunOptions): Promise<{ error?: Error; registered: Registration[] }> {
    let error: Error | undefined;
    const { cloud } = await MockCloud.run(async () => {
        try {
            await runStack();
        } catch (e) {
            error = e as Error;
        }
    }, options);
    return { error, registered: cloud.registrations.filter((r) => r.type !== "pulumi:pulumi:Stack") };
}
