// Prints what each speed measure of the offline plan still wins on a hub and 1,000 generated
// sites (BENCH_SITES to change it): the plan with everything on, then with one measure off at a
// time. The measures: the mock engine's replacements of SDK internals (`EKS_HYBRID_PLAN_UNPATCHED`,
// cli/plan/mockEngine.ts's SdkPatch) and the build's precompiled Cilium values validator (moved
// aside for its run). Each plan a fresh process from the build (`npm run build` first); one run
// each at this size. Figures only.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeGeneratedStacks } from "./generateStacks";
import { benchCommandLine } from "./commandLine";

benchCommandLine(
    "bench:patches",
    "Prints what each speed measure of the offline plan wins on a hub and 1,000 generated sites (BENCH_SITES); run npm run build first.",
);

const ROOT = path.join(__dirname, "..");
const SITES = Number(process.env.BENCH_SITES ?? 1000);
const VALIDATOR = path.join(ROOT, "bin/cli/plan/valuesValidator.js");

interface Figures {
    seconds: number;
    peakRssMb: number;
    /** Why the plan did not finish, when it did not. */
    failed?: string;
}

function plan(stacks: string, env: Record<string, string>): Figures {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-out-"));
    try {
        const started = process.hrtime.bigint();
        const args = ["-r", "./bench/exitFigures.js", "cli/launch.js", "plan", "--stacks", stacks, "--out", out];
        const result = spawnSync(process.execPath, args, {
            cwd: ROOT,
            encoding: "utf8",
            env: { ...process.env, ...env },
            maxBuffer: 256 * 1024 * 1024,
        });
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const bench = result.stderr.split("\n").find((l) => l.startsWith("BENCH "));
        const peakRssMb = bench ? JSON.parse(bench.slice("BENCH ".length)).peakRssMb : NaN;
        if (result.status === 0) return { seconds, peakRssMb };
        const lines = `${result.stdout}\n${result.stderr}`.split("\n").filter((l) => l && !l.startsWith("BENCH "));
        const reached = lines.filter((l) => /^\[\d+\/\d+\]/.test(l)).pop() ?? "nothing planned";
        return { seconds, peakRssMb, failed: `${lines.at(-1)} (last: ${reached})` };
    } finally {
        fs.rmSync(out, { recursive: true, force: true });
    }
}

if (!fs.existsSync(VALIDATOR)) throw new Error(`${VALIDATOR} is missing: run npm run build first`);
const stacks = writeGeneratedStacks(SITES);
try {
    const base = plan(stacks, {});
    console.log(`hub + ${SITES} sites, every measure on: ${base.seconds.toFixed(1)} s, peak RSS ${base.peakRssMb} MB`);
    const report = (what: string, r: Figures) =>
        console.log(
            r.failed
                ? `${what}: fails after ${r.seconds.toFixed(1)} s, peak RSS ${r.peakRssMb} MB: ${r.failed}`
                : `${what}: ${r.seconds.toFixed(1)} s, peak RSS ${r.peakRssMb} MB ` +
                      `(the measure wins ${(((r.seconds - base.seconds) / r.seconds) * 100).toFixed(0)} % of the time without it)`,
        );
    for (const patch of ["promises", "callsites", "callbacks"])
        report(`without the ${patch} patch`, plan(stacks, { EKS_HYBRID_PLAN_UNPATCHED: patch }));
    const aside = `${VALIDATOR}.aside`;
    fs.renameSync(VALIDATOR, aside);
    try {
        report("without the precompiled values validator", plan(stacks, {}));
    } finally {
        fs.renameSync(aside, VALIDATOR);
    }
} finally {
    fs.rmSync(stacks, { recursive: true, force: true });
}
