// Prints the offline plan of a hub with 1, 10, 100 and 1,000 generated sites (5,000 too with
// BENCH_5000=1): wall time, cost per added site, peak RSS, descriptors still open at the end, and
// the ratio to the floor (loading the SDKs alone). Each figure is a fresh process, as
// `npm run plan` is; the floor and the plans of up to 100 sites are the median of three runs (a
// shared machine's noise is as large as their differences). Figures, not assertions.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeGeneratedStacks } from "./generateStacks";
import { benchCommandLine } from "./commandLine";

benchCommandLine(
    "bench:plan",
    "Prints the offline plan of a hub with 1, 10, 100 and 1,000 generated sites (BENCH_5000=1 adds 5,000): " +
        "wall time, cost per site, peak RSS, against the floor.",
);

const ROOT = path.join(__dirname, "..");

interface Figures {
    seconds: number;
    peakRssMb: number;
    openFds: number;
}

function node(args: string[]): Figures {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ["-r", "./bench/exitFigures.js", ...args], {
        cwd: ROOT,
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.status !== 0) throw new Error(`${args.join(" ")} failed: ${result.stdout.slice(-2000)}${result.stderr.slice(-2000)}`);
    const line = result.stderr.split("\n").find((l) => l.startsWith("BENCH "));
    return { seconds, ...JSON.parse(line!.slice("BENCH ".length)) };
}

/** The median run by wall time of `times` runs. */
function median(times: number, run: () => Figures): Figures {
    return Array.from({ length: times }, run).sort((a, b) => a.seconds - b.seconds)[Math.floor(times / 2)];
}

const floor = median(3, () =>
    node(["-e", 'require("@pulumi/pulumi"); require("@pulumi/aws"); require("@pulumi/kubernetes"); require("@pulumi/random")']),
);
console.log(`load SDKs alone (the floor): ${floor.seconds.toFixed(2)} s, ${floor.peakRssMb} MB`);
// 4,999: all one transit gateway takes.
const counts = [1, 10, 100, 1000, ...(process.env.BENCH_5000 ? [4999] : [])];
const runs = new Map<number, Figures>();
for (const sites of counts) {
    const dir = writeGeneratedStacks(sites);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-out-"));
    try {
        // As `npm run plan` runs it: from the build when it is current (run `npm run build` first).
        const f = median(sites <= 100 ? 3 : 1, () => node(["cli/launch.js", "plan", "--stacks", dir, "--out", out]));
        runs.set(sites, f);
        console.log(
            `plan hub + ${sites} site${sites === 1 ? "" : "s"}: ${f.seconds.toFixed(2)} s ` +
                `(${(f.seconds / floor.seconds).toFixed(1)}x the floor), ` +
                `peak RSS ${f.peakRssMb} MB, ${f.openFds} descriptors open at the end`,
        );
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        fs.rmSync(out, { recursive: true, force: true });
    }
}
for (let i = 1; i < counts.length; i++) {
    const [a, b] = [counts[i - 1], counts[i]];
    console.log(`per added site, ${a} -> ${b}: ${((runs.get(b)!.seconds - runs.get(a)!.seconds) / (b - a)).toFixed(3)} s`);
}
