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

    describe("what a killed writer left behind", () => {
        const folder = (name: string, text: string, manifest = true) => {
            fs.mkdirSync(path.join(out, name));
            fs.writeFileSync(path.join(out, name, "a.txt"), text);
            if (manifest) writeManifest(path.join(out, name));
        };
        /** A manifest as the writer makes one, by writing the folder with it and taking it over. */
        const writeManifest = (dir: string) => {
            const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-"));
            writeOutputFiles(scratch, [{ path: `x/a.txt`, text: fs.readFileSync(path.join(dir, "a.txt"), "utf8"), secret: false }]);
            fs.copyFileSync(path.join(scratch, "x", MANIFEST), path.join(dir, MANIFEST));
            fs.rmSync(scratch, { recursive: true });
        };
        const dead = 2 ** 22 + 12345; // above Linux's default pid_max: no such process

        it("puts the complete new folder into place when the kill came between the two renames", () => {
            folder(`.site-a.new-${dead}`, "new");
            folder(`.site-a.old-${dead}`, "old");
            recoverOutFolder(out);
            assert.deepEqual(fs.readdirSync(out), ["site-a"]);
            assert.equal(fs.readFileSync(path.join(out, "site-a/a.txt"), "utf8"), "new");
        });

        it("puts the old folder back, manifest or not, when the new one was not complete", () => {
            folder(`.site-a.new-${dead}`, "half", false);
            folder(`.site-a.old-${dead}`, "written by an earlier version", false);
            recoverOutFolder(out);
            assert.deepEqual(fs.readdirSync(out), ["site-a"]);
            assert.equal(fs.readFileSync(path.join(out, "site-a/a.txt"), "utf8"), "written by an earlier version");
        });

        it("leaves a running writer's work alone", () => {
            folder(`.site-a.new-${process.ppid}`, "in progress", false);
            recoverOutFolder(out);
            assert.deepEqual(fs.readdirSync(out), [`.site-a.new-${process.ppid}`]);
        });

        it("replaces a dangling symlink where a folder goes", () => {
            fs.symlinkSync("nowhere", path.join(out, "site-a"));
            writeOutputFiles(out, [{ path: "site-a/a.txt", text: "a", secret: false }]);
            assert.equal(fs.lstatSync(path.join(out, "site-a")).isDirectory(), true);
            assert.equal(folderComplete(path.join(out, "site-a")), true);
        });
    });
});
