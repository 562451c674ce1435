import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { ConfigError } from "../../components/config/problems";
import { runStack } from "../../program/run";
import { readStackConfig } from "../../program/stackConfig";
import { FIXTURE_STACKS, validHub, validSite } from "../support/fixtures";
import { MockCloud } from "../support/mockCloud";
import { runProgramStopping } from "../support/programRun";

const messages = (fn: () => unknown): string[] => {
    try {
        fn();
    } catch (e) {
        assert.ok(e instanceof ConfigError, String(e));
        return e.problems.map((p) => `${p.key}: ${p.message}`);
    }
    return [];
};

describe("stack config dispatch", () => {
    it("reads a hub stack and ignores other namespaces and the empty default of the other kind", () => {
        const config = readStackConfig({
            "aws:region": "eu-central-1",
            "eks-hybrid:kind": "hub",
            "eks-hybrid:hub": validHub(),
            "eks-hybrid:site": {},
        });
        assert.equal(config.kind, "hub");
    });

    it("names an aws:region that is not an AWS Region", () => {
        assert.deepEqual(
            messages(() =>
                readStackConfig({ "aws:region": "eu-central-1; rm -rf /", "eks-hybrid:kind": "hub", "eks-hybrid:hub": validHub() }),
            ),
            ['aws:region: "eu-central-1; rm -rf /" is not an AWS Region; expected one such as eu-central-1'],
        );
        assert.equal(
            readStackConfig({ "aws:region": "us-gov-west-1", "eks-hybrid:kind": "hub", "eks-hybrid:hub": validHub() }).kind,
            "hub",
        );
    });

    it("names a missing or unknown kind", () => {
        assert.deepEqual(
            messages(() => readStackConfig({})),
            ["eks-hybrid:kind: missing; expected hub or site"],
        );
        assert.deepEqual(
            messages(() => readStackConfig({ "eks-hybrid:kind": "spoke" })),
            ['eks-hybrid:kind: "spoke" is not valid; use one of: hub, site'],
        );
    });

    it("names a misspelt project namespace as an unknown key, and leaves other namespaces alone", () => {
        assert.deepEqual(
            messages(() =>
                readStackConfig({ "eks-hybird:kind": "hub", "eks-hybrid:hub": validHub(), "aws:region": "eu-central-1", "ekz:x": "y" }),
            ),
            [
                "eks-hybrid:kind: missing; expected hub or site",
                "eks-hybird:kind: unknown key; the project namespace is eks-hybrid, did you mean eks-hybrid:kind?",
            ],
        );
    });

    it("names unknown keys in the project namespace and settings of the other kind", () => {
        assert.deepEqual(
            messages(() =>
                readStackConfig({
                    "eks-hybrid:kind": "hub",
                    "eks-hybrid:hub": validHub(),
                    "eks-hybrid:region": "x",
                    "eks-hybrid:site": { name: "munich" },
                }),
            ),
            [
                "eks-hybrid:region: unknown key; valid keys: eks-hybrid:kind, eks-hybrid:hub, eks-hybrid:site, eks-hybrid:bgpPassword",
                "eks-hybrid:site: does not belong in a hub stack; it is read only when eks-hybrid:kind is site",
            ],
        );
    });

    it("reports a hub stack without settings, and the hub rules with their stack-file keys", () => {
        assert.deepEqual(
            messages(() => readStackConfig({ "eks-hybrid:kind": "hub" })),
            ["eks-hybrid:hub: missing; a hub stack needs its settings (see docs/CONFIG.md)"],
        );
        assert.deepEqual(
            messages(() => readStackConfig({ "eks-hybrid:kind": "hub", "eks-hybrid:hub": { ...validHub(), serviceCidr: "172.20.0.0/8" } })),
            ['eks-hybrid:hub.serviceCidr: "172.20.0.0/8" has host bits set; use 172.0.0.0/8'],
        );
    });
});

describe("the BGP password key", () => {
    const site = (password: unknown, bgp = true) => {
        const settings = validSite();
        if (!bgp) delete settings.bgp;
        return { "eks-hybrid:kind": "site", "eks-hybrid:site": settings, "eks-hybrid:bgpPassword": password };
    };

    it("accepts an encrypted password on a site with BGP", () => {
        assert.deepEqual(
            messages(() => readStackConfig(site({ secure: "v1:abc" }))),
            [],
        );
    });

    it("refuses a plain-text password, a password without BGP and one on a hub", () => {
        assert.deepEqual(
            messages(() => readStackConfig(site("hunter2"))),
            ["eks-hybrid:bgpPassword: is plain text; store it encrypted: pulumi config set --secret eks-hybrid:bgpPassword <password>"],
        );
        assert.deepEqual(
            messages(() => readStackConfig(site({ secure: "v1:abc" }, false))),
            ["eks-hybrid:bgpPassword: is set but this is not a site stack with bgp; remove it or add eks-hybrid:site.bgp"],
        );
        assert.deepEqual(
            messages(() =>
                readStackConfig({ "eks-hybrid:kind": "hub", "eks-hybrid:hub": validHub(), "eks-hybrid:bgpPassword": { secure: "x" } }),
            ),
            ["eks-hybrid:bgpPassword: is set but this is not a site stack with bgp; remove it or add eks-hybrid:site.bgp"],
        );
    });
});

