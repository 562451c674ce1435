import { textTable } from "../textTable";
import { StackOutputsReader } from "./stackOutputs";

/** What the pipeline does to every stack. */
export enum PipelineOperation {
    Preview = "preview",
    Up = "up",
    Refresh = "refresh",
    Destroy = "destroy",
}

/** What one stack operation reports: how many resources it changed (or would change). */
export interface StackOperationResult {
    changes: number;
    /** True when the operation created the stack (its first preview or up). */
    created?: boolean;
}

/**
 * The one thing the pipeline needs from Pulumi: run an operation on a stack of this project and
 * stream its output. The Automation API implements it (LocalWorkspace); tests use a fake.
 */
export interface PipelineWorkspace extends StackOutputsReader {
    /** Rejects, once and with a clear message, when the workspace cannot run anything (no Pulumi CLI). */
    ready(): Promise<unknown>;
    run(stack: string, operation: PipelineOperation, onOutput: (text: string) => void): Promise<StackOperationResult>;
}

/** How one stack's operation ended. */
export enum StackOutcome {
    Succeeded = "succeeded",
    Failed = "failed",
    Skipped = "skipped",
}

/** One stack's result in the final table. */
export interface StackReport {
    stack: string;
    outcome: StackOutcome;
    changes: number;
    seconds: number;
    error?: string;
    /** True when this run created the stack. */
    created?: boolean;
}

/** Which operation runs on which stacks, and how many sites at a time. */
export interface PipelinePlan {
    operation: PipelineOperation;
    /** Hub stacks in this run (none when only some sites run). */
    hubs: string[];
    /** Site stacks in this run. */
    sites: string[];
    /** How many sites run at once. */
    concurrency: number;
}

/** `i/n` → the sites of shard i: sorted by name, every n-th from the i-th, so shards partition them. */
export function shardSites(sites: readonly string[], shard: string): string[] {
    const match = /^(\d+)\/(\d+)$/.exec(shard);
    const [i, n] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
    if (!match || n < 1 || i < 1 || i > n) throw new Error(`--shard ${shard}: expected i/n with 1 <= i <= n, such as 1/4`);
    return [...sites].sort().filter((_, k) => k % n === i - 1);
}

/**
 * Runs the operation over the stacks: hubs first then sites for preview, up and refresh; sites
 * first then hubs for destroy. Sites run at most `concurrency` at once; a failing site does not
 * stop the others; when a hub fails to come up, the sites that need it are skipped. Every output
 * line is prefixed with its stack; a progress line follows each stack.
 */
export async function runPipeline(
    plan: PipelinePlan,
    workspace: PipelineWorkspace,
    print: (line: string) => void,
    clock: () => number = Date.now,
): Promise<StackReport[]> {
    const total = plan.hubs.length + plan.sites.length;
    const reports: StackReport[] = [];
    const runOne = async (stack: string): Promise<StackReport> => {
        const started = clock();
        let report: StackReport;
        try {
            const result = await workspace.run(stack, plan.operation, (text) => {
                for (const line of text.split("\n")) if (line.trim() !== "") print(`[${stack}] ${line}`);
            });
            report = {
                stack,
                outcome: StackOutcome.Succeeded,
                changes: result.changes,
                seconds: (clock() - started) / 1000,
                ...(result.created ? { created: true } : {}),
            };
        } catch (e) {
            const error = e instanceof Error ? e.message : String(e);
            report = { stack, outcome: StackOutcome.Failed, changes: 0, seconds: (clock() - started) / 1000, error };
            for (const line of error.split("\n")) if (line.trim() !== "") print(`[${stack}] error: ${line}`);
        }
        reports.push(report);
        const created = report.created ? "created, " : "";
        print(
            `[${reports.length}/${total}] ${stack}: ${report.outcome} (${created}${report.changes} changes, ${report.seconds.toFixed(1)}s)`,
        );
        return report;
    };
    const skip = (stack: string, why: string) => {
        reports.push({ stack, outcome: StackOutcome.Skipped, changes: 0, seconds: 0, error: why });
        print(`[${reports.length}/${total}] ${stack}: skipped (${why})`);
    };

    const runHubs = async () => {
        const failed: string[] = [];
        for (const hub of plan.hubs) if ((await runOne(hub)).outcome === StackOutcome.Failed) failed.push(hub);
        return failed;
    };
    if (plan.operation === PipelineOperation.Destroy) {
        await runBounded(plan.sites, plan.concurrency, runOne);
        const siteFailed = reports.some((r) => r.outcome === StackOutcome.Failed);
        // A hub under sites that are still there cannot be destroyed cleanly.
        if (siteFailed) for (const hub of plan.hubs) skip(hub, "a site was not destroyed");
        else await runHubs();
    } else {
        const failedHubs = await runHubs();
        if (failedHubs.length > 0 && plan.operation !== PipelineOperation.Refresh) {
            for (const site of plan.sites) skip(site, `hub ${failedHubs.join(", ")} failed`);
        } else {
            await runBounded(plan.sites, plan.concurrency, runOne);
        }
    }
    return reports;
}

/** Runs `work` over `items`, at most `limit` at a time, in the items' order. */
async function runBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
    let next = 0;
    const worker = async () => {
        while (next < items.length) await work(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** The final table: stack, result, changes, duration. */
export function resultTable(reports: readonly StackReport[]): string[] {
    const rows = [
        ["stack", "result", "changes", "duration"],
        ...reports.map((r) => [r.stack, r.outcome, String(r.changes), `${r.seconds.toFixed(1)}s`]),
    ];
    const table = textTable(rows);
    const created = reports.filter((r) => r.created).map((r) => r.stack);
    return created.length > 0 ? [...table, `created stacks: ${created.join(", ")}`] : table;
}

/** 1 when any stack failed or was skipped, else 0. */
export function pipelineExitCode(reports: readonly StackReport[]): number {
    return reports.every((r) => r.outcome === StackOutcome.Succeeded) ? 0 : 1;
}
