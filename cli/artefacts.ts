// `npm run artefacts -- --stack NAME [--out DIR] [--stacks DIR]`: the site team's files from a
// deployed site stack, read through the Automation API, in the plan's layout and modes
// (out/<stack>/…); folders left from stacks no longer in the stack folder are removed.
import * as fs from "fs";
import * as path from "path";
import { SITE_STACK_OUTPUT_NAMES, SiteOutputValues } from "../components/site/siteOutputs";
import { removeStaleStackFolders, writeOutputFiles } from "./files/outputFiles";
import { siteTeamFiles } from "./files/siteTeamFiles";
import { AutomationWorkspace } from "./pipeline/automationWorkspace";
import { StackOutput, StackOutputsReader } from "./pipeline/stackOutputs";
import { stackNameProblem, stackNamesIn } from "./stacks/stackFolder";
import { checkCommandLine, CommandLine, flag, exitWith } from "./commandLine";

const USAGE = "usage: npm run artefacts -- --stack NAME [--out DIR] [--stacks DIR]";
const ARTEFACTS: CommandLine = {
    usage: USAGE,
    description:
        "Reads a deployed site stack's outputs through the Automation API (needs the Pulumi CLI) and writes the site team's " +
        "files to out/<stack>/ in the plan's layout: secret files 0600, scripts 0700. Folders it or the plan wrote for " +
        "stacks no longer in DIR (default stacks/) are removed.",
    valueFlags: ["stack", "out", "stacks"],
};

/** Writes the site team's files of one deployed site stack and returns the exit code. */
export async function artefactsCommand(argv: string[], reader: StackOutputsReader, print: (line: string) => void): Promise<number> {
    const early = checkCommandLine(argv, ARTEFACTS, print);
    if (early !== undefined) return early;
    const stack = flag(argv, "stack");
    const outDir = flag(argv, "out", "out")!;
    const stacksDir = flag(argv, "stacks", "stacks")!;
    if (stack === undefined) {
        print(`--stack is missing; ${USAGE}`);
        return 1;
    }
    const nameProblem = stackNameProblem(stack);
    if (nameProblem) {
        print(`--stack ${nameProblem}`);
        return 1;
    }
    let outputs: Record<string, StackOutput>;
    try {
        outputs = await reader.outputs(stack);
    } catch (e) {
        print(`stack ${stack}: its outputs cannot be read: ${(e as Error).message.split("\n")[0]}`);
        return 1;
    }
    const missing = ["vpnServerConfig", "nodeConfig"].filter((name) => !(name in outputs));
    if (missing.length > 0) {
        print(`stack ${stack} has no ${missing.join(" or ")} output: is it a deployed site stack? (${USAGE})`);
        return 1;
    }
    const values = Object.fromEntries(SITE_STACK_OUTPUT_NAMES.filter((n) => n in outputs).map((n) => [n, outputs[n].value]));
    const secret = Object.entries(outputs)
        .filter(([, o]) => o.secret)
        .map(([name]) => name);
    const files = siteTeamFiles(stack, values as Partial<SiteOutputValues>, secret).map((f) => ({ ...f, path: `${stack}/${f.path}` }));
    writeOutputFiles(outDir, files);
    print(`artefacts: ${files.length} files of ${stack} written to ${path.join(outDir, stack)}/ (secret ones 0600, scripts 0700)`);
    // A site taken away must not leave its keys and NodeConfigs behind to be applied by mistake.
    // Without the stack folder nothing is known to be gone, so nothing is removed.
    if (fs.existsSync(stacksDir)) removeStaleStackFolders(outDir, [...stackNamesIn(stacksDir), stack], stacksDir, print);
    return 0;
}

if (require.main === module) exitWith(artefactsCommand(process.argv.slice(2), new AutomationWorkspace(), (line) => console.log(line)));
