import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import * as YAML from "yaml";
import { CrdValidator } from "../../components/config/crdSchema";
import { runStack } from "../../program/run";
import { Problems } from "../../components/config/problems";
import { parseStackFile } from "../../cli/stacks/stackFolder";
import { MockCloud, secretInput } from "../support/mockCloud";
import { loadStackFolder, MAX_STACK_FILE_BYTES } from "../../cli/stacks/stackFolder";
import { planFolder, programConfig, StackRun } from "../../cli/plan/planFolder";
import { FIXTURE_STACKS } from "../support/fixtures";

async function runFolder(dir: string) {
    const problems = new Problems();
    const files = loadStackFolder(dir, problems);
    problems.throwIfAny(dir);
    return planFolder(files);
}

function siteStackFile(file: string) {
    const parsed = parseStackFile(file, fs.readFileSync(path.join(STACKS, file), "utf8"), new Problems())!;
    return { ...parsed, stack: file.replace(/^Pulumi\.|\.yaml$/g, "") };
}

const STACKS = FIXTURE_STACKS;

/** A planned stack's registrations of one type. */
const ofType = (run: { cloud: StackRun["cloud"] }, type: string) => run.cloud.registrations.filter((r) => r.type === type);

/** Everything the engine was told about a stack's resources, as one string. */
function registered(run: StackRun): string {
    return JSON.stringify(
        run.cloud.registrations.map(({ type, name, parent, inputs, dependsOn, deleteBeforeReplace }) => ({
            type,
            name,
            parent,
            inputs,
            dependsOn,
            deleteBeforeReplace,
        })),
    );
}

