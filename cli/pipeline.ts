// `npm run pipeline -- preview|up|refresh|destroy [--stacks DIR] [--sites a,b] [--shard i/n] [--hub-only]
// [--concurrency N] [--policy-pack DIR [--policy-pack-config FILE]]`: the Automation API over the
// stacks of a folder (stacks/ unless told), creating on preview or up those that do not exist yet.
// Validation runs before anything; the hub runs first (last for destroy) unless only some sites are
// chosen; a final table and exit 1 if any stack failed.
import * as fs from "fs";
import * as path from "path";
import { SiteSettings } from "../components/site/siteArgs";
import { SITE_CONFIG_KEY } from "../components/site/validateSite";
import { AutomationWorkspace, PolicyOptions } from "./pipeline/automationWorkspace";
import {
    pipelineExitCode,
    PipelineOperation,
    PipelinePlan,
    PipelineWorkspace,
    resultTable,
    runPipeline,
    shardSites,
} from "./pipeline/orchestrator";
import { KIND_KEY, StackKind } from "../program/stackConfig";
import { corednsOnceNodesReady } from "./pipeline/corednsStep";
import { kubeconfigNodeLister, SiteNodeLister } from "./pipeline/siteNodes";
import { REMOVAL_RUNBOOK, siteRemovalFollowUps, sitesStillInUse } from "./pipeline/siteRemoval";
import { stillProtected } from "./pipeline/stackProtection";
import { hubNextSteps, hubStageProblem } from "./pipeline/deploymentStages";
import { StackOutput } from "./pipeline/stackOutputs";
import { changedFiles, fromRoot, stacksTouched } from "./pipeline/changedStacks";
import { StackFile } from "./stacks/stackFolder";
import { checkCommandLine, CommandLine, flag, exitWith } from "./commandLine";
import { validateStacksDir } from "./validate";

const USAGE =
    "usage: npm run pipeline -- preview|up|refresh|destroy [--stacks DIR] [--sites a,b] [--shard i/n] [--hub-only] " +
    "[--changed-since REF] [--dry-run] [--concurrency N] [--skip-node-check] [--policy-pack DIR [--policy-pack-config FILE]]";

const PIPELINE: CommandLine = {
    usage: USAGE,
    description:
        "Runs the operation with the Automation API (needs the Pulumi CLI, a backend login and AWS credentials) over the stacks " +
        "of DIR (default stacks/): validation first, the hub first (last on destroy), sites in parallel, a result table. " +
        "destroy refuses, before destroying anything, a stack whose config still protects its VPN connection or cluster, " +
        "and a site whose nodes are still registered (--skip-node-check: the cluster is gone). --policy-pack runs a " +
        "policy pack (such as policy/) in every preview and up. up refuses a hub's first deployment that cannot finish (a " +
        "private endpoint nothing reaches yet) and a hub that would switch its Kubernetes objects off again; after an up " +
        "it prints what must happen next. --changed-since REF runs only the stacks a change since that git ref touches (a " +
        "changed stack file; every site of a changed hub; everything when the package's code changed); --dry-run prints " +
        "the stacks in order and rounds and runs nothing (no Pulumi CLI needed).",
    valueFlags: ["stacks", "sites", "shard", "concurrency", "policy-pack", "policy-pack-config", "changed-since"],
    switches: ["hub-only", "skip-node-check", "dry-run"],
    positionals: 1,
};

/**
 * Which stacks run, from the command line and the folder, and with `--changed-since` only those in
 * `touched`. Throws with a message naming the flag.
 */
