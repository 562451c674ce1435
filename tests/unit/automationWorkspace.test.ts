import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { hubFollowUps, pipelineCommand } from "../../cli/pipeline";
import { loadStackFolder } from "../../cli/stacks/stackFolder";
import { Problems } from "../../components/config/problems";
import {
    AutomationProject,
    AutomationStack,
    AutomationWorkspace,
    cliVersionProblem,
    localProject,
    MINIMUM_PULUMI_CLI,
    OperationOptions,
    PULUMI_CLI_MISSING,
} from "../../cli/pipeline/automationWorkspace";
import { FIRST_DEPLOYMENT_STACKS, FIXTURE_STACKS, unprotectedFixtureStacks } from "../support/fixtures";

/** A Pulumi backend in memory: stacks created on demand, each operation recorded with the config it was given. */
class FakeProject implements AutomationProject {
    readonly stacks = new Map<string, AutomationStack>();
    /** `<operation> <stack>` and the config each operation read from its file. */
    readonly calls: { call: string; config?: Record<string, unknown>; policy?: string[] }[] = [];

    constructor(existing: string[] = []) {
        for (const name of existing) this.stacks.set(name, this.stack(name));
    }

    async selectStack(name: string) {
        return this.stacks.get(name);
    }

    async createStack(name: string) {
        assert.equal(this.stacks.has(name), false, `${name} created twice`);
        this.calls.push({ call: `create ${name}` });
        const stack = this.stack(name);
        this.stacks.set(name, stack);
        return stack;
    }

    private stack(name: string): AutomationStack {
        const record = (operation: string, options: OperationOptions) => {
            const config = YAML.parse(fs.readFileSync(options.configFile, "utf8")).config;
            const policy = [...(options.policyPacks ?? []), ...(options.policyPackConfigs ?? [])];
            this.calls.push({ call: `${operation} ${name}`, config, ...(policy.length > 0 ? { policy } : {}) });
            options.onOutput(`${operation} of ${name}\n`);
        };
        const summary = { resourceChanges: { create: 2, same: 5 } };
        return {
            preview: async (o) => (record("preview", o), { changeSummary: { create: 2, same: 5 } }),
            up: async (o) => (record("up", o), { summary }),
            refresh: async (o) => (record("refresh", o), { summary }),
            destroy: async (o) => (record("destroy", o), { summary }),
            outputs: async () => ({ clusterName: { value: "hybrid-prod", secret: false } }),
            history: async () => [{ endTime: new Date("2026-11-30T08:00:00Z"), result: "succeeded" }],
        };
    }
}

const fixtureConfig = (stack: string, dir = FIXTURE_STACKS) =>
    YAML.parse(fs.readFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "utf8")).config;

