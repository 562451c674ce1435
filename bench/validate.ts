// Prints how long `npm run validate` takes: in-process over a hub and 1,000 generated sites (after a
// warm-up run), and as a whole process over a hub and 4,999 sites (all one transit gateway takes) written to a folder, as a user
// runs it (from the build when it is current: run `npm run build` first). Figures, not assertions.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Problems } from "../components/config/problems";
import { validateFolder } from "../cli/stacks/validateFolder";
import { generatedStacks, writeGeneratedStacks } from "./generateStacks";
import { benchCommandLine } from "./commandLine";

benchCommandLine(
    "bench:validate",
    "Prints how long npm run validate takes over a hub and 1,000 generated sites in-process, and 4,999 as a whole process.",
);

const median = (runs: number[]) => runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)];

const files = generatedStacks(1000);
const once = () => {
    const started = process.hrtime.bigint();
    const report = validateFolder(files, new Problems());
    if (report.problems.length > 0)
        throw new Error(`generated stacks are invalid: ${report.problems[0].key}: ${report.problems[0].message}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
};
once();
const inProcess = [once(), once(), once()];
console.log(`validate hub + 1000 sites, in process: ${median(inProcess).toFixed(0)} ms (median of 3, after one warm-up)`);

const dir = writeGeneratedStacks(4999);
try {
    const whole = [0, 1, 2].map(() => {
        const started = process.hrtime.bigint();
        const result = spawnSync(process.execPath, ["cli/launch.js", "validate", "--stacks", dir], {
            cwd: path.join(__dirname, ".."),
            encoding: "utf8",
            maxBuffer: 64 * 1024 * 1024,
        });
        if (result.status !== 0) throw new Error(`validate failed: ${result.stdout.slice(-1000)}${result.stderr.slice(-1000)}`);
        return Number(process.hrtime.bigint() - started) / 1e9;
    });
    console.log(`npm run validate, hub + 4999 sites, whole process: ${median(whole).toFixed(2)} s (median of 3)`);
} finally {
    fs.rmSync(dir, { recursive: true, force: true });
}
