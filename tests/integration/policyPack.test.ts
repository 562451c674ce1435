import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Registration } from "../../cli/plan/mockEngine";
import { Site } from "../../components/site/site";
import { UNPROTECTED_TAG } from "../../components/protection/protection";
import { ALSO_TAGGED_TYPES, ownerTags, protectedResources, secretOutputs, secureParameters, TAGGED_TYPES } from "../../policy/policies";
import { COMPONENT_MODES } from "../support/componentModes";
import { siteHubArgs, siteSettings } from "../support/fixtures";
import { MockCloud } from "../support/mockCloud";
import { PolicyHost } from "../support/policyHost";

/** Whether @pulumi/aws's arguments of this resource type take tags. */
function takesTags(type: string): boolean {
    const [, module, file] = /^aws:([A-Za-z0-9]+)\/([A-Za-z0-9]+):/.exec(type)!;
    const text = fs.readFileSync(require.resolve(`@pulumi/aws/${module}/${file}.d.ts`), "utf8");
    const start = text.search(/export interface \w+Args \{/);
    return /\n\s+tags\?:/.test(text.slice(start, text.indexOf("\n}", start)));
}

const changed = (r: Registration, change: Partial<Registration>): Registration => ({ ...r, ...change });

describe("the policy pack (policy/), served as pulumi preview --policy-pack serves it", function () {
    this.timeout(180000);
    let host: PolicyHost;
    const registrations: Record<string, Registration[]> = {};

    before(async () => {
        host = await PolicyHost.start();
        for (const [mode, program] of Object.entries(COMPONENT_MODES))
            registrations[mode] = (await MockCloud.run(program)).cloud.registrations;
    });
    after(() => host?.stop());
    afterEach(() => host.configure({}));

    const all = () => Object.values(registrations).flat();
    const first = (type: string) => all().find((r) => r.type === type)!;

    it("loads, type-checked, and offers its four policies as mandatory", async () => {
        assert.deepEqual(await host.info(), {
            name: "eks-hybrid-sites",
            policies: [
                "eks-hybrid-protected-resources mandatory",
                "eks-hybrid-secret-outputs mandatory",
                "eks-hybrid-owner-tags mandatory",
                "eks-hybrid-secure-parameters mandatory",
            ],
        });
    });

    for (const mode of Object.keys(COMPONENT_MODES)) {
        it(`passes everything the components register: ${mode}`, async () => {
            assert.deepEqual(await host.analyzeAll(registrations[mode]), []);
        });
    }

    it("knows every taggable AWS type the components register, and no type they never do", () => {
        const aws = [...new Set(all().map((r) => r.type))].filter((t) => t.startsWith("aws:"));
        assert.deepEqual(aws.filter(takesTags).sort(), [...TAGGED_TYPES].sort());
    });

    it("refuses a VPN connection or a cluster that is not protected, unless the config lifted it", async () => {
        const vpn = first("aws:ec2/vpnConnection:VpnConnection");
        const cluster = first("aws:eks/cluster:Cluster");
        assert.equal(vpn.protect, true);
        assert.equal(cluster.protect, true);
        assert.deepEqual(await host.analyze(changed(vpn, { protect: false })), [
            {
                policy: "eks-hybrid-protected-resources",
                resource: "munich-vpn-vpn",
                message:
                    `${protectedResources.description}\n` +
                    "VPN connection munich-vpn-vpn is not protected: a new one has new outside addresses, and every on-prem device " +
                    "of the site would need new settings. Keep protect on (the default); to replace or remove it on purpose, set " +
                    "protect: false in its stack's config, which also tags it eks-hybrid:protect=false.",
                enforcement: "mandatory",
            },
        ]);
        assert.match(
            (await host.analyze(changed(cluster, { protect: false })))[0].message,
            /\nEKS cluster hub-eks-cluster is not protected: a new one starts/,
        );

        const lifted = (await MockCloud.run(() => new Site("munich", { site: { ...siteSettings(), protect: false }, hub: siteHubArgs() })))
            .cloud;
        const liftedVpn = lifted.named("munich-vpn-vpn");
        assert.equal(liftedVpn.protect, false);
        assert.equal(liftedVpn.inputs.tags[UNPROTECTED_TAG], "false");
        assert.deepEqual(await host.analyze(liftedVpn), []);
        // The same tag set by hand on a VPN connection outside the components exempts nothing.
        const handMade = changed(liftedVpn, { urn: "urn:pulumi:site-munich::eks-hybrid-sites::aws:ec2/vpnConnection:VpnConnection::mine" });
        assert.equal((await host.analyze(handMade)).length, 1);
    });

    it("refuses secret material the state would keep in clear", async () => {
        const activation = first("aws:ssm/activation:Activation");
        assert.deepEqual(activation.additionalSecretOutputs, ["activationCode"]);
        assert.deepEqual(await host.analyze(changed(activation, { additionalSecretOutputs: [] })), [
            {
                policy: "eks-hybrid-secret-outputs",
                resource: "munich-activation",
                message:
                    `${secretOutputs.description}\n` +
                    "munich-activation does not mark activationCode secret: the stack's state would hold it in clear. " +
                    "List it in the resource's additionalSecretOutputs.",
                enforcement: "mandatory",
            },
        ]);
        const vpn = first("aws:ec2/vpnConnection:VpnConnection");
        assert.match(
            (await host.analyze(changed(vpn, { additionalSecretOutputs: ["customerGatewayConfiguration"] })))[0].message,
            /\nmunich-vpn-vpn does not mark tunnel1PresharedKey, tunnel2PresharedKey secret: the stack's state would hold them in clear/,
        );
    });

    it("refuses a taggable resource without its owner tag, and enforces the configured requiredTags", async () => {
        const topic = first("aws:sns/topic:Topic");
        const { ["eks-hybrid:cluster"]: _owner, ...others } = topic.inputs.tags;
        assert.deepEqual(await host.analyze(changed(topic, { inputs: { ...topic.inputs, tags: others } })), [
            {
                policy: "eks-hybrid-owner-tags",
                resource: topic.name,
                message:
                    `${ownerTags.description}\n` +
                    `${topic.name} (aws:sns/topic:Topic) is tagged with neither eks-hybrid:cluster nor eks-hybrid:site.`,
                enforcement: "mandatory",
            },
        ]);
        // An AWS type the pack does not list is checked once it has tags.
        const unknown = changed(topic, { type: "aws:sqs/queue:Queue", inputs: { tags: { team: "net" } } });
        assert.equal((await host.analyze(unknown)).length, 1);
        // An empty owner tag says nothing: refused too.
        const blank = changed(topic, { inputs: { ...topic.inputs, tags: { ...others, "eks-hybrid:cluster": " " } } });
        assert.equal((await host.analyze(blank)).length, 1);
        // Types that hold a fleet's data are checked untagged as well.
        for (const type of ["aws:s3/bucketV2:BucketV2", "aws:secretsmanager/secret:Secret"])
            assert.match(
                (await host.analyze(changed(topic, { type, inputs: {} })))[0].message,
                /is tagged with neither eks-hybrid:cluster/,
            );
        // Not a taggable type: no tags needed.
        assert.deepEqual(await host.analyze(first("aws:ec2/vpnConnectionRoute:VpnConnectionRoute")), []);

        await host.configure({ "eks-hybrid-owner-tags": { requiredTags: ["cost-center"] } });
        assert.deepEqual(
            (await host.analyze(topic)).map((v) => v.message),
            [`${ownerTags.description}\n${topic.name} (aws:sns/topic:Topic) is tagged with not the required cost-center.`],
        );
        const hub = registrations["private hub, virtual private gateway, SSM"];
        const violations = await host.analyzeAll(hub);
        assert.equal(violations.length, hub.filter((r) => TAGGED_TYPES.includes(r.type)).length);
    });

    it("lists only types whose arguments take tags among the types it checks untagged", () => {
        assert.deepEqual(
            ALSO_TAGGED_TYPES.filter((t) => !takesTags(t)),
            [],
        );
    });

    it("refuses an SSM parameter that would keep a key in clear, unless listed as plain", async () => {
        const topic = first("aws:sns/topic:Topic");
        const parameter = (type: string) =>
            changed(topic, {
                type: "aws:ssm/parameter:Parameter",
                name: "psk-copy",
                inputs: { name: "/munich/psk", type, value: "key", tags: { "eks-hybrid:site": "munich" } },
            });
        assert.deepEqual(await host.analyze(parameter("String")), [
            {
                policy: "eks-hybrid-secure-parameters",
                resource: "psk-copy",
                message:
                    `${secureParameters.description}
` +
                    "psk-copy is an SSM parameter of type String: its value is stored and shown in clear. Use SecureString, or list " +
                    '"/munich/psk" in plainParameters when it holds no secret.',
                enforcement: "mandatory",
            },
        ]);
        assert.deepEqual(await host.analyze(parameter("SecureString")), []);
        await host.configure({ "eks-hybrid-secure-parameters": { plainParameters: ["/munich/psk"] } });
        assert.deepEqual(await host.analyze(parameter("String")), []);
    });

    it("counts the provider's default tags", async () => {
        const topic = first("aws:sns/topic:Topic");
        const provider: Registration = changed(topic, {
            type: "pulumi:providers:aws",
            name: "tagged",
            urn: "urn:pulumi:test::eks-hybrid-sites::pulumi:providers:aws::tagged",
            inputs: { region: "eu-central-1", defaultTags: { tags: { "eks-hybrid:site": "munich", "cost-center": "42" } } },
        });
        await host.configure({ "eks-hybrid-owner-tags": { requiredTags: ["cost-center"] } });
        assert.deepEqual(await host.analyze(changed(topic, { inputs: { ...topic.inputs, tags: {} }, provider: "tagged" }), [provider]), []);
    });

    it("keeps its files next to each other, as the CLI loads them", () => {
        const dir = path.join(__dirname, "../../policy");
        assert.deepEqual(fs.readdirSync(dir).sort(), ["PulumiPolicy.yaml", "index.ts", "package.json", "policies.ts", "tsconfig.json"]);
    });
});
