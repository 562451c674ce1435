// `npm run validate [-- --stacks DIR]`: every rule of CONFIG.md over a folder of stack files.
// Prints every problem with its file and key and exits 1, or one summary line per stack and exits 0.
import { formatProblem, Problems } from "../components/config/problems";
import { loadStackFolder } from "./stackFolder";
import { validateFolder } from "./validateFolder";

export function parseStacksArg(argv: string[]): string {
    const i = argv.indexOf("--stacks");
    return i >= 0 && argv[i + 1] ? argv[i + 1] : "stacks";
}

/** Runs the validation and returns the exit code; output goes to `print`. */
export function validateCommand(argv: string[], print: (line: string) => void): number {
    const dir = parseStacksArg(argv);
    const problems = new Problems();
    const report = validateFolder(loadStackFolder(dir, problems), problems);
    if (report.problems.length > 0) {
        print(`${dir}: ${report.problems.length} problem${report.problems.length === 1 ? "" : "s"}`);
        for (const p of report.problems) print(`  - ${formatProblem(p)}`);
        return 1;
    }
    for (const line of report.summaries) print(line);
    return 0;
}

if (require.main === module) {
    process.exitCode = validateCommand(process.argv.slice(2), (line) => console.log(line));
}
