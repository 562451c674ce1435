import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "../..");

// The launcher in a folder of its own: a command `hello` built (bin/cli/hello.js) and as source
// (cli/hello.ts), each saying which one ran and with which arguments.
describe("cli/launch.js: the build when it is current, else the sources", () => {
    let dir: string;
    const run = () =>
        spawnSync(process.execPath, [path.join(dir, "cli/launch.js"), "hello", "--stacks", "x"], {
            encoding: "utf8",
            env: { ...process.env, NODE_PATH: path.join(ROOT, "node_modules") },
        });
    const at = (file: string, seconds: number) => fs.utimesSync(path.join(dir, file), seconds, seconds);

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "launch-"));
        for (const d of ["cli", "bin/cli", "program", "components"]) fs.mkdirSync(path.join(dir, d), { recursive: true });
        fs.copyFileSync(path.join(ROOT, "cli/launch.js"), path.join(dir, "cli/launch.js"));
        fs.writeFileSync(path.join(dir, "index.ts"), "export {};\n");
        const say = (what: string) => `console.log("${what}", require.main === module, process.argv.slice(2).join(" "));\n`;
        fs.writeFileSync(path.join(dir, "cli/hello.ts"), `const typed: string = "source";\n${say("source").replace('"source"', "typed")}`);
        fs.writeFileSync(path.join(dir, "bin/cli/hello.js"), say("build"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("runs the build as the main module, with the command's arguments, when no source is newer", () => {
        for (const f of ["index.ts", "cli/hello.ts"]) at(f, 1000);
        at("bin/cli/hello.js", 2000);
        const result = run();
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stdout, "build true --stacks x\n");
    });

    it("runs the TypeScript source through ts-node once a source is newer than the build", () => {
        at("cli/hello.ts", 3000);
        const result = run();
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stdout, "source true --stacks x\n");
    });
});
