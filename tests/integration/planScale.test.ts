import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generatedStacks, writeGeneratedStacks } from "../../bench/generateStacks";
import { planFiles } from "../../cli/plan/planDigest";
import { Placeholders } from "../../cli/plan/mockEngine";
import { planFolder } from "../../cli/plan/planFolder";
import { loadStackFolder } from "../../cli/stacks/stackFolder";
import { Problems } from "../../components/config/problems";
import { FIXTURE_STACKS } from "../support/fixtures";

const ROOT = path.join(__dirname, "../..");

describe("the plan at scale", function () {
    this.timeout(300000);

    it("plans 60 sites with 128 file descriptors: nothing is held per stack", () => {
        // When each run left the SDK's callback server open, a site kept three descriptors for good:
        // 60 sites need 180, so the plan would stall at about 40 and never finish.
        const dir = writeGeneratedStacks(60);
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-scale-"));
        try {
            const result = spawnSync(
                "bash",
                [
                    "-c",
                    `ulimit -n 128 && exec "${process.execPath}" -r ts-node/register/transpile-only cli/plan.ts ` +
                        `--stacks "${dir}" --out "${out}"`,
                ],
                { cwd: ROOT, encoding: "utf8", timeout: 240000 },
            );
            assert.equal(result.status, 0, `${result.stdout.slice(-2000)}${result.stderr.slice(-2000)}`);
            assert.match(result.stdout, /\[61\/61\] site-\d+ planned, \d+ resources/);
            assert.match(result.stdout, /plan: 61 stacks planned offline/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
            fs.rmSync(out, { recursive: true, force: true });
        }
    });

    // The one thing that differs between two runs: an activation's expiry is "30 days from now".
    const clockless = (files: { path: string; text: string }[]) =>
        files.map((f) => ({ ...f, text: f.text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, "<now + activationDays>") }));

    it("plans the sites on worker threads to the same files, reported in stack order", async () => {
        const files = generatedStacks(5);
        const plan = async (workers: number) => {
            const order: string[] = [];
            const runs = await planFolder(
                files,
                Placeholders.Marked,
                (run, done, total) => order.push(`${done}/${total} ${run.file.stack}`),
                {
                    workers,
                },
            );
            return { order, files: clockless(planFiles(runs, undefined, "2026-12-01")) };
        };
        const [here, three] = [await plan(0), await plan(3)];
        assert.deepEqual(three.order, ["1/6 hub", "2/6 site-0", "3/6 site-1", "4/6 site-2", "5/6 site-3", "6/6 site-4"]);
        assert.deepEqual(three, here);
    });

    it("fails a plan in worker threads with the site's own message", async () => {
        const files = generatedStacks(3);
        const broken = files.find((f) => f.stack === "site-1")!;
        (broken.config["eks-hybrid:site"] as any).podMaskSize = 31;
        const failure = async (workers: number) =>
            planFolder(files, Placeholders.Marked, () => {}, { workers }).then(
                () => assert.fail("planned"),
                (e: Error) => e.message,
            );
        const message = await failure(0);
        assert.match(message, /podMaskSize/);
        assert.equal(await failure(2), message);
    });

    it("writes byte-identical files with the SDK's stack traces and without", async () => {
        for (const files of [loadStackFolder(FIXTURE_STACKS, new Problems()), generatedStacks(3)]) {
            const plan = async (stackTraces: boolean) =>
                planFiles(await planFolder(files, Placeholders.Marked, () => {}, { stackTraces }), undefined, "2026-12-01");
            const [fast, traced] = [clockless(await plan(false)), clockless(await plan(true))];
            assert.ok(fast.length > 10);
            assert.deepEqual(fast, traced);
        }
    });
});
