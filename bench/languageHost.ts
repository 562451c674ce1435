// Prints how fast and how big the Pulumi program starts on the path `pulumi preview`/`up` takes:
// Pulumi's Node.js language host runs `@pulumi/pulumi/cmd/run` with the options it reads from
// Pulumi.yaml (tests/support/languageHost.ts follows pulumi-language-nodejs), and run.js reads the
// tsconfig. Against the floor: a program that loads the same SDKs and registers one resource,
// started the same way (bench/sdkFloor). Two moments: the entry module loaded (the program's own
// code on top of the SDKs), and its first registration (the hub's resources built as well).
// For comparison, the sources through ts-node, transpile-only (what program/main.js runs when
// bin/ is stale) and type-checked (Pulumi.yaml before issue 24). Medians of three; figures only.
import * as path from "path";
import { generatedStacks } from "./generateStacks";
import { ProgramStart, ProjectOverride, startProgram } from "../tests/support/languageHost";
import { benchCommandLine } from "./commandLine";

benchCommandLine(
    "bench:start",
    "Prints how fast and how big the program starts through Pulumi's Node.js language host, against the SDKs' floor.",
);

const ROOT = path.join(__dirname, "..");
const FLOOR = path.join(__dirname, "sdkFloor");

const hub = generatedStacks(1)[0];
const config = Object.fromEntries(Object.entries(hub.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));

async function median(times: number, start: () => Promise<ProgramStart>): Promise<ProgramStart> {
    const runs: ProgramStart[] = [];
    for (let i = 0; i < times; i++) runs.push(await start());
    return runs.sort((a, b) => a.loaded.seconds - b.loaded.seconds)[Math.floor(times / 2)];
}

const line = (what: string, r: ProgramStart, floor?: ProgramStart) =>
    `${what}: loaded ${r.loaded.seconds.toFixed(2)} s, ${r.loaded.peakRssMb} MB` +
    (floor
        ? ` (${(r.loaded.seconds / floor.loaded.seconds).toFixed(2)}x the floor's time, ` +
          `${(r.loaded.peakRssMb / floor.loaded.peakRssMb).toFixed(2)}x its memory)`
        : "") +
    `; first registration ${r.secondsToFirstResource.toFixed(2)} s, ${r.peakRssMb} MB`;

async function main(): Promise<void> {
    const floor = await median(3, () => startProgram(FLOOR, "floor", {}));
    console.log(line("SDK floor (bench/sdkFloor)", floor));
    const asShipped = await median(3, () => startProgram(ROOT, "hub", config));
    const mode = asShipped.stderr.includes("not built from the current sources") ? "the sources, bin/ stale" : "the build";
    console.log(line(`program as Pulumi.yaml says (${mode})`, asShipped, floor));
    const comparisons: [string, number, ProjectOverride][] = [
        [
            "sources through ts-node, transpile-only",
            3,
            { main: "program/", options: { typescript: true }, env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } },
        ],
        ["sources through ts-node, type-checked", 1, { main: "program/", options: { typescript: true } }],
    ];
    for (const [what, times, override] of comparisons) {
        console.log(line(what, await median(times, () => startProgram(ROOT, "hub", config, override)), floor));
    }
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
