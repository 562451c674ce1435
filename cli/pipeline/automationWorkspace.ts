import * as path from "path";
import type { OpMap } from "@pulumi/pulumi/automation";
import { StackOutput, StackOutputsReader } from "./stackOutputs";
import { PipelineOperation, PipelineWorkspace, StackOperationResult } from "./orchestrator";

/** Resources an operation changed: everything but `same`. */
export function countChanges(ops: OpMap | undefined): number {
    return Object.entries(ops ?? {})
        .filter(([op]) => op !== "same")
        .reduce((sum, [, n]) => sum + (n ?? 0), 0);
}

/**
 * The pipeline's workspace on the Automation API: a LocalWorkspace over this project (Pulumi.yaml
 * and the stack files of stacks/). Needs the Pulumi CLI and credentials, so tests use a fake.
 */
export class AutomationWorkspace implements PipelineWorkspace, StackOutputsReader {
    constructor(private readonly projectDir: string = path.join(__dirname, "../..")) {}

    async run(stackName: string, operation: PipelineOperation, onOutput: (text: string) => void): Promise<StackOperationResult> {
        // Loaded here so that nothing else needs the Automation API (or the CLI it drives).
        const { LocalWorkspace } = await import("@pulumi/pulumi/automation");
        const stack = await LocalWorkspace.selectStack({ stackName, workDir: this.projectDir });
        const options = { onOutput, color: "never" as const };
        switch (operation) {
            case PipelineOperation.Preview:
                return { changes: countChanges((await stack.preview(options)).changeSummary) };
            case PipelineOperation.Up:
                return { changes: countChanges((await stack.up(options)).summary.resourceChanges) };
            case PipelineOperation.Refresh:
                return { changes: countChanges((await stack.refresh(options)).summary.resourceChanges) };
            case PipelineOperation.Destroy:
                return { changes: countChanges((await stack.destroy(options)).summary.resourceChanges) };
        }
    }

    /** A deployed stack's outputs, secrets in clear and marked (what `pulumi stack output --show-secrets` shows). */
    async outputs(stackName: string): Promise<Record<string, StackOutput>> {
        const { LocalWorkspace } = await import("@pulumi/pulumi/automation");
        const stack = await LocalWorkspace.selectStack({ stackName, workDir: this.projectDir });
        return stack.outputs();
    }
}
