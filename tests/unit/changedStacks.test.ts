import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pipelineCommand } from "../../cli/pipeline";
import { PipelineWorkspace } from "../../cli/pipeline/orchestrator";
import { FIXTURE_STACKS, unprotectedFixtureStacks } from "../support/fixtures";

/** A deployment repository as a fleet keeps one: the package's code, its docs and stacks/, one commit. */
function fleetRepository(): string {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-repo-"));
    fs.cpSync(FIXTURE_STACKS, path.join(repo, "stacks"), { recursive: true });
    fs.mkdirSync(path.join(repo, "components"));
    fs.writeFileSync(path.join(repo, "components/site.ts"), "export const site = 1;\n");
    fs.mkdirSync(path.join(repo, "docs"));
    fs.writeFileSync(path.join(repo, "docs/runbook.md"), "# runbook\n");
    git(repo, "init", "-q", "-b", "main");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "fleet");
    return repo;
}

function git(repo: string, ...args: string[]): string {
    return execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", ...args], { cwd: repo, encoding: "utf8" });
}

/** A workspace that must never be reached: a dry run needs no Pulumi CLI. */
const unreachable: () => PipelineWorkspace = () => {
    throw new Error("the dry run reached the workspace");
};

async function dryRun(repo: string, operation = "up", extra: string[] = []) {
    const lines: string[] = [];
    const code = await pipelineCommand(
        [operation, "--stacks", path.join(repo, "stacks"), "--changed-since", "HEAD", "--dry-run", ...extra],
        unreachable,
        (l) => lines.push(l),
    );
    return { code, lines: lines.filter((l) => !/^stacks\/?.*: \d+ stacks? valid|valid$/.test(l)) };
}

const append = (file: string, text: string) => fs.appendFileSync(file, text);

describe("npm run pipeline -- … --changed-since REF --dry-run: only what a change touches, nothing run", function () {
    this.timeout(60000);
    let repo: string;
    beforeEach(() => (repo = fleetRepository()));
    afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));
    const tail = (lines: string[]) => lines.slice(lines.findIndex((l) => l.startsWith("changed since")));

    it("runs nothing when nothing changed", async () => {
        const { code, lines } = await dryRun(repo);
        assert.equal(code, 0);
        assert.deepEqual(tail(lines), ["changed since HEAD: no stack", "up, dry run (nothing runs):", "no stacks to run"]);
    });

    it("runs one site when only its stack file changed", async () => {
        append(path.join(repo, "stacks/Pulumi.site-munich.yaml"), "# a comment\n");
        assert.deepEqual(tail((await dryRun(repo)).lines), [
            "changed since HEAD: site-munich",
            "  site-munich: Pulumi.site-munich.yaml changed",
            "up, dry run (nothing runs):",
            "round 1, sites, 4 at a time: site-munich",
        ]);
    });

    it("runs the hub, then every site of it, when the hub's file changed", async () => {
        append(path.join(repo, "stacks/Pulumi.hub.yaml"), "# a comment\n");
        assert.deepEqual(tail((await dryRun(repo)).lines), [
            "changed since HEAD: hub, site-berlin, site-munich",
            "  hub: Pulumi.hub.yaml changed",
            "  site-berlin: its hub's Pulumi.hub.yaml changed",
            "  site-munich: its hub's Pulumi.hub.yaml changed",
            "up, dry run (nothing runs):",
            "round 1, hubs: hub",
            "round 2, sites, 4 at a time: site-berlin, site-munich",
        ]);
    });

    it("runs everything when the package's code changed, and nothing more for its docs", async () => {
        append(path.join(repo, "docs/runbook.md"), "more\n");
        assert.deepEqual(tail((await dryRun(repo)).lines).slice(0, 1), ["changed since HEAD: no stack"]);
        append(path.join(repo, "components/site.ts"), "export const more = 2;\n");
        assert.deepEqual(tail((await dryRun(repo, "preview", ["--concurrency", "2"])).lines), [
            "changed since HEAD: hub, site-berlin, site-munich",
            "  hub: the package's code changed (components/site.ts)",
            "  site-berlin: the package's code changed (components/site.ts)",
            "  site-munich: the package's code changed (components/site.ts)",
            "preview, dry run (nothing runs):",
            "round 1, hubs: hub",
            "round 2, sites, 2 at a time: site-berlin, site-munich",
        ]);
    });

    it("counts a committed change since an older ref, and a new site's file not yet committed", async () => {
        const base = git(repo, "rev-parse", "HEAD").trim();
        append(path.join(repo, "stacks/Pulumi.site-berlin.yaml"), "# reviewed\n");
        git(repo, "commit", "-q", "-am", "berlin");
        const munich = fs.readFileSync(path.join(repo, "stacks/Pulumi.site-munich.yaml"), "utf8");
        const paris = munich
            .replace(/name: munich/, "name: paris")
            .replace(/10\.80\.1\./g, "10.80.9.")
            .replace(/10\.96\.1\./g, "10.96.9.")
            .replace(/203\.0\.113\.10/g, "203.0.113.90")
            .replace(/169\.254\.10\./g, "169.254.90.");
        fs.writeFileSync(path.join(repo, "stacks/Pulumi.site-paris.yaml"), paris);
        const lines: string[] = [];
        const code = await pipelineCommand(
            ["up", "--stacks", path.join(repo, "stacks"), "--changed-since", base, "--dry-run"],
            unreachable,
            (l) => lines.push(l),
        );
        assert.equal(code, 0, lines.join("\n"));
        assert.deepEqual(tail(lines).slice(-1), ["round 1, sites, 4 at a time: site-berlin, site-paris"]);
    });

    it("destroys in the other order, and refuses an unknown ref naming it", async () => {
        const stacks = unprotectedFixtureStacks();
        fs.rmSync(path.join(repo, "stacks"), { recursive: true });
        fs.cpSync(stacks, path.join(repo, "stacks"), { recursive: true });
        git(repo, "commit", "-q", "-am", "unprotected");
        append(path.join(repo, "stacks/Pulumi.hub.yaml"), "# going\n");
        assert.deepEqual(tail((await dryRun(repo, "destroy")).lines).slice(-2), [
            "round 1, sites, 4 at a time: site-berlin, site-munich",
            "round 2, hubs: hub",
        ]);
        const lines: string[] = [];
        const code = await pipelineCommand(
            ["up", "--stacks", path.join(repo, "stacks"), "--changed-since", "no-such-branch", "--dry-run"],
            unreachable,
            (l) => lines.push(l),
        );
        assert.equal(code, 1);
        assert.equal(lines.at(-1), `--changed-since no-such-branch: no such commit, branch or tag in ${fs.realpathSync(repo)}`);
    });
});
