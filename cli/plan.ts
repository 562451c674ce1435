// `npm run plan [-- --stacks DIR] [--stack NAME] [--out DIR] [--date YYYY-MM-DD] [--tree]`: the offline
// plan (the date prices the cost estimate; default today). Validates the folder, runs every stack's
// real program on Pulumi's mock engine (hub first, sites reading its planned outputs), prints a line
// per stack as it is planned (its resource tree with --tree) and writes its files under out/<stack>/.
import { HubArgs } from "../components/hub/hubArgs";
import { costMarkdown, estimateCost } from "./plan/costEstimate";
import { Placeholders } from "./plan/mockEngine";
import { planFolder, StackRun } from "./plan/planFolder";
import { PlanFile, resourceCount, resourcesJson, resourceTree, stackArtefacts } from "./plan/planReport";
import { topologyMermaid, topologySvg } from "./plan/topology";
import { SiteStackConfig } from "../components/site/siteArgs";
import { HUB_CONFIG_KEY } from "../components/hub/validateHub";
import { SITE_CONFIG_KEY } from "../components/site/validateSite";
import { StackKind } from "../program/stackConfig";
import { PLAN_MARKER, removeStaleStackFolders, writeOutputFiles } from "./files/outputFiles";
import { checkCommandLine, CommandLine, flag, exitWith } from "./commandLine";
import { validateStacksDir } from "./validate";

/** Every file of a plan, by path under the out folder. */
export function planFiles(runs: Map<string, StackRun>, only?: string, date?: string): PlanFile[] {
    const selected = [...runs.values()].filter((r) => only === undefined || r.file.stack === only);
    const files: PlanFile[] = [];
    for (const run of selected) {
        files.push({ path: `${run.file.stack}/${PLAN_MARKER}`, text: resourcesJson(run), secret: false });
        for (const f of stackArtefacts(run)) files.push({ ...f, path: `${run.file.stack}/${f.path}` });
    }
    for (const hub of [...runs.values()].filter((r) => r.kind === StackKind.Hub)) {
        const sites = [...runs.values()].filter((r) => r.kind === StackKind.Site && hubOf(r) === hub.file.stack);
        if (only !== undefined && only !== hub.file.stack && !sites.some((s) => s.file.stack === only)) continue;
        const input = {
            hubStack: hub.file.stack,
            region: String(hub.outputs.region),
            hub: hub.file.config[HUB_CONFIG_KEY] as HubArgs,
            sites: sites.map((s) => ({ stack: s.file.stack, site: s.file.config[SITE_CONFIG_KEY] as SiteStackConfig })),
        };
        files.push({ path: `${hub.file.stack}/topology.mmd`, text: topologyMermaid(input), secret: false });
        files.push({ path: `${hub.file.stack}/topology.svg`, text: topologySvg(input), secret: false });
    }
    const costLines = estimateCost(selected, date);
    const regions = selected.map((r) => String(r.file.config["aws:region"] ?? ""));
    files.push({ path: "cost.md", text: costMarkdown(costLines, regions), secret: false });
    files.push({ path: "cost.json", text: `${JSON.stringify(costLines, null, 2)}\n`, secret: false });
    return files;
}

function hubOf(run: StackRun): string {
    return (run.file.config[SITE_CONFIG_KEY] as SiteStackConfig).hubStack.split("/").pop()!;
}

const PLAN: CommandLine = {
    usage: "usage: npm run plan [-- --stacks DIR] [--stack NAME] [--out DIR] [--date YYYY-MM-DD] [--tree]",
    description:
        "Validates the stack files of DIR (default stacks/), runs every stack's program offline on Pulumi's mock engine and " +
        "writes each stack's resources, outputs, site files, topology and cost estimate (priced on --date, default today) to out/; " +
        "--tree prints each stack's resource tree.",
    valueFlags: ["stacks", "stack", "out", "date"],
    switches: ["tree"],
};

/** Runs the offline plan and returns its exit code; nothing is written when validation fails. */
export async function planCommand(argv: string[], print: (line: string) => void): Promise<number> {
    const early = checkCommandLine(argv, PLAN, print);
    if (early !== undefined) return early;
    const dir = flag(argv, "stacks", "stacks")!;
    const outDir = flag(argv, "out", "out")!;
    const only = flag(argv, "stack");
    const date = flag(argv, "date");
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
        print(`--date ${date}: expected a date such as 2026-12-01 (the day the cost estimate prices)`);
        return 1;
    }
    const { files, report } = validateStacksDir(dir, print);
    if (report.problems.length > 0) return 1;
    if (only !== undefined && !files.some((f) => f.stack === only)) {
        print(`--stack ${only}: no such stack in ${dir}; stacks: ${files.map((f) => f.stack).join(", ")}`);
        return 1;
    }
    const runs = await planFolder(files, Placeholders.Marked, (run, done, total) =>
        print(`[${done}/${total}] ${run.file.stack} planned, ${resourceCount(run)} resources`),
    );
    // Everything is computed before anything is written: a failure leaves out/ as it was.
    const planned = planFiles(runs, only, date);
    if (argv.includes("--tree")) {
        for (const run of runs.values()) {
            if (only === undefined || run.file.stack === only) for (const line of resourceTree(run)) print(line);
        }
    }
    writeOutputFiles(outDir, planned);
    if (only === undefined) {
        // A stack removed from the folder must not leave its files behind to be applied by mistake.
        removeStaleStackFolders(
            outDir,
            files.map((f) => f.stack),
            dir,
            print,
        );
    }
    print(
        `plan: ${runs.size} stack${runs.size === 1 ? "" : "s"} planned offline, ${planned.length} files written to ${outDir}/ ` +
            `(values AWS assigns are marked <name.attribute>)`,
    );
    return 0;
}

if (require.main === module) exitWith(planCommand(process.argv.slice(2), (line) => console.log(line)));
