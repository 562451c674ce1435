import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { artefactsCommand } from "../../cli/artefacts";
import { docsCommand } from "../../cli/docs";
import { statusCommand } from "../../cli/status";
import { argvProblems, CommandLine, flag } from "../../cli/commandLine";
import { pipelineCommand } from "../../cli/pipeline";
import { PipelineWorkspace } from "../../cli/pipeline/orchestrator";
import { StackStatusReader } from "../../cli/pipeline/stackOutputs";
import { planCommand } from "../../cli/plan";
import { validateCommand } from "../../cli/validate";

const LINE: CommandLine = {
    usage: "usage: x",
    description: "does x",
    valueFlags: ["stacks", "out"],
    switches: ["hub-only"],
    positionals: 1,
};

/** A workspace that must never be reached: the command line stops the command first. */
const unreachable = (): PipelineWorkspace => {
    throw new Error("the workspace was built");
};
const PIPELINE_USAGE =
    "usage: npm run pipeline -- preview|up|refresh|destroy [--stacks DIR] [--sites a,b] [--shard i/n] [--hub-only] " +
    "[--changed-since REF] [--dry-run] [--concurrency N] [--skip-node-check] [--policy-pack DIR [--policy-pack-config FILE]]";
const noOutputs = { outputs: async () => assert.fail("outputs were read") };
const unreadable = (): StackStatusReader => {
    throw new Error("the reader was built");
};

describe("command lines", () => {
    it("reports unknown flags, flags without a value and stray words, all together", () => {
        const table: [string[], string[]][] = [
            [["up", "--stacks", "dir", "--hub-only"], []],
            [[], []],
            [
                ["up", "--stack", "hub"],
                ["--stack is not a flag of this command; its flags: --stacks, --out, --hub-only, --help", '"hub" is not expected here'],
            ],
            [["up", "--stacks"], ["--stacks needs a value"]],
            [["up", "--out", "--hub-only"], ["--out needs a value"]],
            [["up", "down"], ['"down" is not expected here']],
        ];
        for (const [argv, problems] of table) assert.deepEqual(argvProblems(argv, LINE), problems, argv.join(" "));
    });

    it("takes a flag's value, never the next flag", () => {
        assert.equal(flag(["--out", "o"], "out", "out"), "o");
        assert.equal(flag(["--out", "--stacks", "s"], "out", "out"), "out");
        assert.equal(flag([], "stack"), undefined);
    });

    it("every command prints its usage and description for --help and exits 0", async () => {
        const said: string[][] = [[], [], [], [], [], []];
        assert.equal(
            validateCommand(["--help"], (l) => said[0].push(l)),
            0,
        );
        assert.equal(await planCommand(["--help"], (l) => said[1].push(l)), 0);
        assert.equal(await pipelineCommand(["--help"], unreachable, (l) => said[2].push(l)), 0);
        assert.equal(await artefactsCommand(["--help"], noOutputs, (l) => said[3].push(l)), 0);
        assert.equal(await docsCommand(["--help"], (l) => said[4].push(l)), 0);
        assert.equal(await statusCommand(["--help"], unreadable, (l) => said[5].push(l)), 0);
        assert.deepEqual(
            said.map((lines) => lines[0]),
            [
                "usage: npm run validate [-- --stacks DIR]",
                "usage: npm run plan [-- --stacks DIR] [--stack NAME] [--out DIR] [--date YYYY-MM-DD] [--tree] [--no-cache]",
                PIPELINE_USAGE,
                "usage: npm run artefacts -- --stack NAME [--out DIR] [--stacks DIR]",
                "usage: npm run docs",
                "usage: npm run status [-- --stacks DIR] [--live] [--warn-days N]",
            ],
        );
        for (const lines of said) assert.equal(lines.length, 2);
    });

    it("every command refuses a wrong command line before doing anything, with the usage", async () => {
        const said: string[] = [];
        assert.equal(
            validateCommand(["--stack", "hub"], (l) => said.push(l)),
            1,
        );
        assert.equal(await planCommand(["--out"], (l) => said.push(l)), 1);
        assert.equal(await pipelineCommand(["up", "--site", "berlin"], unreachable, (l) => said.push(l)), 1);
        assert.equal(await artefactsCommand(["--stack", "site-munich", "--tree"], noOutputs, (l) => said.push(l)), 1);
        assert.equal(await docsCommand(["--out", "x"], (l) => said.push(l)), 1);
        assert.equal(await statusCommand(["--live", "now"], unreadable, (l) => said.push(l)), 1);
        assert.deepEqual(said, [
            "--stack is not a flag of this command; its flags: --stacks, --help",
            '"hub" is not expected here',
            "usage: npm run validate [-- --stacks DIR]",
            "--out needs a value",
            "usage: npm run plan [-- --stacks DIR] [--stack NAME] [--out DIR] [--date YYYY-MM-DD] [--tree] [--no-cache]",
            "--site is not a flag of this command; its flags: --stacks, --sites, --shard, --concurrency, --policy-pack, " +
                "--policy-pack-config, --changed-since, --hub-only, --skip-node-check, --dry-run, --help",
            '"berlin" is not expected here',
            PIPELINE_USAGE,
            "--tree is not a flag of this command; its flags: --stack, --out, --stacks, --help",
            "usage: npm run artefacts -- --stack NAME [--out DIR] [--stacks DIR]",
            "--out is not a flag of this command; its flags: --help",
            '"x" is not expected here',
            "usage: npm run docs",
            '"now" is not expected here',
            "usage: npm run status [-- --stacks DIR] [--live] [--warn-days N]",
        ]);
    });

    it("the build and every benchmark answer --help and refuse any flag before they start", () => {
        const root = path.join(__dirname, "../..");
        const scripts = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts as Record<string, string>;
        const benches = Object.keys(scripts).filter((s) => s.startsWith("bench:"));
        assert.deepEqual(benches, ["bench:plan", "bench:validate", "bench:vpn", "bench:start", "bench:incremental", "bench:patches"]);
        for (const script of ["build", ...benches]) {
            // What `npm run <script> -- <args>` runs: the script with the arguments appended.
            const [node, ...args] = scripts[script].split(" ");
            assert.equal(node, "node", script);
            const run = (extra: string[]) => spawnSync(process.execPath, [...args, ...extra], { cwd: root, encoding: "utf8" });
            const help = run(["--help"]);
            assert.equal(help.status, 0, script + help.stderr);
            assert.equal(help.stdout.split("\n")[0], `usage: npm run ${script}`);
            const wrong = run(["--sites", "5"]);
            assert.equal(wrong.status, 1, script);
            assert.equal(
                wrong.stdout + wrong.stderr,
                `--sites is not a flag of this command; its flags: --help\n"5" is not expected here\nusage: npm run ${script}\n`,
            );
        }
    });
});
