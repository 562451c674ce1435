import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "../..");

/** Every .ts file under `dir`, relative to the repository. */
function sources(dir: string): string[] {
    return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
        const rel = path.posix.join(dir, e.name);
        if (e.isDirectory()) return sources(rel);
        return e.name.endsWith(".ts") ? [rel] : [];
    });
}

/** The repository files a source file imports (relative imports only, type-only ones included). */
function imports(file: string): string[] {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    const specs = [...text.matchAll(/(?:from|import|require\()\s*["'](\.[^"']+)["']/g)].map((m) => m[1]);
    return specs.map((spec) => {
        const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
        for (const candidate of [`${base}.ts`, `${base}/index.ts`]) if (fs.existsSync(path.join(ROOT, candidate))) return candidate;
        return base;
    });
}

/** The cycles of a graph (one per strongly connected component of more than one node, or a self-loop). */
function cycles(graph: Map<string, Set<string>>): string[][] {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const found: string[][] = [];
    let next = 0;
    const visit = (v: string) => {
        index.set(v, next);
        low.set(v, next++);
        stack.push(v);
        onStack.add(v);
        for (const w of graph.get(v) ?? []) {
            if (!index.has(w)) {
                visit(w);
                low.set(v, Math.min(low.get(v)!, low.get(w)!));
            } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        }
        if (low.get(v) === index.get(v)) {
            const component: string[] = [];
            let w: string;
            do {
                w = stack.pop()!;
                onStack.delete(w);
                component.push(w);
            } while (w !== v);
            if (component.length > 1 || graph.get(v)?.has(v)) found.push(component.sort());
        }
    };
    for (const v of graph.keys()) if (!index.has(v)) visit(v);
    return found;
}

describe("architecture: dependencies point one way", () => {
    const files = [...sources("components"), ...sources("program"), ...sources("cli")];
    const graph = new Map(files.map((f) => [f, new Set(imports(f))]));

    it("has no import cycle between files", () => {
        assert.deepEqual(cycles(graph), []);
    });

    it("has no import cycle between the folders of components/", () => {
        const folder = (f: string) => path.posix.dirname(f);
        const folders = new Map<string, Set<string>>();
        for (const [file, targets] of graph) {
            if (!file.startsWith("components/")) continue;
            const from = folder(file);
            if (!folders.has(from)) folders.set(from, new Set());
            for (const t of targets) if (t.startsWith("components/") && folder(t) !== from) folders.get(from)!.add(folder(t));
        }
        assert.deepEqual(cycles(folders), []);
    });

    it("ships in components/ only what the package's entry reaches: plan-only code lives under cli/", () => {
        // What index.ts (the package's main) does not reach through components/ ships unused in the package.
        const reached = new Set<string>();
        const visit = (f: string) => {
            if (reached.has(f) || !f.startsWith("components/")) return;
            reached.add(f);
            for (const t of graph.get(f) ?? []) visit(t);
        };
        for (const t of imports("index.ts")) visit(t);
        assert.deepEqual(
            sources("components").filter((f) => !reached.has(f)),
            [],
        );
    });

    it("keeps components/ free of the program and the CLI, and the program free of the CLI", () => {
        const wrong = [...graph].flatMap(([file, targets]) =>
            [...targets]
                .filter(
                    (t) =>
                        (file.startsWith("components/") && !t.startsWith("components/")) ||
                        (file.startsWith("program/") && t.startsWith("cli/")),
                )
                .map((t) => `${file} -> ${t}`),
        );
        assert.deepEqual(wrong, []);
    });

    it("runs npm run validate without loading a cloud SDK", () => {
        const script = [
            'const { validateCommand } = require("./cli/validate");',
            'const code = validateCommand(["--stacks", "tests/fixtures/stacks"], () => {});',
            "const loaded = Object.keys(require.cache).filter((k) => /node_modules[\\\\/]@pulumi[\\\\/]/.test(k));",
            "console.log(JSON.stringify({ code, loaded }));",
        ].join("\n");
        const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: ROOT, encoding: "utf8" });
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(JSON.parse(run.stdout), { code: 0, loaded: [] });
    });

    it("names no file outside the repository, and every relative link of the docs resolves", () => {
        const listed = spawnSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
            cwd: ROOT,
            encoding: "utf8",
        }).stdout.split("\n");
        const text = listed.filter(
            (f) =>
                /\.(ts|md|ya?ml|json|sh)$/.test(f) &&
                !f.startsWith("ref/") &&
                f !== "package-lock.json" &&
                fs.existsSync(path.join(ROOT, f)),
        );
        const outside = text.filter((f) =>
            /(\.\.\/)+shared\b|\bshared\/(ref|DESIGN\.md|CONFIG\.md|LAB-NOTES\.md)/.test(fs.readFileSync(path.join(ROOT, f), "utf8")),
        );
        assert.deepEqual(outside, []);
        const broken = text
            .filter((f) => f.endsWith(".md"))
            .flatMap((f) =>
                [...fs.readFileSync(path.join(ROOT, f), "utf8").matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
                    .map((m) => m[1])
                    .filter((link) => !/^[a-z]+:/.test(link) && !fs.existsSync(path.join(ROOT, path.dirname(f), link)))
                    .map((link) => `${f}: ${link}`),
            );
        assert.deepEqual(broken, []);
    });

    it("keeps the tests off stacks/, which belongs to the user: they use tests/fixtures/stacks", () => {
        const readers = sources("tests").filter((f) =>
            /["'`](\.\.\/)+stacks\b|ROOT, ["']stacks/.test(fs.readFileSync(path.join(ROOT, f), "utf8")),
        );
        assert.deepEqual(readers, []);
    });
});