describe("the example stacks through the real program", () => {
    let runs: Map<string, StackRun>;
    before(async () => (runs = await runFolder(STACKS)));

    it("runs the hub and both sites", () => assert.deepEqual([...runs.keys()], ["hub", "site-berlin", "site-munich"]));

    it("gives each site its VPN on the hub's transit gateway with its own two routes in the hub's route table", () => {
        for (const [stack, node, pod] of [
            ["site-munich", "10.80.1.0/24", "10.96.1.0/24"],
            ["site-berlin", "10.80.2.0/24", "10.96.2.0/23"],
        ]) {
            const cloud = runs.get(stack)!.cloud;
            const vpn = ofType({ cloud }, "aws:ec2/vpnConnection:VpnConnection")[0];
            assert.equal(vpn.inputs.transitGatewayId, "hybrid-prod-network-tgw-id");
            assert.deepEqual(
                ofType({ cloud }, "aws:ec2transitgateway/route:Route").map((r) => [
                    r.inputs.destinationCidrBlock,
                    r.inputs.transitGatewayRouteTableId,
                ]),
                [
                    [node, "hybrid-prod-network-tgw-rt-id"],
                    [pod, "hybrid-prod-network-tgw-rt-id"],
                ],
            );
        }
    });

    it("activates each site for the hub's role and renders NodeConfigs valid for nodeadm", () => {
        const crd = new CrdValidator("nodeadm/node.eks.aws_nodeconfigs.yaml");
        const munich = runs.get("site-munich")!;
        const activation = ofType(munich, "aws:ssm/activation:Activation")[0].inputs;
        assert.equal(activation.iamRole, "hybrid-prod-hybrid-nodes-role-role-name");
        assert.equal(activation.registrationLimit, 3);
        assert.equal(activation.tags.EKSClusterARN, "arn:aws:eks:eu-central-1:123456789012:cluster/hybrid-prod");
        const berlin = runs.get("site-berlin")!.outputs.hostNodeConfigs as Record<string, string>;
        assert.deepEqual(Object.keys(berlin), ["berlin-1", "berlin-2"]);
        for (const text of [munich.outputs.nodeConfig as string, ...Object.values(berlin)]) {
            assert.deepEqual(crd.errors(YAML.parse(text)), []);
        }
    });

    it("gives a site with a secret BGP password its Secret, the password kept secret", async () => {
        const { cloud } = await MockCloud.run(runStack, {
            config: { ...programConfig(siteStackFile("Pulumi.site-munich.yaml")), "eks-hybrid:bgpPassword": "s3cret" },
            secretKeys: ["eks-hybrid:bgpPassword"],
            stack: "site-munich",
            stackOutputs: { hub: runs.get("hub")!.outputs },
        });
        assert.deepEqual(cloud.named("munich-cilium-bgp-password").inputs.stringData, secretInput({ password: "s3cret" }));
        assert.equal(cloud.named("munich-cilium-cilium-bgp-peer-config").inputs.spec.authSecretRef, "bgp-site-munich");
        assert.equal(ofType(runs.get("site-munich")!, "kubernetes:core/v1:Secret").length, 0, "no password, no Secret");
    });

    it("registers byte-identical hub resources whether the folder holds two sites or three", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
        try {
            for (const f of fs.readdirSync(STACKS)) fs.copyFileSync(path.join(STACKS, f), path.join(dir, f));
            const third = YAML.parse(fs.readFileSync(path.join(STACKS, "Pulumi.site-munich.yaml"), "utf8"));
            Object.assign(third.config["eks-hybrid:site"], {
                name: "hamburg",
                vpnServer: { publicIp: "203.0.113.30", asn: 65200 },
                nodeCidr: "10.80.3.0/24",
                podCidr: "10.96.4.0/24",
                bgp: { routerAddress: "10.80.3.1", routerAsn: 65200, nodesAsn: 65210 },
                tunnels: { insideCidrs: ["169.254.30.0/30", "169.254.30.4/30"] },
            });
            fs.writeFileSync(path.join(dir, "Pulumi.site-hamburg.yaml"), YAML.stringify(third));
            const three = await runFolder(dir);
            assert.deepEqual([...three.keys()], ["hub", "site-berlin", "site-hamburg", "site-munich"]);
            assert.ok(three.get("site-hamburg")!.cloud.registrations.length > 0);
            assert.equal(registered(three.get("hub")!), registered(runs.get("hub")!));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("reading a stack file", () => {
    const read = (text: string) => {
        const problems = new Problems();
        const parsed = parseStackFile("Pulumi.x.yaml", text, problems);
        return problems.all.length > 0 ? problems.all.map((p) => `${p.key}: ${p.message}`) : parsed!.config;
    };

    it("reads every scalar as YAML 1.2's core schema does (as yaml reads it)", () => {
        const values = [
            "0o17",
            "0x1F",
            "1e3",
            ".inf",
            "-.Inf",
            ".nan",
            "yes",
            "On",
            "2026-12-01",
            "~",
            "065000",
            "+12",
            "1_000",
            "'it''s'",
            "!!str 12",
            "12:30",
            "0b101",
            "1.",
            ".5",
            "True",
            "NULL",
            "07",
            "-0",
            "0.1e-2",
            '"\\u00e9"',
            "[a, b]",
            "{x: 1}",
        ];
        for (const value of values) {
            const text = `config:\n  k: ${value}\n`;
            assert.deepEqual(read(text), YAML.parse(text).config, value);
        }
        assert.deepEqual(read("config:\n  k: |\n    a\n    b\n  j: &x 1\n  i: *x\n"), { k: "a\nb\n", j: 1, i: 1 });
    });

    it("reads whatever yaml writes back to the same values", () => {
        fc.assert(
            fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (config) => {
                const text = YAML.stringify({ config });
                assert.deepEqual(read(text), YAML.parse(text).config);
            }),
            { numRuns: 300 },
        );
    });

    it("names the line and column of a mistake, as yaml words it", () => {
        assert.deepEqual(read("config:\n  k: [a\n"), [
            "Pulumi.x.yaml: is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with " +
                "a ] at line 3, column 1",
        ]);
        assert.deepEqual(read("config:\n  k: 1\n  k: 2\n"), [
            "Pulumi.x.yaml: is not valid YAML: Map keys must be unique at line 3, column 3",
        ]);
        assert.deepEqual(read("config: [a, b]\n"), ["Pulumi.x.yaml: config: missing; a stack file holds a config: map"]);
    });
});

describe("a stack folder holding what is not a stack file", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "odd-stacks-"));
        fs.copyFileSync(path.join(STACKS, "Pulumi.hub.yaml"), path.join(dir, "Pulumi.hub.yaml"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
    const problemsOf = () => {
        const problems = new Problems();
        const files = loadStackFolder(dir, problems);
        return { stacks: files.map((f) => f.stack), problems: problems.all.map((p) => `${p.key}: ${p.message}`) };
    };

    it("names a folder, a dangling symlink, a symlink loop, a FIFO and an oversized file, one line each, and reads the rest", () => {
        fs.mkdirSync(path.join(dir, "Pulumi.folder.yaml"));
        fs.symlinkSync("nowhere", path.join(dir, "Pulumi.dangling.yaml"));
        fs.symlinkSync("Pulumi.loop.yaml", path.join(dir, "Pulumi.loop.yaml"));
        assert.equal(spawnSync("mkfifo", [path.join(dir, "Pulumi.fifo.yaml")]).status, 0);
        fs.writeFileSync(path.join(dir, "Pulumi.big.yaml"), `config:\n  x: "${"a".repeat(MAX_STACK_FILE_BYTES)}"\n`);
        fs.symlinkSync("Pulumi.hub.yaml", path.join(dir, "Pulumi.hub-link.yaml"));
        assert.deepEqual(problemsOf(), {
            stacks: ["hub-link", "hub"],
            problems: [
                `Pulumi.big.yaml: is ${MAX_STACK_FILE_BYTES + 16} bytes, more than the 1048576 a stack file may have ` +
                    "(they are a few kilobytes)",
                "Pulumi.dangling.yaml: is a symlink to nothing; point it at a stack file or remove it",
                "Pulumi.fifo.yaml: is a FIFO, not a stack file; a stack file is a regular file",
                "Pulumi.folder.yaml: is a folder, not a stack file; a stack file is a regular file",
                "Pulumi.loop.yaml: is a symlink loop; point it at a stack file or remove it",
            ],
        });
    });

    it("refuses a stack named like a file the plan writes at the top of out/", () => {
        fs.copyFileSync(path.join(STACKS, "Pulumi.hub.yaml"), path.join(dir, "Pulumi.cost.md.yaml"));
        assert.deepEqual(problemsOf(), {
            stacks: ["hub"],
            problems: [
                'Pulumi.cost.md.yaml: its stack name "cost.md" is the name of what the plan writes at the top of out/ (cost.md, ' +
                    "cost.json, README.md, .plan-cache); rename the file to Pulumi.<stack>.yaml with another name",
            ],
        });
    });

    it("refuses a YAML alias bomb before anything serializes it", () => {
        const lines = ["config:", '  aws:x0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
        for (let i = 1; i < 9; i++)
            lines.push(
                `  aws:x${i}: &a${i} [${Array(9)
                    .fill(`*a${i - 1}`)
                    .join(", ")}]`,
            );
        fs.writeFileSync(path.join(dir, "Pulumi.bomb.yaml"), `${lines.join("\n")}\n`);
        assert.deepEqual(problemsOf().problems, [
            "Pulumi.bomb.yaml: holds more than 100000 values once its YAML aliases are expanded; write the values out",
        ]);
    });
});
