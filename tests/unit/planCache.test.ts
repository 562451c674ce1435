import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planCommand } from "../../cli/plan";
import { Placeholders } from "../../cli/plan/mockEngine";
import { CACHE_FOLDER, codeKey, PlanCache } from "../../cli/plan/planCache";
import { PlannedStack } from "../../cli/plan/planDigest";
import { planStacks } from "../../cli/plan/planFolder";
import { StackFile } from "../../cli/stacks/stackFolder";
import { FIXTURE_STACKS, hubFile, siteFile } from "../support/fixtures";

/** Plans on the calling thread with the cache; which stacks were planned, which reused, and the digests. */
async function planWith(files: StackFile[], cache: PlanCache) {
    const planned: string[] = [];
    const reused: string[] = [];
    const digests = new Map<string, PlannedStack>();
    await planStacks(
        files,
        Placeholders.Marked,
        "digest",
        (digest, _done, _total, cached) => {
            (cached ? reused : planned).push(digest.file.stack);
            digests.set(digest.file.stack, digest);
        },
        { cache, workers: 0 },
    );
    return { planned: planned.sort(), reused: reused.sort(), digests };
}

describe("the incremental plan: a stack is re-planned only when its inputs changed", () => {
    let dir: string;
    const cache = (key = "code-1"): PlanCache => ({ dir, codeKey: key });
    const fleet = (hubChange?: (h: any) => void, site1Change?: (s: any) => void) => [
        hubFile(hubChange),
        siteFile(1, site1Change),
        siteFile(2),
    ];
    before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cache-"))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("plans everything into an empty cache, then reuses every digest unchanged", async () => {
        const first = await planWith(fleet(), cache());
        assert.deepEqual(first, { ...first, planned: ["hub", "site1", "site2"], reused: [] });
        const second = await planWith(fleet(), cache());
        assert.deepEqual(second.planned, []);
        assert.deepEqual(second.reused, ["hub", "site1", "site2"]);
        for (const stack of ["hub", "site1", "site2"])
            assert.deepEqual(JSON.parse(JSON.stringify(second.digests.get(stack))), JSON.parse(JSON.stringify(first.digests.get(stack))));
        assert.deepEqual(fs.readdirSync(dir).sort(), ["hub.json", "site1.json", "site2.json"]);
        assert.equal(fs.statSync(path.join(dir, "site1.json")).mode & 0o777, 0o600);
    });

    it("re-plans only the site whose stack file changed", async () => {
        await planWith(fleet(), cache());
        const result = await planWith(
            fleet(undefined, (s) => (s.nodes = { count: 4 })),
            cache(),
        );
        assert.deepEqual([result.planned, result.reused], [["site1"], ["hub", "site2"]]);
    });

    it("re-plans the hub alone when its change leaves its outputs as they were, and its sites too when not", async () => {
        await planWith(fleet(), cache());
        const tagged = await planWith(
            fleet((h) => (h.tags = { team: "platform" })),
            cache(),
        );
        assert.deepEqual([tagged.planned, tagged.reused], [["hub"], ["site1", "site2"]]);
        const renamed = await planWith(
            fleet((h) => (h.clusterName = "hybrid-other")),
            cache(),
        );
        assert.deepEqual([renamed.planned, renamed.reused], [["hub", "site1", "site2"], []]);
    });

    it("trusts nothing cached under another code key (the package, a dependency or the code changed)", async () => {
        const result = await planWith(fleet(), cache("code-2"));
        assert.deepEqual([result.planned, result.reused], [["hub", "site1", "site2"], []]);
    });
});

