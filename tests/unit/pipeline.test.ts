import { strict as assert } from "assert";
import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { countChanges } from "../../cli/pipeline/automationWorkspace";
import { PipelineOperation, PipelineWorkspace, resultTable, runPipeline, shardSites, StackOutcome } from "../../cli/pipeline/orchestrator";
import { pipelineCommand, pipelinePlan } from "../../cli/pipeline";
import { SiteNodeLister } from "../../cli/pipeline/siteNodes";
import { StackOutput } from "../../cli/pipeline/stackOutputs";
import { loadStackFolder } from "../../cli/stacks/stackFolder";
import { Problems } from "../../components/config/problems";
import { FIRST_DEPLOYMENT_STACKS, FIXTURE_STACKS, unprotectedFixtureStacks } from "../support/fixtures";

/** A workspace that records when each stack starts and ends, and fails where told. */
class FakeWorkspace implements PipelineWorkspace {
    readonly events: string[] = [];
    inFlight = 0;
    maxInFlight = 0;
    constructor(
        private readonly fail: string[] = [],
        private readonly delayMs = 5,
    ) {}

    /** Outputs of deployed stacks, by stack name (the hub's kubeconfig for the destroy check). */
    stackOutputs: Record<string, Record<string, StackOutput>> = {};

    async ready() {}

    async outputs(stack: string) {
        const outputs = this.stackOutputs[stack];
        if (!outputs) throw new Error(`no stack named '${stack}' found`);
        return outputs;
    }

    async run(stack: string, operation: PipelineOperation, onOutput: (text: string) => void) {
        this.events.push(`start ${stack}`);
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        onOutput(`${operation} of ${stack}\nsecond line\n`);
        await new Promise((r) => setTimeout(r, this.delayMs));
        this.inFlight--;
        this.events.push(`end ${stack}`);
        if (this.fail.includes(stack)) throw new Error(`${stack} broke\ndetail line`);
        return { changes: stack.length };
    }
}

const sites = (n: number) => Array.from({ length: n }, (_, i) => `site-${String(i + 1).padStart(2, "0")}`);
const quiet = () => {};

describe("pipeline orchestration (fake workspace)", () => {
    it("brings the hub up before any site, and runs every site", async () => {
        const ws = new FakeWorkspace();
        const reports = await runPipeline({ operation: PipelineOperation.Up, hubs: ["hub"], sites: sites(5), concurrency: 2 }, ws, quiet);
        assert.deepEqual(ws.events.slice(0, 2), ["start hub", "end hub"]);
        assert.deepEqual(
            reports.map((r) => r.outcome),
            Array(6).fill(StackOutcome.Succeeded),
        );
    });

    it("destroys every site before the hub", async () => {
        const ws = new FakeWorkspace();
        await runPipeline({ operation: PipelineOperation.Destroy, hubs: ["hub"], sites: sites(4), concurrency: 3 }, ws, quiet);
        assert.deepEqual(ws.events.slice(-2), ["start hub", "end hub"]);
        assert.equal(ws.events.filter((e) => e.startsWith("end site")).length, 4);
    });

    it("never runs more sites at once than the bound, and uses the bound", async () => {
        for (const concurrency of [1, 3, 10]) {
            const ws = new FakeWorkspace();
            await runPipeline({ operation: PipelineOperation.Preview, hubs: [], sites: sites(7), concurrency }, ws, quiet);
            assert.equal(ws.maxInFlight, Math.min(concurrency, 7), `concurrency ${concurrency}`);
        }
    });

    it("keeps going when a site fails, reports it and exits 1", async () => {
        const ws = new FakeWorkspace(["site-02"]);
        const lines: string[] = [];
        const { code, reports } = await (async () => {
            const reports = await runPipeline(
                { operation: PipelineOperation.Up, hubs: ["hub"], sites: sites(4), concurrency: 2 },
                ws,
                (l) => lines.push(l),
            );
            return { reports, code: reports.every((r) => r.outcome === StackOutcome.Succeeded) ? 0 : 1 };
        })();
        assert.equal(code, 1);
        assert.deepEqual(reports.map((r) => [r.stack, r.outcome]).sort(), [
            ["hub", "succeeded"],
            ["site-01", "succeeded"],
            ["site-02", "failed"],
            ["site-03", "succeeded"],
            ["site-04", "succeeded"],
        ]);
        assert.ok(lines.includes("[site-02] error: site-02 broke"));
        assert.ok(lines.includes("[site-02] error: detail line"));
        assert.ok(lines.includes("[site-03] up of site-03"));
        assert.ok(lines.includes("[site-03] second line"));
        assert.deepEqual(
            lines.filter((l) => /^\[\d+\/5\]/.test(l)).map((l) => l.split(" ")[0]),
            ["[1/5]", "[2/5]", "[3/5]", "[4/5]", "[5/5]"],
        );
    });

    it("skips the sites when the hub fails to come up, and the hub when a site was not destroyed", async () => {
        const up = await runPipeline(
            { operation: PipelineOperation.Up, hubs: ["hub"], sites: sites(2), concurrency: 2 },
            new FakeWorkspace(["hub"]),
            quiet,
        );
        assert.deepEqual(
            up.map((r) => [r.stack, r.outcome, r.error]),
            [
                ["hub", "failed", "hub broke\ndetail line"],
                ["site-01", "skipped", "hub hub failed"],
                ["site-02", "skipped", "hub hub failed"],
            ],
        );
        const down = await runPipeline(
            { operation: PipelineOperation.Destroy, hubs: ["hub"], sites: sites(2), concurrency: 2 },
            new FakeWorkspace(["site-01"]),
            quiet,
        );
        assert.deepEqual(down.find((r) => r.stack === "hub")!.outcome, "skipped");
    });

    it("prints a final table of stack, result, changes and duration", () => {
        assert.deepEqual(
            resultTable([
                { stack: "hub", outcome: StackOutcome.Succeeded, changes: 52, seconds: 61.25 },
                { stack: "site-munich", outcome: StackOutcome.Failed, changes: 0, seconds: 3 },
            ]),
            [
                "stack        result     changes  duration",
                "hub          succeeded  52       61.3s",
                "site-munich  failed     0        3.0s",
            ],
        );
    });
});