export function pipelinePlan(argv: string[], files: readonly StackFile[], touched?: readonly string[]): PipelinePlan {
    const operation = argv[0] as PipelineOperation;
    if (!Object.values(PipelineOperation).includes(operation))
        throw new Error(`${JSON.stringify(argv[0] ?? "")} is not an operation; ${USAGE}`);
    const concurrencyText = flag(argv, "concurrency", "4")!;
    const concurrency = Number(concurrencyText);
    if (!Number.isInteger(concurrency) || concurrency < 1)
        throw new Error(`--concurrency ${concurrencyText}: expected a whole number of at least 1`);
    const hubs = files.filter((f) => f.config[KIND_KEY] === StackKind.Hub).map((f) => f.stack);
    const siteFiles = files.filter((f) => f.config[KIND_KEY] === StackKind.Site);
    const siteName = (f: StackFile) => (f.config[SITE_CONFIG_KEY] as SiteSettings).name;
    let sites = siteFiles.map((f) => f.stack);
    const chosen = flag(argv, "sites");
    if (chosen !== undefined) {
        const names = chosen.split(",").filter((n) => n !== "");
        const unknown = names.filter((n) => !siteFiles.some((f) => siteName(f) === n || f.stack === n));
        if (unknown.length > 0)
            throw new Error(`--sites: no site ${unknown.join(", ")} among the stacks; sites: ${siteFiles.map(siteName).join(", ")}`);
        sites = siteFiles.filter((f) => names.includes(siteName(f)) || names.includes(f.stack)).map((f) => f.stack);
    }
    const shard = flag(argv, "shard");
    if (shard !== undefined) sites = shardSites(sites, shard);
    if (argv.includes("--hub-only")) sites = [];
    // Only a whole run touches the hub: shards and site lists run next to (after) a hub job.
    const withHub = chosen === undefined && shard === undefined;
    const inChange = (stack: string) => touched === undefined || touched.includes(stack);
    return { operation, hubs: (withHub ? hubs : []).filter(inChange), sites: sites.filter(inChange), concurrency };
}

/** The rounds a plan runs in, one line each: the hubs, then the sites so many at a time (the other way round on destroy). */
export function planRounds(plan: PipelinePlan): string[] {
    const hubs = plan.hubs.length > 0 ? [`hubs: ${plan.hubs.join(", ")}`] : [];
    const sites = plan.sites.length > 0 ? [`sites, ${plan.concurrency} at a time: ${plan.sites.join(", ")}`] : [];
    const rounds = plan.operation === PipelineOperation.Destroy ? [...sites, ...hubs] : [...hubs, ...sites];
    return rounds.length === 0 ? ["no stacks to run"] : rounds.map((r, i) => `round ${i + 1}, ${r}`);
}

/** The stacks a change since `ref` touches, and why, read from git. Throws with a message naming the flag. */
export function touchedSince(
    ref: string,
    stacksDir: string,
    files: readonly StackFile[],
): { stacks: string[]; reasons: Map<string, string> } {
    const { root, files: changed } = changedFiles(ref, stacksDir);
    return stacksTouched(changed, files, fromRoot(root, stacksDir));
}

/** The policy pack a preview or an up runs with, from the command line. Throws with a message naming the flag. */
export function policyOptions(argv: string[]): PolicyOptions {
    const pack = flag(argv, "policy-pack");
    const config = flag(argv, "policy-pack-config");
    if (pack === undefined) {
        if (config !== undefined) throw new Error("--policy-pack-config: needs --policy-pack DIR, the pack it configures");
        return { policyPacks: [], policyPackConfigs: [] };
    }
    const operation = argv[0] as PipelineOperation;
    if (operation !== PipelineOperation.Preview && operation !== PipelineOperation.Up)
        throw new Error(`--policy-pack: policies run in preview and up, not in ${operation}`);
    if (!fs.existsSync(path.join(pack, "PulumiPolicy.yaml")))
        throw new Error(`--policy-pack ${pack}: no PulumiPolicy.yaml there; expected a policy pack folder such as policy`);
    if (config !== undefined && !fs.existsSync(config))
        throw new Error(`--policy-pack-config ${config}: no such file; expected a JSON file of policy settings`);
    return { policyPacks: [path.resolve(pack)], policyPackConfigs: config === undefined ? [] : [path.resolve(config)] };
}

/** What the hubs that came up still need from the user, stage by stage (see deploymentStages.ts). */
export function hubFollowUps(files: readonly StackFile[], stacksDir: string): string[] {
    return files.filter((f) => f.config[KIND_KEY] === StackKind.Hub).flatMap((f) => hubNextSteps(f, stacksDir));
}

/** Why an up or preview of these hubs cannot finish, read against what is deployed (one line each). */
async function hubStageProblems(hubs: readonly StackFile[], stacksDir: string, workspace: PipelineWorkspace): Promise<string[]> {
    const problems: string[] = [];
    for (const hub of hubs) {
        // A stack that does not exist yet (or has no outputs) has never been deployed; any other
        // failure to read it leaves the question open, and nothing runs.
        let deployed: Record<string, StackOutput> | undefined;
        try {
            const outputs = await workspace.outputs(hub.stack);
            deployed = Object.keys(outputs).length > 0 ? outputs : undefined;
        } catch (e) {
            const message = (e as Error).message;
            if (!/no stack named/.test(message)) {
                problems.push(`${hub.stack}: its deployed outputs could not be read (${message.split("\n")[0]})`);
                continue;
            }
        }
        const problem = hubStageProblem(hub, stacksDir, deployed);
        if (problem) problems.push(problem);
    }
    return problems;
}