describe("the program on the example hub stack", () => {
    const file = path.join(FIXTURE_STACKS, "Pulumi.hub.yaml");
    // Pulumi hands the program each config value as a string, maps as JSON.
    const config = Object.fromEntries(
        Object.entries<unknown>(YAML.parse(fs.readFileSync(file, "utf8")).config).map(([k, v]) => [
            k,
            typeof v === "string" ? v : JSON.stringify(v),
        ]),
    );

    it("builds the hub and exports the outputs the sites read", async () => {
        const { cloud, result } = await MockCloud.run(runStack, { config, stack: "hub" });
        assert.deepEqual(Object.keys(result).sort(), [
            "alertTopicArn",
            "clusterArn",
            "clusterCertificateAuthority",
            "clusterEndpoint",
            "clusterName",
            "gatewayId",
            "gatewayType",
            "hybridNodeRoleArn",
            "hybridNodeRoleName",
            "kubeconfig",
            "kubernetesObjects",
            "kubernetesVersion",
            "loadBalancerNetworks",
            "nodeCredentials",
            "podIdentity",
            "podNetworkingMode",
            "profileArn",
            "pullThroughRegistry",
            "region",
            "remoteNodeNetworks",
            "remotePodNetworks",
            "resolverInboundIps",
            "transitGatewayRouteTableId",
            "trustAnchorArn",
            "vpcCidr",
            "vpcCidrs",
            "vpcId",
        ]);
        const hub = cloud.named("hybrid-prod");
        assert.equal(hub.type, "eks-hybrid-sites:index:Hub");
        assert.equal(hub.parent, "eks-hybrid-hub");
        assert.deepEqual(cloud.named("hybrid-prod-eks-cluster").inputs.tags, {
            project: "eks-hybrid-sites",
            "eks-hybrid:cluster": "hybrid-prod",
        });
    });

    it("refuses bad config before registering anything, as a RunError Pulumi prints without a stack trace", async () => {
        let error: unknown;
        const { cloud } = await MockCloud.run(
            async () => {
                try {
                    // The program entry (program/main.js runs it from the build or, as here, the sources).
                    delete require.cache[require.resolve("../../program/index")];
                    // eslint-disable-next-line @typescript-eslint/no-require-imports
                    await require("../../program/index");
                } catch (e) {
                    error = e;
                }
            },
            {
                stack: "hub",
                config: {
                    ...config,
                    "eks-hybrid:kind": "hub",
                    "eks-hybrid:hub": JSON.stringify({ ...validHub(), gateway: { type: "vpn" }, vpc: { cidr: "10.0.0.1/16" } }),
                },
            },
        );
        assert.ok(pulumi.RunError.isInstance(error), String(error));
        assert.equal(
            (error as Error).message,
            "stack hub: invalid stack configuration: 2 problems\n" +
                '  - eks-hybrid:hub.gateway.type: "vpn" is not valid; use one of: vgw, tgw\n' +
                '  - eks-hybrid:hub.vpc.cidr: "10.0.0.1/16" has host bits set; use 10.0.0.0/16',
        );
        assert.deepEqual(cloud.inventory(), []);
    });
});

/** A fixture stack file's config as Pulumi hands it to a program (maps as JSON). */
const config = (file: string) =>
    Object.fromEntries(
        Object.entries<unknown>(YAML.parse(fs.readFileSync(path.join(FIXTURE_STACKS, file), "utf8")).config).map(([k, v]) => [
            k,
            typeof v === "string" ? v : JSON.stringify(v),
        ]),
    );

describe("the program on a site stack under a hub deployed before the alert topic existed", () => {
    it("reads the missing output as absent: the site deploys, its alarms notify no one", async () => {
        const { result: hub } = await MockCloud.run(runStack, { config: config("Pulumi.hub.yaml"), stack: "hub" });
        const outputs: Record<string, unknown> = {};
        for (const [name, output] of Object.entries(hub))
            if (name !== "alertTopicArn") outputs[name] = await (pulumi.output(output) as any).promise();
        const { cloud } = await MockCloud.run(runStack, {
            config: config("Pulumi.site-munich.yaml"),
            stack: "site-munich",
            stackOutputs: { hub: outputs },
        });
        assert.deepEqual(cloud.named("munich-vpn-both-tunnels-down").inputs.alarmActions, []);
    });
});

describe("the program on a site stack under a hub deployed before it exported loadBalancerNetworks", () => {
    it("reads the missing output as none: the site renders its files, routing the other sites as before", async () => {
        const { result: hub } = await MockCloud.run(runStack, { config: config("Pulumi.hub.yaml"), stack: "hub" });
        const outputs: Record<string, unknown> = {};
        for (const [name, output] of Object.entries(hub))
            if (name !== "loadBalancerNetworks") outputs[name] = await (pulumi.output(output) as any).promise();
        const { result } = await MockCloud.run(runStack, {
            config: config("Pulumi.site-munich.yaml"),
            stack: "site-munich",
            stackOutputs: { hub: outputs },
        });
        const files: Record<string, string> = await (pulumi.output(result.vpnServerConfig) as any).promise();
        assert.match(files["updown.sh"], /ip route replace 10\.80\.0\.0\/24 dev "\$dev"/);
    });
});

describe("the program on a site stack with a BGP password that would add lines to frr.conf", () => {
    it("stops before anything registers, naming the key and never the password", async () => {
        const site = YAML.parse(fs.readFileSync(path.join(FIXTURE_STACKS, "Pulumi.site-munich.yaml"), "utf8")).config;
        const config: Record<string, string> = {
            "eks-hybrid:kind": "site",
            "eks-hybrid:site": JSON.stringify(site["eks-hybrid:site"]),
            "eks-hybrid:bgpPassword": "pw\n neighbor 0.0.0.0/0 remote-as 1",
        };
        const { error, registered } = await runProgramStopping({ config, secretKeys: ["eks-hybrid:bgpPassword"], stack: "site-munich" });
        assert.equal(error?.constructor.name, "RunError");
        assert.equal(
            error!.message,
            "stack site-munich: eks-hybrid:bgpPassword: holds a line break, which would add lines to frr.conf; use printable " +
                "characters only",
        );
        assert.deepEqual(registered, []);
    });
});
