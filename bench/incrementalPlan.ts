// Prints the incremental plan's figures: a hub and 300 generated sites planned into a fresh out/,
// one site's file changed, then planned again into the same out/ (the cache reused for the hub
// and 299 sites), against a hub + 1 site plan into a fresh out/. Each plan a fresh process, as
// `npm run plan` is (from the build when it is current); medians of three. Figures only.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeGeneratedStacks } from "./generateStacks";
import { benchCommandLine } from "./commandLine";

benchCommandLine(
    "bench:incremental",
    "Prints the re-plan of a hub and 300 generated sites (BENCH_SITES) after one site's change, against a fresh one-site plan.",
);

const ROOT = path.join(__dirname, "..");
const SITES = Number(process.env.BENCH_SITES ?? 300);

interface Figures {
    seconds: number;
    peakRssMb: number;
    lines: string[];
}

function plan(stacks: string, out: string, ...extra: string[]): Figures {
    const started = process.hrtime.bigint();
    const result = spawnSync(
        process.execPath,
        ["-r", "./bench/exitFigures.js", "cli/launch.js", "plan", "--stacks", stacks, "--out", out, ...extra],
        {
            cwd: ROOT,
            encoding: "utf8",
            maxBuffer: 256 * 1024 * 1024,
        },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.status !== 0) throw new Error(`plan failed: ${result.stdout.slice(-2000)}${result.stderr.slice(-2000)}`);
    const figures = JSON.parse(
        result.stderr
            .split("\n")
            .find((l) => l.startsWith("BENCH "))!
            .slice("BENCH ".length),
    );
    return { seconds, peakRssMb: figures.peakRssMb, lines: result.stdout.trim().split("\n") };
}

const median = (runs: Figures[]) => runs.sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)];
const temp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), name));

const one = writeGeneratedStacks(1);
const fleet = writeGeneratedStacks(SITES);
try {
    const single = median([1, 2, 3].map(() => plan(one, temp("bench-out-1-"))));
    console.log(`plan hub + 1 site into a fresh out/: ${single.seconds.toFixed(2)} s, peak RSS ${single.peakRssMb} MB`);
    const out = temp("bench-out-fleet-");
    const first = plan(fleet, out);
    console.log(`plan hub + ${SITES} sites into a fresh out/: ${first.seconds.toFixed(2)} s, peak RSS ${first.peakRssMb} MB`);
    const second: Figures[] = [];
    for (let round = 1; round <= 3; round++) {
        const file = path.join(fleet, "Pulumi.site-7.yaml");
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/count: \d+/, `count: ${3 + round}`));
        second.push(plan(fleet, out));
    }
    const again = median(second);
    console.log(
        `plan again after one site's file changed: ${again.seconds.toFixed(2)} s (${(again.seconds / single.seconds).toFixed(2)}x ` +
            `the hub + 1 site plan), peak RSS ${again.peakRssMb} MB; ${again.lines.at(-1)}`,
    );
    const none = plan(fleet, out);
    console.log(`plan again with nothing changed: ${none.seconds.toFixed(2)} s (${(none.seconds / single.seconds).toFixed(2)}x)`);
    const forced = plan(fleet, out, "--no-cache");
    console.log(`plan again with --no-cache: ${forced.seconds.toFixed(2)} s`);
} finally {
    fs.rmSync(one, { recursive: true, force: true });
    fs.rmSync(fleet, { recursive: true, force: true });
}
