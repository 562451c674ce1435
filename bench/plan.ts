// Prints the time of the offline plan for a hub with 1, 10 and 100 generated sites, the time to
// load the SDKs alone (the floor every run pays), and the growth ratios. Each figure is a fresh
// process, as `npm run plan` is. Figures, not assertions.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeGeneratedStacks } from "./generateStacks";

const ROOT = path.join(__dirname, "..");
const node = (args: string[]) => {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", ...args], { cwd: ROOT, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${args.join(" ")} failed: ${result.stdout}${result.stderr}`);
    return Number(process.hrtime.bigint() - started) / 1e9;
};

const floor = node(["-e", 'require("@pulumi/pulumi"); require("@pulumi/aws"); require("@pulumi/kubernetes"); require("@pulumi/random")']);
console.log(`load SDKs alone: ${floor.toFixed(2)} s`);
const times = new Map<number, number>();
for (const sites of [1, 10, 100]) {
    const dir = writeGeneratedStacks(sites);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-out-"));
    try {
        times.set(sites, node(["cli/plan.ts", "--stacks", dir, "--out", out]));
        console.log(
            `plan hub + ${sites} site${sites === 1 ? "" : "s"}: ${times.get(sites)!.toFixed(2)} s ` +
                `(${(times.get(sites)! - floor).toFixed(2)} s above the floor)`,
        );
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        fs.rmSync(out, { recursive: true, force: true });
    }
}
const above = (n: number) => times.get(n)! - floor;
console.log(`ratio hub+10 / hub+1: ${(times.get(10)! / times.get(1)!).toFixed(2)} (above floor: ${(above(10) / above(1)).toFixed(2)})`);
console.log(
    `ratio hub+100 / hub+10: ${(times.get(100)! / times.get(10)!).toFixed(2)} (above floor: ` +
        `${(above(100) / above(10)).toFixed(2)}; linear growth in sites would be ${((100 + 1) / (10 + 1)).toFixed(2)})`,
);
const perSite = (from: number, to: number) => (times.get(to)! - times.get(from)!) / (to - from);
console.log(
    `per added site: ${perSite(1, 10).toFixed(3)} s (1 -> 10), ${perSite(10, 100).toFixed(3)} s (10 -> 100): equal figures mean ` +
        `the growth is linear`,
);
