import * as path from "path";
import type { OpMap, OutputMap } from "@pulumi/pulumi/automation";
import { StackOutput, StackOutputsReader, StackStatus, StackStatusReader } from "./stackOutputs";
import { PipelineOperation, PipelineWorkspace, StackOperationResult } from "./orchestrator";
import { PACKAGE_ROOT } from "../../components/config/packageRoot";

/** Resources an operation changed: everything but `same`. */
export function countChanges(ops: OpMap | undefined): number {
    return Object.entries(ops ?? {})
        .filter(([op]) => op !== "same")
        .reduce((sum, [, n]) => sum + (n ?? 0), 0);
}

/** What the pipeline passes to every operation. */
export interface OperationOptions {
    onOutput: (text: string) => void;
    color: "never";
    /** The stack's file in the chosen folder: its config, whatever the project's stackConfigDir says. */
    configFile: string;
    /** Policy packs the engine runs during a preview or an up (absolute folders). */
    policyPacks?: string[];
    /** Config files of those packs (absolute paths). */
    policyPackConfigs?: string[];
}

/** The policy packs, and their config files, a preview or an up runs with (`--policy-pack`). */
export interface PolicyOptions {
    policyPacks: string[];
    policyPackConfigs: string[];
}

/** The part of an Automation API `Stack` the pipeline uses. */
export interface AutomationStack {
    preview(options: OperationOptions): Promise<{ changeSummary: OpMap }>;
    up(options: OperationOptions): Promise<{ summary: { resourceChanges?: OpMap } }>;
    refresh(options: OperationOptions): Promise<{ summary: { resourceChanges?: OpMap } }>;
    destroy(options: OperationOptions): Promise<{ summary: { resourceChanges?: OpMap } }>;
    outputs(): Promise<OutputMap>;
    /** The last operations, newest first. */
    history(pageSize?: number): Promise<{ endTime?: Date; result: string }[]>;
}

/** The part of the Automation API the pipeline uses: a LocalWorkspace over this project, or a fake in tests. */
export interface AutomationProject {
    /** The stack, or undefined when it does not exist yet. */
    selectStack(name: string): Promise<AutomationStack | undefined>;
    createStack(name: string): Promise<AutomationStack>;
}

/** What the pipeline prints when there is no Pulumi CLI to drive. */
export const PULUMI_CLI_MISSING =
    "the Pulumi CLI is not installed or not on PATH, and the pipeline, artefacts and status commands drive it: " +
    "install it (curl -fsSL https://get.pulumi.com | sh, or https://www.pulumi.com/docs/iac/download-install/), " +
    "log in to a backend (pulumi login) and run the command again";

/**
 * The oldest Pulumi CLI this project runs on: the first release whose engine runs resource hooks
 * (3.182.0, pulumi/pulumi#19874), which the site pool's guard is. The Automation API itself only
 * refuses CLIs older than 3.2.0.
 */
export const MINIMUM_PULUMI_CLI = "3.182.0";

/** Why a Pulumi CLI of `version` cannot run this project, or undefined when it can. */
export function cliVersionProblem(version: string): string | undefined {
    const parts = (v: string) => v.replace(/^v/, "").split(/[.+-]/).slice(0, 3).map(Number);
    const [have, need] = [parts(version), parts(MINIMUM_PULUMI_CLI)];
    const diff = have.map((n, i) => n - need[i]).find((d) => d !== 0) ?? 0;
    if (have.some(Number.isNaN) || diff < 0)
        return (
            `the Pulumi CLI on PATH is ${version}; this project needs ${MINIMUM_PULUMI_CLI} or newer (the site pool's guard is a ` +
            "resource hook, which older engines do not run): update it (curl -fsSL https://get.pulumi.com | sh) and run the command again"
        );
    return undefined;
}

