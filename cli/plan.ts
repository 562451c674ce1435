// `npm run plan [-- --stacks DIR] [--stack NAME] [--out DIR] [--date YYYY-MM-DD] [--tree]`: the offline
// plan (the date prices the cost estimate; default today). Validates the folder, runs every stack's
// real program on Pulumi's mock engine (hub first, sites reading its planned outputs), prints a line
// per stack as it is planned (its resource tree with --tree) and writes its files under out/<stack>/.
import { Placeholders } from "./plan/mockEngine";
import { fleetFiles, PlannedStack } from "./plan/planDigest";
import { planStacks } from "./plan/planFolder";
import { removeStaleStackFolders, writeOutputFiles } from "./files/outputFiles";
import { checkCommandLine, CommandLine, flag, exitWith } from "./commandLine";
import { validateStacksDir } from "./validate";

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
    const stacks: PlannedStack[] = [];
    await planStacks(files, Placeholders.Marked, "digest", (stack, done, total) => {
        stacks.push(stack);
        print(`[${done}/${total}] ${stack.file.stack} planned, ${stack.resources} resources`);
    });
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
    print(
        `plan: ${stacks.length} stack${stacks.length === 1 ? "" : "s"} planned offline, ${planned.length} files written to ${outDir}/ ` +
            `(values AWS assigns are marked <name.attribute>)`,
    );
    return 0;
}

if (require.main === module) exitWith(planCommand(process.argv.slice(2), (line) => console.log(line)));
