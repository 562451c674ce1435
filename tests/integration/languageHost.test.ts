import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { FIXTURE_STACKS } from "../support/fixtures";
import { startProgram } from "../support/languageHost";

const ROOT = path.join(__dirname, "../..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildIsCurrent } = require("../../cli/buildFreshness") as { buildIsCurrent(root: string): boolean };

const STALE_NOTE =
    "eks-hybrid: bin/ was not built from the current sources; running the sources through ts-node " +
    "(slower to start). `npm run build` makes the next run start from the build.\n";

const hubConfig = Object.fromEntries(
    Object.entries<unknown>(YAML.parse(fs.readFileSync(path.join(FIXTURE_STACKS, "Pulumi.hub.yaml"), "utf8")).config).map(([k, v]) => [
        k,
        typeof v === "string" ? v : JSON.stringify(v),
    ]),
);

// The project copied to a folder of its own (its node_modules linked), the build with it: what a
// user has after `npm ci`. Started as `pulumi preview` starts it, through Pulumi's language host
// path (`@pulumi/pulumi/cmd/run` with Pulumi.yaml's options), against a stand-in engine.
describe("pulumi up's program start (Pulumi.yaml main: program/main.js)", function () {
    this.timeout(240000);
    let dir: string;
    const HUB_SOURCE = "components/hub/hub.ts";
    const HUB_BUILT = "bin/components/hub/hub.js";

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "language-host-"));
        for (const f of ["index.ts", "package.json", "Pulumi.yaml", "tsconfig.json", "tsconfig.build.json"])
            fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
        for (const d of ["cli", "components", "program", "ref", "bin"])
            fs.cpSync(path.join(ROOT, d), path.join(dir, d), { recursive: true });
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
        // A checkout edited since its last build: the copy is built as `npm ci` would have.
        if (!buildIsCurrent(dir)) {
            const build = spawnSync("npm", ["run", "-s", "build"], { cwd: dir, encoding: "utf8" });
            assert.equal(build.status, 0, build.stdout + build.stderr);
        }
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("starts the compiled program when bin/ was built from the current sources: no ts-node, no note", async () => {
        // Marks which copy of the Hub's module ran, without changing a source.
        fs.appendFileSync(path.join(dir, HUB_BUILT), '\nprocess.stdout.write("hub module: build\\n");\n');
        assert.equal(buildIsCurrent(dir), true);
        const start = await startProgram(dir, "hub", hubConfig);
        assert.equal(start.firstType, "eks-hybrid-sites:index:Hub");
        assert.equal(start.stdout, "hub module: build\n");
        assert.equal(start.stderr, "");
    });

    it("runs an edited component as edited, through ts-node, and says the build is stale", async () => {
        fs.appendFileSync(path.join(dir, HUB_SOURCE), '\nprocess.stdout.write("hub module: source\\n");\n');
        const start = await startProgram(dir, "hub", hubConfig);
        assert.equal(start.firstType, "eks-hybrid-sites:index:Hub");
        assert.equal(start.stdout, "hub module: source\n");
        assert.equal(start.stderr, STALE_NOTE);
    });
});