/** A LocalWorkspace over the project in `workDir`. Throws {@link PULUMI_CLI_MISSING} when there is no CLI. */
export async function localProject(workDir: string): Promise<AutomationProject> {
    // Loaded here so that nothing else needs the Automation API (or the CLI it drives).
    const { LocalWorkspace, Stack, StackNotFoundError } = await import("@pulumi/pulumi/automation");
    let workspace: Awaited<ReturnType<typeof LocalWorkspace.create>>;
    try {
        workspace = await LocalWorkspace.create({ workDir });
    } catch (e) {
        if (/\bENOENT\b/.test(String((e as Error).message))) throw new Error(PULUMI_CLI_MISSING);
        throw e;
    }
    let version: string | undefined;
    try {
        version = workspace.pulumiVersion;
    } catch {
        // The Automation API did not read the version (PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK): trust the user.
    }
    const tooOld = version === undefined ? undefined : cliVersionProblem(version);
    if (tooOld) throw new Error(tooOld);
    return {
        selectStack: async (name) => {
            try {
                return await Stack.select(name, workspace);
            } catch (e) {
                if (e instanceof StackNotFoundError) return undefined;
                throw e;
            }
        },
        createStack: (name) => Stack.create(name, workspace),
    };
}

/**
 * The pipeline's workspace on the Automation API: the project of this package (Pulumi.yaml), each
 * stack's config read from its file in `stacksDir`. `up` and `preview` create a stack that does not
 * exist yet; `refresh` and `destroy` never do.
 */
export class AutomationWorkspace implements PipelineWorkspace, StackOutputsReader, StackStatusReader {
    private project?: Promise<AutomationProject>;

    constructor(
        private readonly stacksDir = "stacks",
        private readonly connect: () => Promise<AutomationProject> = () => localProject(PACKAGE_ROOT),
        private readonly policy: PolicyOptions = { policyPacks: [], policyPackConfigs: [] },
    ) {}

    /** Connects once; rejects with one clear message when the CLI is missing. */
    ready(): Promise<AutomationProject> {
        this.project ??= this.connect();
        return this.project;
    }

    async run(stackName: string, operation: PipelineOperation, onOutput: (text: string) => void): Promise<StackOperationResult> {
        const project = await this.ready();
        const creates = operation === PipelineOperation.Up || operation === PipelineOperation.Preview;
        const existing = await project.selectStack(stackName);
        if (!existing && !creates) throw new Error(`stack ${stackName} does not exist: nothing to ${operation}`);
        const stack = existing ?? (await project.createStack(stackName));
        const options: OperationOptions = {
            onOutput,
            color: "never",
            configFile: path.resolve(this.stacksDir, `Pulumi.${stackName}.yaml`),
        };
        const created = existing === undefined;
        // Only previews and updates run policies; the engine takes no pack for refresh or destroy.
        if (creates && this.policy.policyPacks.length > 0) Object.assign(options, this.policy);
        if (operation === PipelineOperation.Preview)
            return { changes: countChanges((await stack.preview(options)).changeSummary), created };
        // up, refresh and destroy: the operation's name is the Stack method's, and all three report a summary.
        return { changes: countChanges((await stack[operation](options)).summary.resourceChanges), created };
    }

    /** A deployed stack's outputs, secrets in clear and marked (what `pulumi stack output --show-secrets` shows). */
    async outputs(stackName: string): Promise<Record<string, StackOutput>> {
        return (await this.deployed(stackName)).outputs();
    }

    async status(stackName: string): Promise<StackStatus> {
        const stack = await this.deployed(stackName);
        const [outputs, history] = await Promise.all([stack.outputs(), stack.history(1)]);
        const end = history[0]?.endTime;
        return { outputs, lastUpdate: end ? new Date(end).toISOString() : undefined };
    }

    private async deployed(stackName: string): Promise<AutomationStack> {
        const stack = await (await this.ready()).selectStack(stackName);
        if (!stack) throw new Error(`no stack named '${stackName}' found`);
        return stack;
    }
}
