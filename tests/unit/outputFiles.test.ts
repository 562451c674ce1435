import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { folderComplete, MANIFEST, recoverOutFolder, writeOutputFiles } from "../../cli/files/outputFiles";

const LOOP = path.join(__dirname, "..", "support", "outputWriterLoop.ts");

/** Which generation each stack folder of `out` holds: one number per folder, or a description of what is wrong. */
function generations(out: string): Record<string, string> {
    const result: Record<string, string> = {};
    for (const entry of fs.readdirSync(out).sort()) {
        const dir = path.join(out, entry);
        if (!fs.statSync(dir).isDirectory()) continue;
        if (!folderComplete(dir)) {
            result[entry] = "incomplete";
            continue;
        }
        const files = Object.keys(JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), "utf8")).files);
        const seen = new Set(files.map((f) => fs.readFileSync(path.join(dir, f), "utf8").split("\n")[0]));
        result[entry] = files.length === 20 && seen.size === 1 ? [...seen][0] : `mixed: ${files.length} files, ${[...seen].join(", ")}`;
    }
    return result;
}

describe("out/ written whole: a killed writer leaves each folder complete, old or new", function () {
    this.timeout(180_000);
    let out: string;
    beforeEach(() => (out = fs.mkdtempSync(path.join(os.tmpdir(), "out-kill-"))));
    afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

    it("keeps every stack folder complete through 12 kills at random moments of a write", async () => {
        let first = 0;
        let states = 0;
        for (let kill = 0; kill < 12; kill++) {
            const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", LOOP, out, String(first)], {
                stdio: ["ignore", "pipe", "inherit"],
            });
            let written = "";
            child.stdout.on("data", (d) => (written += d));
            // After the first complete generation, a kill somewhere in a later write.
            await new Promise<void>((resolve) => child.stdout.on("data", () => written.includes("\n") && resolve()));
            await new Promise((r) => setTimeout(r, Math.random() * 250));
            child.kill("SIGKILL");
            await new Promise((r) => child.on("exit", r));
            const before = generations(out);
            // Between its two renames a folder may be absent, its complete old self beside it: the next writer restores it.
            recoverOutFolder(out);
            const after = generations(out);
            for (const [folder, state] of Object.entries(before)) if (!folder.startsWith(".")) assert.equal(after[folder], state);
            assert.equal(Object.keys(after).length, 12, JSON.stringify(after));
            for (const [folder, state] of Object.entries(after)) assert.match(state, /^generation \d+$/, `${folder}: ${state}`);
            states += new Set(Object.values(after)).size;
            first += 1000;
        }
        // The kills did land mid-write: somewhere, folders of two generations side by side.
        assert.ok(states > 12, "every kill fell between two writes; the test proved nothing");
    });

    it("refuses a stack folder named like a top-level file before writing anything", () => {
        assert.throws(
            () =>
                writeOutputFiles(out, [
                    { path: "site-a/README.md", text: "a", secret: false },
                    { path: "cost.md/README.md", text: "b", secret: false },
                    { path: "cost.md", text: "c", secret: false },
                ]),
            { message: `refusing to write "cost.md/README.md": cost.md is also a file of ${out}` },
        );
        assert.deepEqual(fs.readdirSync(out), []);
    });
});
