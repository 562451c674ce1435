// `npm run validate [-- --stacks DIR]`: every rule of docs/CONFIG.md over a folder of stack files.
// Prints every problem with its file and key, and each rule between stacks a problem kept from
// running, and exits 1; or one summary line per stack and exits 0.
import { formatProblem, Problems } from "../components/config/problems";
import { checkCommandLine, CommandLine, flag } from "./commandLine";
import { loadStackFolder, StackFile } from "./stacks/stackFolder";
import { FolderReport, FolderRuleOptions, validateFolder } from "./stacks/validateFolder";

const VALIDATE: CommandLine = {
    usage: "usage: npm run validate [-- --stacks DIR]",
    description:
        "Checks every rule of docs/CONFIG.md over the stack files of DIR (default stacks/); prints every problem or one line per stack.",
    valueFlags: ["stacks"],
};

/** Loads and validates a folder; prints the problems when there are any. */
export function validateStacksDir(
    dir: string,
    print: (line: string) => void,
    options: FolderRuleOptions = {},
): { files: StackFile[]; report: FolderReport } {
    const problems = new Problems();
    const files = loadStackFolder(dir, problems);
    const report = validateFolder(files, problems, options);
    if (report.problems.length > 0) {
        print(`${dir}: ${report.problems.length} problem${report.problems.length === 1 ? "" : "s"}`);
        for (const p of report.problems) print(`  - ${formatProblem(p)}`);
        for (const line of report.notRun) print(`  ${line}`);
    }
    return { files, report };
}

/** Runs the validation and returns the exit code; output goes to `print`. */
export function validateCommand(argv: string[], print: (line: string) => void): number {
    const early = checkCommandLine(argv, VALIDATE, print);
    if (early !== undefined) return early;
    const { report } = validateStacksDir(flag(argv, "stacks", "stacks")!, print);
    if (report.problems.length > 0) return 1;
    for (const line of [...report.summaries, ...report.warnings]) print(line);
    return 0;
}

if (require.main === module) {
    process.exitCode = validateCommand(process.argv.slice(2), (line) => console.log(line));
}
