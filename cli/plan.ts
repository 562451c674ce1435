// `npm run plan [-- --stacks DIR] [--stack NAME] [--out DIR] [--date YYYY-MM-DD] [--tree] [--no-cache]`:
// the offline plan (the date prices the cost estimate; default today). Validates the folder, runs
// every stack's real program on Pulumi's mock engine (hub first, sites reading its planned outputs),
// prints a line per stack as it is planned (its resource tree with --tree) and writes its files under
// out/<stack>/. A stack whose inputs are unchanged since the last plan into the same out/ is taken
// from out/.plan-cache/ (plan/planCache.ts) and its folder left as it is; --no-cache plans all.
import * as path from "path";
import { Placeholders } from "./plan/mockEngine";
import { fleetFiles, hubOf, PlannedStack } from "./plan/planDigest";
import { StackFile } from "./stacks/stackFolder";
import { KIND_KEY, StackKind } from "../program/stackConfig";
import { CACHE_FOLDER, codeKey, PlanCache, pruneCache } from "./plan/planCache";
import { planStacks } from "./plan/planFolder";
import { removeStaleStackFolders, writeOutputFiles } from "./files/outputFiles";
import { checkCommandLine, CommandLine, flag, exitWith } from "./commandLine";
import { validateStacksDir } from "./validate";

const PLAN: CommandLine = {
    usage: "usage: npm run plan [-- --stacks DIR] [--stack NAME] [--out DIR] [--date YYYY-MM-DD] [--tree] [--no-cache]",
    description:
        "Validates the stack files of DIR (default stacks/), runs every stack's program offline on Pulumi's mock engine and " +
        "writes each stack's resources, outputs, site files, topology and cost estimate (priced on --date, default today) to out/; " +
        "--tree prints each stack's resource tree. A stack whose stack file, hub outputs and the package's code and dependencies " +
        `are unchanged since the last plan into the same --out is reused from its ${CACHE_FOLDER}/ (its files left as they are); ` +
        "--no-cache plans every stack.",
    valueFlags: ["stacks", "stack", "out", "date"],
    switches: ["tree", "no-cache"],
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
    const cache: PlanCache | undefined = argv.includes("--no-cache")
        ? undefined
        : { dir: path.join(outDir, CACHE_FOLDER), codeKey: codeKey() };
    const stacks: PlannedStack[] = [];
    let reused = 0;
    await planStacks(
        only === undefined ? files : stackWithItsHub(files, only),
        Placeholders.Marked,
        "digest",
        (stack, done, total, cached) => {
            stacks.push(stack);
            if (cached) reused++;
            print(`[${done}/${total}] ${stack.file.stack} ${cached ? "unchanged" : "planned"}, ${stack.resources} resources`);
        },
        { cache },
    );
    // In the folder's order, however they came: the fleet's files do not depend on what was cached.
    const order = new Map(files.map((f, i) => [f.stack, i]));
    stacks.sort((a, b) => order.get(a.file.stack)! - order.get(b.file.stack)!);
    // Everything is computed before anything is written: a failure leaves out/ as it was.
    const planned = fleetFiles(stacks, only, date);
    if (argv.includes("--tree")) {
        for (const stack of stacks) if (only === undefined || stack.file.stack === only) for (const line of stack.tree) print(line);
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
    if (cache)
        pruneCache(
            cache,
            files.map((f) => f.stack),
        );
    print(
        `plan: ${stacks.length} stack${stacks.length === 1 ? "" : "s"} planned offline` +
            (reused > 0 ? ` (${reused} unchanged, reused)` : "") +
            `, ${planned.length} files in ${outDir}/ ` +
            `(values AWS assigns are marked <name.attribute>)`,
    );
    return 0;
}

/** The stack `only` and, for a site, the hub stack whose outputs it reads: all a plan of one stack needs. */
function stackWithItsHub(files: StackFile[], only: string): StackFile[] {
    const stack = files.find((f) => f.stack === only)!;
    const hub = stack.config[KIND_KEY] === StackKind.Site ? hubOf(stack) : undefined;
    return files.filter((f) => f === stack || f.stack === hub);
}

if (require.main === module) exitWith(planCommand(process.argv.slice(2), (line) => console.log(line)));
