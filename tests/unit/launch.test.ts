import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "../..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const freshness = require("../../cli/buildFreshness") as {
    DIGEST_FILE: string;
    beginBuild(root: string): void;
    buildIsCurrent(root: string): boolean;
    sourceDigest(root: string): string;
    writeDigest(root: string): void;
};

// The launcher in a folder of its own: a command `hello` built (bin/cli/hello.js) and as source
// (cli/hello.ts), each saying which one ran and with which arguments.
describe("cli/launch.js: the build when it was made from the current sources, else the sources", () => {
    let dir: string;
    const run = () =>
        spawnSync(process.execPath, [path.join(dir, "cli/launch.js"), "hello", "--stacks", "x"], {
            encoding: "utf8",
            env: { ...process.env, NODE_PATH: path.join(ROOT, "node_modules") },
        });
    const say = (what: string) => `console.log("${what}", require.main === module, process.argv.slice(2).join(" "));\n`;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "launch-"));
        for (const d of ["cli", "bin/cli", "program", "components"]) fs.mkdirSync(path.join(dir, d), { recursive: true });
        for (const f of ["cli/launch.js", "cli/buildFreshness.js"]) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
        fs.writeFileSync(path.join(dir, "index.ts"), "export {};\n");
        fs.writeFileSync(path.join(dir, "tsconfig.json"), "{}\n");
        fs.writeFileSync(path.join(dir, "cli/hello.ts"), `const typed: string = "source";\n${say("source").replace('"source"', "typed")}`);
        fs.writeFileSync(path.join(dir, "bin/cli/hello.js"), say("build"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("runs the TypeScript source through ts-node while the build has recorded no digest", () => {
        assert.equal(freshness.buildIsCurrent(dir), false);
        const result = run();
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stdout, "source true --stacks x\n");
    });

    it("runs the build as the main module, with the command's arguments, once it records the sources' digest", () => {
        freshness.writeDigest(dir);
        assert.equal(fs.readFileSync(path.join(dir, freshness.DIGEST_FILE), "utf8"), `${freshness.sourceDigest(dir)}\n`);
        const result = run();
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stdout, "build true --stacks x\n");
    });

    it("keeps to the build when a source is only touched: content decides, not time", () => {
        const future = Date.now() / 1000 + 3600;
        fs.utimesSync(path.join(dir, "cli/hello.ts"), future, future);
        assert.equal(run().stdout, "build true --stacks x\n");
    });

    it("never takes a build that began and did not finish, nor one made while a source changed", () => {
        freshness.writeDigest(dir);
        assert.equal(freshness.buildIsCurrent(dir), true);
        // npm run build: begin, then tsc fails (its partial output in bin/), so write never runs.
        freshness.beginBuild(dir);
        assert.equal(freshness.buildIsCurrent(dir), false);
        assert.equal(run().stdout, "source true --stacks x\n");
        // A source edited while tsc ran: the digest recorded is the one taken before.
        freshness.beginBuild(dir);
        fs.appendFileSync(path.join(dir, "cli/hello.ts"), "// edited during the build\n");
        freshness.writeDigest(dir);
        assert.equal(freshness.buildIsCurrent(dir), false);
    });

    it("runs the source once any source's content changes, a new file or a tsconfig included", () => {
        const digest = freshness.sourceDigest(dir);
        fs.appendFileSync(path.join(dir, "cli/hello.ts"), "// edited\n");
        assert.equal(run().stdout, "source true --stacks x\n");
        freshness.writeDigest(dir);
        fs.writeFileSync(path.join(dir, "components/added.ts"), "export {};\n");
        assert.equal(freshness.buildIsCurrent(dir), false);
        fs.rmSync(path.join(dir, "components/added.ts"));
        assert.equal(freshness.buildIsCurrent(dir), true);
        fs.writeFileSync(path.join(dir, "tsconfig.json"), '{ "compilerOptions": { "target": "es2020" } }\n');
        assert.equal(freshness.buildIsCurrent(dir), false);
        assert.notEqual(freshness.sourceDigest(dir), digest);
    });
});