describe("pipeline shards", () => {
    it("partition the sites exactly and do not depend on their order", () => {
        fc.assert(
            fc.property(
                fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 40 }),
                fc.integer({ min: 1, max: 9 }),
                (names, n) => {
                    const shards = Array.from({ length: n }, (_, i) => shardSites(names, `${i + 1}/${n}`));
                    assert.deepEqual(shards.flat().sort(), [...names].sort());
                    assert.deepEqual(shardSites([...names].reverse(), `1/${n}`), shards[0]);
                    assert.ok(Math.max(...shards.map((s) => s.length)) - Math.min(...shards.map((s) => s.length)) <= 1);
                },
            ),
        );
    });

    it("name a bad shard", () => {
        for (const bad of ["0/4", "5/4", "1/0", "one/two"]) {
            assert.throws(() => shardSites(["a"], bad), { message: `--shard ${bad}: expected i/n with 1 <= i <= n, such as 1/4` });
        }
    });
});

describe("npm run pipeline (the command, fake workspace)", () => {
    const files = loadStackFolder(FIXTURE_STACKS, new Problems());

    it("chooses the stacks from the flags", () => {
        assert.deepEqual(pipelinePlan(["up"], files), {
            operation: "up",
            hubs: ["hub"],
            sites: ["site-berlin", "site-munich"],
            concurrency: 4,
        });
        assert.deepEqual(pipelinePlan(["up", "--sites", "munich"], files).hubs, []);
        assert.deepEqual(pipelinePlan(["up", "--sites", "munich"], files).sites, ["site-munich"]);
        assert.deepEqual(pipelinePlan(["destroy", "--shard", "2/2", "--concurrency", "8"], files), {
            operation: "destroy",
            hubs: [],
            sites: ["site-munich"],
            concurrency: 8,
        });
        assert.deepEqual(pipelinePlan(["up", "--hub-only"], files), { operation: "up", hubs: ["hub"], sites: [], concurrency: 4 });
        assert.throws(() => pipelinePlan(["deploy"], files), {
            message:
                '"deploy" is not an operation; usage: npm run pipeline -- preview|up|refresh|destroy [--stacks DIR] ' +
                "[--sites a,b] [--shard i/n] [--hub-only] [--changed-since REF] [--dry-run] [--concurrency N] " +
                "[--skip-node-check] " +
                "[--policy-pack DIR [--policy-pack-config FILE]]",
        });
        assert.throws(() => pipelinePlan(["up", "--concurrency", "0"], files), {
            message: "--concurrency 0: expected a whole number of at least 1",
        });
        assert.throws(() => pipelinePlan(["up", "--sites", "paris"], files), {
            message: "--sites: no site paris among the stacks; sites: berlin, munich",
        });
    });

    it("validates before anything runs", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
        try {
            fs.writeFileSync(path.join(dir, "Pulumi.hub.yaml"), "config:\n  eks-hybrid:kind: spoke\n");
            const ws = new FakeWorkspace();
            const lines: string[] = [];
            assert.equal(
                await pipelineCommand(
                    ["up", "--stacks", dir],
                    () => ws,
                    (l) => lines.push(l),
                ),
                1,
            );
            assert.deepEqual(ws.events, []);
            assert.deepEqual(lines, [
                `${dir}: 1 problem`,
                '  - Pulumi.hub.yaml: eks-hybrid:kind: "spoke" is not valid; use one of: hub, site',
            ]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("runs the example stacks and exits 0, or 1 when a site fails", async () => {
        const lines: string[] = [];
        assert.equal(
            await pipelineCommand(
                ["preview", "--stacks", FIXTURE_STACKS],
                () => new FakeWorkspace(),
                (l) => lines.push(l),
            ),
            0,
        );
        assert.equal(lines[0], "preview: hub, site-berlin, site-munich (sites 4 at a time)");
        assert.match(lines.at(-4)!, /^stack +result +changes +duration$/);
        const failing = new FakeWorkspace(["site-berlin"]);
        assert.equal(await pipelineCommand(["up", "--stacks", FIRST_DEPLOYMENT_STACKS], () => failing, quiet), 1);
        assert.deepEqual(
            failing.events.filter((e) => e.startsWith("end")),
            ["end hub", "end site-berlin", "end site-munich"],
        );
    });

    it("refuses a first deployment nobody can reach, and runs nothing when the hub's outputs cannot be read", async () => {
        const ws = new FakeWorkspace();
        const lines: string[] = [];
        assert.equal(
            await pipelineCommand(
                ["up", "--stacks", FIXTURE_STACKS],
                () => ws,
                (l) => lines.push(l),
            ),
            1,
        );
        assert.deepEqual(ws.events, []);
        assert.match(lines[0], /^hub: a first deployment cannot finish: /);
        assert.equal(lines.at(-1), "nothing was run");
        const broken = new FakeWorkspace();
        broken.outputs = async () => {
            throw new Error("failed to read the backend: 401 Unauthorized\nmore");
        };
        const said: string[] = [];
        assert.equal(
            await pipelineCommand(
                ["up", "--stacks", FIRST_DEPLOYMENT_STACKS],
                () => broken,
                (l) => said.push(l),
            ),
            1,
        );
        assert.deepEqual(broken.events, []);
        assert.deepEqual(said, [
            "hub: its deployed outputs could not be read (failed to read the backend: 401 Unauthorized)",
            "nothing was run",
        ]);
        // A preview applies nothing through the API: not refused.
        assert.equal(await pipelineCommand(["preview", "--stacks", FIXTURE_STACKS], () => new FakeWorkspace(), quiet), 0);
    });

    it("counts changed resources from the Automation API's summaries", () => {
        assert.equal(countChanges({ same: 40, create: 3, update: 2, delete: 1 }), 6);
        assert.equal(countChanges(undefined), 0);
    });
});

describe("pipeline destroy: protection lifted first", () => {
    it("refuses, destroying nothing, every stack whose config still protects its VPN connection or cluster", async () => {
        const ws = new FakeWorkspace();
        const lines: string[] = [];
        const code = await pipelineCommand(
            ["destroy", "--stacks", FIXTURE_STACKS],
            () => ws,
            (l) => lines.push(l),
        );
        assert.equal(code, 1);
        assert.deepEqual(ws.events, []);
        const file = (stack: string) => path.join(FIXTURE_STACKS, `Pulumi.${stack}.yaml`);
        assert.deepEqual(lines, [
            `hub: its EKS cluster is protected; set protect: false under eks-hybrid:hub in ${file("hub")}, run npm run ` +
                "pipeline -- up --hub-only so the state drops the protection, then destroy again",
            `site-berlin: its VPN connection is protected; set protect: false under eks-hybrid:site in ${file("site-berlin")}, ` +
                "run npm run pipeline -- up --sites berlin so the state drops the protection, then destroy again",
            `site-munich: its VPN connection is protected; set protect: false under eks-hybrid:site in ${file("site-munich")}, ` +
                "run npm run pipeline -- up --sites munich so the state drops the protection, then destroy again",
            'nothing was destroyed (docs/site-runbook.md, "Removing a site")',
        ]);
        // Only the chosen stacks are checked; up never is.
        const one: string[] = [];
        assert.equal(
            await pipelineCommand(
                ["destroy", "--stacks", FIXTURE_STACKS, "--sites", "berlin"],
                () => ws,
                (l) => one.push(l),
            ),
            1,
        );
        assert.equal(one.length, 2);
        assert.equal(await pipelineCommand(["up", "--stacks", FIRST_DEPLOYMENT_STACKS], () => ws, quiet), 0);
    });
});

describe("pipeline destroy of a site: its nodes first", () => {
    const KUBECONFIG = "apiVersion: v1\nkind: Config\n";
    const STACKS = unprotectedFixtureStacks();
    let asked: string[];
    const lister =
        (nodes: Record<string, string[]>) =>
        (kubeconfig: string): SiteNodeLister => ({
            readyNodes: async () => {
                throw new Error("not asked on destroy");
            },
            nodesOfSite: async (site) => {
                asked.push(`${kubeconfig === KUBECONFIG ? "hub kubeconfig" : kubeconfig}: ${site}`);
                if (!(site in nodes)) throw new Error("HTTP 403: forbidden");
                return nodes[site];
            },
        });
    const deployedHub = () => {
        const ws = new FakeWorkspace();
        ws.stackOutputs.hub = { kubeconfig: { value: KUBECONFIG, secret: true } };
        return ws;
    };
    const destroy = async (argv: string[], ws: FakeWorkspace, nodes: Record<string, string[]>) => {
        const lines: string[] = [];
        const code = await pipelineCommand(
            ["destroy", "--stacks", STACKS, ...argv],
            () => ws,
            (l) => lines.push(l),
            lister(nodes),
        );
        return { code, lines };
    };
    beforeEach(() => (asked = []));

    it("refuses, destroying nothing, while a site's nodes are registered, and says what to do", async () => {
        const ws = deployedHub();
        const { code, lines } = await destroy(["--sites", "munich,berlin"], ws, { munich: ["munich-1", "munich-2"], berlin: [] });
        assert.equal(code, 1);
        assert.deepEqual(ws.events, []);
        assert.deepEqual(asked, ["hub kubeconfig: berlin", "hub kubeconfig: munich"]);
        assert.deepEqual(lines, [
            "site-munich: 2 nodes of site munich still registered (munich-1, munich-2): per node, kubectl drain " +
                "--ignore-daemonsets <node>, nodeadm uninstall on the host, kubectl delete node <node>; then destroy again",
            'nothing was destroyed (docs/site-runbook.md, "Removing a site")',
        ]);
    });

    it("destroys a site without nodes and says what is left to do by hand", async () => {
        const ws = deployedHub();
        const { code, lines } = await destroy(["--sites", "munich"], ws, { munich: [] });
        assert.equal(code, 0);
        assert.deepEqual(ws.events, ["start site-munich", "end site-munich"]);
        assert.equal(lines[0], "destroy: site-munich (sites 4 at a time)");
        assert.equal(
            lines.at(-1),
            `next for site-munich: delete ${path.join(STACKS, "Pulumi.site-munich.yaml")} and the empty stack ` +
                "(pulumi stack rm site-munich), and stop the site's VPN server (setup.sh stop)",
        );
    });

    it("refuses when the nodes cannot be listed, unless told the cluster is gone", async () => {
        const refused = await destroy(["--sites", "munich"], deployedHub(), {});
        assert.equal(refused.code, 1);
        assert.deepEqual(refused.lines, [
            "site-munich: the nodes of site munich cannot be listed through hub's API (HTTP 403: forbidden); run where that " +
                "API is reachable, or add --skip-node-check if the cluster is gone",
            'nothing was destroyed (docs/site-runbook.md, "Removing a site")',
        ]);
        asked = [];
        const ws = deployedHub();
        assert.equal((await destroy(["--sites", "munich", "--skip-node-check"], ws, {})).code, 0);
        assert.deepEqual(asked, []);
        assert.deepEqual(ws.events, ["start site-munich", "end site-munich"]);
    });

    it("checks nothing for a hub that was never deployed (no kubeconfig output)", async () => {
        const ws = new FakeWorkspace();
        ws.stackOutputs.hub = {};
        assert.equal((await destroy(["--sites", "munich"], ws, {})).code, 0);
        assert.deepEqual(asked, []);
    });
});

describe("pipeline up: coredns once the cluster has a Ready node", () => {
    const KUBECONFIG = "apiVersion: v1\nkind: Config\n";
    let stacks: string;
    beforeEach(() => {
        stacks = fs.mkdtempSync(path.join(os.tmpdir(), "coredns-stacks-"));
        fs.cpSync(FIXTURE_STACKS, stacks, { recursive: true });
    });
    afterEach(() => fs.rmSync(stacks, { recursive: true, force: true }));
    const up = async (
        ready: () => Promise<string[]>,
        outputs: Record<string, StackOutput> = { kubeconfig: { value: KUBECONFIG, secret: true } },
    ) => {
        const ws = new FakeWorkspace();
        ws.stackOutputs.hub = outputs;
        const lines: string[] = [];
        const lister = (): SiteNodeLister => ({ nodesOfSite: async () => [], readyNodes: ready });
        const code = await pipelineCommand(
            ["up", "--stacks", stacks, "--hub-only"],
            () => ws,
            (l) => lines.push(l),
            lister,
        );
        return { code, lines, ws };
    };
    const hubText = () => fs.readFileSync(path.join(stacks, "Pulumi.hub.yaml"), "utf8");

    it("writes coredns: true into the hub's file, comments kept, before the hub's up, and says to commit it", async () => {
        const before = hubText();
        const { code, lines, ws } = await up(async () => ["munich-1", "munich-2"]);
        assert.equal(code, 0);
        assert.ok(
            lines.includes(
                "hub: 2 nodes Ready (munich-1, munich-2): wrote coredns: true under eks-hybrid:hub in " +
                    `${path.join(stacks, "Pulumi.hub.yaml")}, so this up installs coredns; commit that change`,
            ),
            lines.join("\n"),
        );
        assert.ok(lines.indexOf(lines.find((l) => l.startsWith("hub: 2 nodes Ready"))!) < lines.indexOf("[hub] up of hub"));
        const after = hubText();
        for (const comment of before.split("\n").filter((l) => l.trim().startsWith("#"))) assert.ok(after.includes(comment), comment);
        assert.equal(YAML.parse(after).config["eks-hybrid:hub"].coredns, true);
        assert.deepEqual(YAML.parse(after).config["eks-hybrid:hub"], { ...YAML.parse(before).config["eks-hybrid:hub"], coredns: true });
        assert.ok(!lines.some((l) => l.includes("coredns is not installed yet")), "no follow-up asks for it any more");
        assert.deepEqual(ws.events, ["start hub", "end hub"]);
        // The next run finds the file decided and asks nothing.
        const again = await up(async () => {
            throw new Error("not asked");
        });
        assert.equal(again.code, 0);
        assert.ok(!again.lines.some((l) => l.includes("coredns")), again.lines.join("\n"));
    });

    it("leaves the file alone with no Ready node or no kubeconfig to ask with, and says why when the API is out of reach", async () => {
        const before = hubText();
        assert.equal((await up(async () => [])).code, 0);
        // A hub whose outputs hold no kubeconfig (an older deployment): nothing to ask.
        assert.equal((await up(async () => ["x"], { clusterName: { value: "hybrid-prod", secret: false } })).code, 0);
        const unreachable = await up(async () => {
            throw new Error("connect ETIMEDOUT 10.0.1.10:443\nmore");
        });
        assert.equal(unreachable.code, 0);
        assert.ok(
            unreachable.lines.includes(
                "hub: coredns still waits: the cluster's nodes cannot be listed through its API (connect ETIMEDOUT 10.0.1.10:443); " +
                    `run where that API is reachable, or set coredns: true in ${path.join(stacks, "Pulumi.hub.yaml")}`,
            ),
            unreachable.lines.join("\n"),
        );
        assert.equal(hubText(), before);
    });

    it("says so, changing nothing, when the stack file cannot be rewritten", async () => {
        const file = path.join(stacks, "Pulumi.hub.yaml");
        // Valid for the program (an alias resolves), but no key can be set inside an alias.
        const doc = YAML.parse(fs.readFileSync(file, "utf8"));
        fs.writeFileSync(
            file,
            "config:\n  aws:region: eu-central-1\n  eks-hybrid:kind: hub\n" +
                `  aws:shared: &hub ${JSON.stringify(doc.config["eks-hybrid:hub"])}\n  eks-hybrid:hub: *hub\n`,
        );
        const before = hubText();
        const { lines } = await up(async () => ["munich-1"]);
        assert.ok(
            lines.some((l) => l.startsWith(`hub: 1 node Ready (munich-1), but ${file} could not be changed (`)),
            lines.join("\n"),
        );
        assert.equal(hubText(), before);
        assert.deepEqual(
            fs.readdirSync(stacks).filter((f) => f.includes(".new-")),
            [],
        );
    });
});