describe("pipeline on the Automation API (fake project)", () => {
    it("creates the stacks that do not exist yet with their files' config, and says which", async () => {
        const project = new FakeProject();
        const lines: string[] = [];
        const code = await pipelineCommand(
            ["up", "--stacks", FIRST_DEPLOYMENT_STACKS, "--concurrency", "1"],
            (dir) => new AutomationWorkspace(dir, async () => project),
            (l) => lines.push(l),
        );
        assert.equal(code, 0);
        assert.deepEqual(
            project.calls.map((c) => c.call),
            ["create hub", "up hub", "create site-berlin", "up site-berlin", "create site-munich", "up site-munich"],
        );
        for (const { call, config } of project.calls.filter((c) => c.call.startsWith("up "))) {
            assert.deepEqual(config, fixtureConfig(call.slice(3), FIRST_DEPLOYMENT_STACKS), call);
        }
        assert.equal(lines.filter((l) => /^\[\d\/3\]/.test(l)).length, 3);
        assert.match(
            lines.find((l) => l.startsWith("[1/3]"))!,
            /^\[1\/3\] hub: succeeded \(created, 2 changes, \d+\.\ds\)$/,
        );
        assert.equal(lines.at(-2), "created stacks: hub, site-berlin, site-munich");
        assert.equal(
            lines.at(-1),
            "next for hub: the hub and its sites applied no Kubernetes objects (kubernetesObjects: false). 1) the sites' VPNs " +
                "come with npm run pipeline -- up (done when this run included the sites); 2) a site team applies its VPN server " +
                "and router files (npm run artefacts -- --stack site-<name>, site runbook steps 4.1 and 4.2, not the nodes yet) " +
                "and forwards the cluster's endpoint name to the hub's resolverInboundIps; 3) from a machine on that site's node " +
                "network (or inside the VPC), set kubernetesObjects: true under eks-hybrid:hub in " +
                `${path.join(FIRST_DEPLOYMENT_STACKS, "Pulumi.hub.yaml")} and run npm run pipeline -- up; 4) then the site's ` +
                "nodes join (nodeadm init); see docs/real-account.md#a-private-clusters-first-deployment",
        );
    });

    it("asks for no coredns step once the hub turns it on or runs cloud nodes", () => {
        const hub = loadStackFolder(FIXTURE_STACKS, new Problems()).find((f) => f.stack === "hub")!;
        const withHub = (extra: Record<string, unknown>) => [
            { ...hub, config: { ...hub.config, "eks-hybrid:hub": { ...(hub.config["eks-hybrid:hub"] as object), ...extra } } },
        ];
        assert.equal(hubFollowUps([hub], "stacks").length, 1);
        assert.deepEqual(hubFollowUps(withHub({ coredns: true }), "stacks"), []);
        assert.deepEqual(hubFollowUps(withHub({ coredns: false }), "stacks"), []);
        assert.deepEqual(hubFollowUps(withHub({ cloudNodeGroup: { instanceTypes: ["m6i.large"] } }), "stacks"), []);
    });

    it("selects stacks that exist and creates only the new site", async () => {
        const project = new FakeProject(["hub", "site-berlin"]);
        const lines: string[] = [];
        await pipelineCommand(
            ["preview", "--stacks", FIXTURE_STACKS],
            (dir) => new AutomationWorkspace(dir, async () => project),
            (l) => lines.push(l),
        );
        assert.deepEqual(project.calls.map((c) => c.call).sort(), [
            "create site-munich",
            "preview hub",
            "preview site-berlin",
            "preview site-munich",
        ]);
        assert.equal(lines.at(-1), "created stacks: site-munich");
    });

    it("never creates a stack to refresh or destroy it", async () => {
        const project = new FakeProject(["hub", "site-berlin"]);
        const lines: string[] = [];
        const code = await pipelineCommand(
            ["destroy", "--stacks", unprotectedFixtureStacks()],
            (dir) => new AutomationWorkspace(dir, async () => project),
            (l) => lines.push(l),
        );
        assert.equal(code, 1);
        assert.deepEqual(
            project.calls.map((c) => c.call),
            ["destroy site-berlin"],
        );
        assert.ok(lines.includes("[site-munich] error: stack site-munich does not exist: nothing to destroy"), lines.join("\n"));
        assert.ok(lines.includes("[3/3] hub: skipped (a site was not destroyed)"), lines.join("\n"));
    });

    it("runs the policy pack of --policy-pack, with its config, in every preview and up", async () => {
        const project = new FakeProject();
        const pack = path.join(__dirname, "../../policy");
        const config = path.join(os.tmpdir(), "policy-config.json");
        fs.writeFileSync(config, JSON.stringify({ "eks-hybrid-owner-tags": { requiredTags: ["cost-center"] } }));
        const code = await pipelineCommand(
            ["preview", "--stacks", FIXTURE_STACKS, "--sites", "munich", "--policy-pack", pack, "--policy-pack-config", config],
            (dir, policy) => new AutomationWorkspace(dir, async () => project, policy),
            () => {},
        );
        assert.equal(code, 0);
        assert.deepEqual(
            project.calls.filter((c) => c.call.startsWith("preview")),
            [{ call: "preview site-munich", config: fixtureConfig("site-munich"), policy: [pack, config] }],
        );
    });

    it("refuses a --policy-pack that is no pack, a config without a pack, and a pack for refresh or destroy", async () => {
        const run = async (argv: string[]) => {
            const lines: string[] = [];
            const project = new FakeProject();
            const code = await pipelineCommand(
                [...argv, "--stacks", FIXTURE_STACKS],
                (dir, policy) => new AutomationWorkspace(dir, async () => project, policy),
                (l) => lines.push(l),
            );
            assert.deepEqual(project.calls, []);
            return { code, lines };
        };
        assert.deepEqual(await run(["up", "--policy-pack", "stacks"]), {
            code: 1,
            lines: ["--policy-pack stacks: no PulumiPolicy.yaml there; expected a policy pack folder such as policy"],
        });
        assert.deepEqual(await run(["up", "--policy-pack-config", "p.json"]), {
            code: 1,
            lines: ["--policy-pack-config: needs --policy-pack DIR, the pack it configures"],
        });
        assert.deepEqual(await run(["up", "--policy-pack", "policy", "--policy-pack-config", "nowhere.json"]), {
            code: 1,
            lines: ["--policy-pack-config nowhere.json: no such file; expected a JSON file of policy settings"],
        });
        assert.deepEqual(await run(["refresh", "--policy-pack", "policy"]), {
            code: 1,
            lines: ["--policy-pack: policies run in preview and up, not in refresh"],
        });
    });

    it("reads a deployed stack's outputs, and names a stack that does not exist", async () => {
        const ws = new AutomationWorkspace(FIXTURE_STACKS, async () => new FakeProject(["hub"]));
        assert.deepEqual(await ws.outputs("hub"), { clusterName: { value: "hybrid-prod", secret: false } });
        assert.deepEqual(await ws.status("hub"), {
            outputs: { clusterName: { value: "hybrid-prod", secret: false } },
            lastUpdate: "2026-11-30T08:00:00.000Z",
        });
        await assert.rejects(ws.outputs("site-paris"), { message: "no stack named 'site-paris' found" });
    });

    describe("without a Pulumi CLI", () => {
        const pathBefore = process.env.PATH;
        before(() => (process.env.PATH = "/nonexistent"));
        after(() => (process.env.PATH = pathBefore));

        it("the real LocalWorkspace connection fails with one clear line", async () => {
            await assert.rejects(localProject(path.join(__dirname, "../..")), { message: PULUMI_CLI_MISSING });
        });

        it("the pipeline prints that line once, runs nothing and exits 1", async () => {
            const lines: string[] = [];
            assert.equal(
                await pipelineCommand(
                    ["up", "--stacks", FIXTURE_STACKS],
                    (dir) => new AutomationWorkspace(dir),
                    (l) => lines.push(l),
                ),
                1,
            );
            assert.deepEqual(lines, [PULUMI_CLI_MISSING]);
        });
    });

    describe("with a Pulumi CLI older than the project needs", () => {
        const pathBefore = process.env.PATH;
        let bin: string;
        const cli = (version: string) => {
            fs.writeFileSync(path.join(bin, "pulumi"), `#!/bin/sh\necho ${version}\n`, { mode: 0o755 });
        };
        before(() => {
            bin = fs.mkdtempSync(path.join(os.tmpdir(), "fake-pulumi-"));
            process.env.PATH = `${bin}:/usr/bin:/bin`;
        });
        after(() => {
            process.env.PATH = pathBefore;
            fs.rmSync(bin, { recursive: true, force: true });
        });

        it("the real LocalWorkspace connection says which version is there and which is needed", async () => {
            cli("v3.181.0");
            await assert.rejects(localProject(path.join(__dirname, "../..")), {
                message:
                    "the Pulumi CLI on PATH is 3.181.0; this project needs 3.182.0 or newer (the site pool's guard is a resource " +
                    "hook, which older engines do not run): update it (curl -fsSL https://get.pulumi.com | sh) and run the command again",
            });
            cli("v3.182.0");
            assert.equal(typeof (await localProject(path.join(__dirname, "../.."))).selectStack, "function");
        });

        it("compares versions by number", () => {
            assert.equal(MINIMUM_PULUMI_CLI, "3.182.0");
            for (const ok of ["3.182.0", "v3.182.1", "3.200.0", "4.0.0", "3.182.0-alpha.1"])
                assert.equal(cliVersionProblem(ok), undefined, ok);
            for (const old of ["3.181.9", "v3.99.0", "2.999.999", "garbage"])
                assert.match(cliVersionProblem(old)!, /needs 3\.182\.0 or newer/, old);
        });
    });
});