/**
 * Runs the pipeline command and returns its exit code: validation first, then the workspace over
 * the folder (`--stacks`, default stacks/) is made ready, then the operation over the chosen stacks.
 */
export async function pipelineCommand(
    argv: string[],
    workspaceFor: (stacksDir: string, policy: PolicyOptions) => PipelineWorkspace,
    print: (line: string) => void,
    listerFor: (kubeconfig: string) => SiteNodeLister = kubeconfigNodeLister,
): Promise<number> {
    const early = checkCommandLine(argv, PIPELINE, print);
    if (early !== undefined) return early;
    const stacksDir = flag(argv, "stacks", "stacks")!;
    const removing = argv[0] === PipelineOperation.Destroy || argv[0] === PipelineOperation.Refresh;
    const { files, report } = validateStacksDir(stacksDir, print, { removing });
    if (report.problems.length > 0) return 1;
    let plan: PipelinePlan;
    let policy: PolicyOptions;
    try {
        const since = flag(argv, "changed-since");
        const touched = since === undefined ? undefined : touchedSince(since, stacksDir, files);
        plan = pipelinePlan(argv, files, touched?.stacks);
        policy = policyOptions(argv);
        if (touched !== undefined) {
            print(`changed since ${since}: ${touched.stacks.length === 0 ? "no stack" : touched.stacks.join(", ")}`);
            for (const stack of [...plan.hubs, ...plan.sites]) print(`  ${stack}: ${touched.reasons.get(stack)}`);
        }
    } catch (e) {
        print((e as Error).message);
        return 1;
    }
    const destroyed = files.filter((f) => [...plan.hubs, ...plan.sites].includes(f.stack));
    const guarded = plan.operation === PipelineOperation.Destroy ? stillProtected(destroyed, stacksDir) : [];
    if (guarded.length > 0) {
        for (const line of [...guarded, `nothing was destroyed (${REMOVAL_RUNBOOK})`]) print(line);
        return 1;
    }
    // What runs, offline: the refusals above still apply, the workspace's are not asked.
    if (argv.includes("--dry-run")) {
        for (const line of [`${plan.operation}, dry run (nothing runs):`, ...planRounds(plan)]) print(line);
        return 0;
    }
    const workspace = workspaceFor(stacksDir, policy);
    try {
        await workspace.ready();
    } catch (e) {
        print((e as Error).message);
        return 1;
    }
    const siteFiles = files.filter((f) => plan.sites.includes(f.stack));
    // A preview applies nothing through the API: only an up is refused.
    if (plan.operation === PipelineOperation.Up) {
        const refusals = await hubStageProblems(
            files.filter((f) => plan.hubs.includes(f.stack)),
            stacksDir,
            workspace,
        );
        if (refusals.length > 0) {
            for (const line of [...refusals, "nothing was run"]) print(line);
            return 1;
        }
        await corednsOnceNodesReady(
            files.filter((f) => plan.hubs.includes(f.stack)),
            stacksDir,
            workspace,
            listerFor,
            print,
        );
    }
    if (plan.operation === PipelineOperation.Destroy && siteFiles.length > 0 && !argv.includes("--skip-node-check")) {
        const refusals = await sitesStillInUse(siteFiles, workspace, listerFor);
        if (refusals.length > 0) {
            for (const line of [...refusals, `nothing was destroyed (${REMOVAL_RUNBOOK})`]) print(line);
            return 1;
        }
    }
    print(`${plan.operation}: ${[...plan.hubs, ...plan.sites].join(", ") || "no stacks"} (sites ${plan.concurrency} at a time)`);
    const reports = await runPipeline(plan, workspace, print);
    for (const line of resultTable(reports)) print(line);
    if (plan.operation === PipelineOperation.Destroy && plan.hubs.length === 0 && pipelineExitCode(reports) === 0) {
        for (const line of siteRemovalFollowUps(siteFiles, stacksDir)) print(line);
    }
    if (plan.operation === PipelineOperation.Up && plan.hubs.length > 0 && pipelineExitCode(reports) === 0) {
        for (const line of hubFollowUps(
            files.filter((f) => plan.hubs.includes(f.stack)),
            stacksDir,
        ))
            print(line);
    }
    return pipelineExitCode(reports);
}

if (require.main === module) {
    exitWith(
        pipelineCommand(
            process.argv.slice(2),
            (stacksDir, policy) => new AutomationWorkspace(stacksDir, undefined, policy),
            (line) => console.log(line),
        ),
    );
}
