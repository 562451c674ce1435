import { strict as assert } from "assert";
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import Module from "module";
import * as os from "os";
import * as path from "path";
import { MockCloud } from "../support/mockCloud";

const ROOT = path.join(__dirname, "../..");
const SCAFFOLD = path.join(ROOT, "examples/typescript");
const EXAMPLE = path.join(SCAFFOLD, "index.ts");
const HARNESS = path.join(ROOT, "tests/fixtures/consumer/run.js");

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
    const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} in ${cwd} failed:\n${result.stdout}\n${result.stderr}`);
    return result;
}

/** The example program, run from the sources: `eks-hybrid-sites` resolves to this repository's index.ts. */
function requireExampleFromSources(): unknown {
    const loader = Module as any;
    const resolve = loader._resolveFilename;
    loader._resolveFilename = function (request: string, ...rest: unknown[]) {
        return resolve.call(this, request === "eks-hybrid-sites" ? path.join(ROOT, "index.ts") : request, ...rest);
    };
    try {
        // A program is a module run for its side effects; require is how Pulumi loads it too.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(EXAMPLE);
    } finally {
        loader._resolveFilename = resolve;
    }
}

interface ConsumerRun {
    resources: string[];
    vpnGatewayId: string;
    hubGatewayId: string;
    clusterName: string;
    tunnelAddresses: string[];
}

// What another repository does with the package: `npm pack` (which builds it), install the tarball
// as a dependency of a fresh project, compile a TypeScript program against its declarations and
// run it under Pulumi's own mocks.
describe("the package, packed and installed into another project", function () {
    this.timeout(600000);
    let work: string;
    let files: string[];
    let consumer: ConsumerRun;
    let scaffold: string;

    before(() => {
        work = fs.mkdtempSync(path.join(os.tmpdir(), "eks-hybrid-sites-consumer-"));
        const packed = run("npm", ["pack", "--silent", "--pack-destination", work], ROOT).stdout.trim().split("\n").pop()!;
        const tarball = path.join(work, packed);
        files = run("tar", ["tzf", tarball], work)
            .stdout.trim()
            .split("\n")
            .map((f) => f.replace(/^package\//, ""));

        // The consumer scaffold as a user copies it, the package from the tarball instead of the registry.
        const project = path.join(work, "project");
        fs.cpSync(SCAFFOLD, project, { recursive: true });
        const manifest = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8"));
        manifest.dependencies["eks-hybrid-sites"] = `file:${tarball}`;
        fs.writeFileSync(path.join(project, "package.json"), JSON.stringify(manifest, null, 2));
        run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], project);
        fs.copyFileSync(HARNESS, path.join(project, "run.js"));
        run(process.execPath, [path.join(project, "node_modules/typescript/bin/tsc"), "-p", "."], project);
        scaffold = project;
        consumer = JSON.parse(run(process.execPath, ["run.js", "js/index.js"], project).stdout);
    });

    after(() => fs.rmSync(work, { recursive: true, force: true }));

    it("ships the build, its declarations, the reference files it reads and the policy pack, and no other sources", () => {
        const top = [...new Set(files.map((f) => f.split("/")[0]))].sort();
        assert.deepEqual(top, [
            "CHANGELOG.md",
            "LICENSE",
            "PulumiPlugin.yaml",
            "README.md",
            "bin",
            "docs",
            "package.json",
            "policy",
            "ref",
        ]);
        // The CLI runs a policy pack from its sources (ts-node in the pack's folder).
        assert.deepEqual(files.filter((f) => f.startsWith("policy/")).sort(), [
            "policy/PulumiPolicy.yaml",
            "policy/index.ts",
            "policy/package.json",
            "policy/policies.ts",
            "policy/tsconfig.json",
        ]);
        assert.deepEqual([...new Set(files.filter((f) => f.startsWith("bin/")).map((f) => f.split("/")[1]))].sort(), [
            "components",
            "index.d.ts",
            "index.js",
        ]);
        assert.deepEqual(
            files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.startsWith("policy/")),
            [],
        );
        const js = files.filter((f) => f.endsWith(".js"));
        assert.deepEqual(
            js.filter((f) => !files.includes(f.replace(/\.js$/, ".d.ts"))),
            [],
        );
        assert.ok(files.includes("ref/cilium-1.18/values.schema.json"));
    });

    it("ships every document the README links to, and the component reference", () => {
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        const linked = [...readme.matchAll(/\]\(((?:docs\/|CHANGELOG|LICENSE)[^)#\s]*)/g)].map((m) => m[1]);
        assert.ok(linked.length > 0);
        assert.deepEqual(
            linked.filter((f) => !files.includes(f)),
            [],
        );
        assert.ok(files.includes("docs/components.md"));
    });

    it("runs the consumer scaffold's own unit test (examples/typescript: npm test) against the installed package", () => {
        const test = run("npm", ["test"], scaffold);
        assert.match(test.stdout, /\n\s*2 passing/);
    });

    it("registers, installed, exactly what the sources register for the same program", async () => {
        const { cloud } = await MockCloud.run(requireExampleFromSources);
        assert.deepEqual(consumer.resources, cloud.inventory());
        for (const component of ["eks-hybrid-sites:index:Hub hub", "eks-hybrid-sites:index:Site munich"]) {
            assert.ok(consumer.resources.includes(component), component);
        }
    });

    it("wires the site's VPN to the hub's gateway and exports the program's outputs", () => {
        assert.equal(consumer.hubGatewayId, "hub-network-vgw-id");
        assert.equal(consumer.vpnGatewayId, consumer.hubGatewayId);
        assert.equal(consumer.clusterName, "hybrid-prod");
        assert.deepEqual(consumer.tunnelAddresses, ["198.18.0.1", "198.18.0.2"]);
    });
});