describe("the plan's code key", () => {
    let root: string;
    const write = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), text);
    };
    before(() => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "code-key-"));
        for (const [rel, text] of Object.entries({
            "package.json": '{"version":"0.1.0"}',
            "package-lock.json": "{}",
            "node_modules/.package-lock.json": '{"packages":{}}',
            "index.ts": "export {};",
            "tsconfig.json": "{}",
            "cli/a.ts": "export {};",
            "components/b.ts": "export const b = 1;",
            "program/c.ts": "export {};",
            "ref/x.yaml": "x: 1",
        }))
            write(rel, text);
    });
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    it("changes with a component, a dependency, the package's version or ref/, and never with a file's time", () => {
        const base = codeKey(root);
        const future = Date.now() / 1000 + 3600;
        fs.utimesSync(path.join(root, "components/b.ts"), future, future);
        assert.equal(codeKey(root), base, "touched only");
        for (const [rel, edited, original] of [
            ["components/b.ts", "export const b = 2;", "export const b = 1;"],
            ["node_modules/.package-lock.json", '{"packages":{"node_modules/x":{"version":"2.0.0"}}}', '{"packages":{}}'],
            ["package-lock.json", '{"lockfileVersion":3}', "{}"],
            ["package.json", '{"version":"0.2.0"}', '{"version":"0.1.0"}'],
            ["ref/x.yaml", "x: 2", "x: 1"],
        ]) {
            write(rel, edited);
            assert.notEqual(codeKey(root), base, rel);
            write(rel, original);
            assert.equal(codeKey(root), base, `${rel} restored`);
        }
        write("components/new.ts", "export {};");
        assert.notEqual(codeKey(root), base, "a new component");
    });
});

describe("npm run plan into an existing out/", () => {
    let stacks: string;
    let out: string;
    const plan = async (...extra: string[]) => {
        const lines: string[] = [];
        const code = await planCommand(["--stacks", stacks, "--out", out, ...extra], (l) => lines.push(l));
        assert.equal(code, 0, lines.join("\n"));
        return lines.filter((l) => /^\[\d+\/\d+\] /.test(l)).map((l) => l.replace(/, \d+ resources$/, ""));
    };
    const identity = (rel: string) => {
        const st = fs.statSync(path.join(out, rel));
        return `${st.ino}:${st.mtimeMs}`;
    };
    before(() => {
        stacks = fs.mkdtempSync(path.join(os.tmpdir(), "plan-stacks-"));
        fs.cpSync(FIXTURE_STACKS, stacks, { recursive: true });
        out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-out-"));
    });
    after(() => {
        fs.rmSync(stacks, { recursive: true, force: true });
        fs.rmSync(out, { recursive: true, force: true });
    });

    it("reuses unchanged stacks and leaves their folders as they are; re-plans a changed one; --no-cache plans all", async () => {
        assert.deepEqual(await plan(), ["[1/3] hub planned", "[2/3] site-berlin planned", "[3/3] site-munich planned"]);
        const berlin = identity("site-berlin/README.md");
        const munich = identity("site-munich/README.md");
        assert.deepEqual(await plan(), ["[1/3] hub unchanged", "[2/3] site-berlin unchanged", "[3/3] site-munich unchanged"]);
        assert.deepEqual([identity("site-berlin/README.md"), identity("site-munich/README.md")], [berlin, munich]);

        const file = path.join(stacks, "Pulumi.site-munich.yaml");
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("nodes: { count: 3 }", "nodes: { count: 4 }"));
        const changed = await plan();
        assert.deepEqual(changed, ["[1/3] hub unchanged", "[2/3] site-berlin unchanged", "[3/3] site-munich planned"]);
        assert.equal(identity("site-berlin/README.md"), berlin);

        const cachedFiles = snapshot(out);
        assert.deepEqual(await plan("--no-cache"), ["[1/3] hub planned", "[2/3] site-berlin planned", "[3/3] site-munich planned"]);
        assert.deepEqual(snapshot(out), cachedFiles, "the same files with and without the cache");
        assert.deepEqual(fs.readdirSync(path.join(out, CACHE_FOLDER)).sort(), ["hub.json", "site-berlin.json", "site-munich.json"]);
    });
});

/** Every file under `dir` but the cache, by path, with its content. */
function snapshot(dir: string, rel = ""): Record<string, string> {
    const files: Record<string, string> = {};
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
        const p = path.posix.join(rel, entry.name);
        if (p === CACHE_FOLDER) continue;
        if (entry.isDirectory()) Object.assign(files, snapshot(dir, p));
        else files[p] = fs.readFileSync(path.join(dir, p), "utf8");
    }
    return files;
}
