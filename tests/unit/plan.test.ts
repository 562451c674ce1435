import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { ciliumValuesErrors } from "../../cli/plan/ciliumValuesSchema";
import { CrdValidator } from "../../components/config/crdSchema";
import { costMarkdown, estimateCost, pricedRegistrations } from "../../cli/plan/costEstimate";
import { Placeholders } from "../../cli/plan/mockEngine";
import { planFolder } from "../../cli/plan/planFolder";
import { loadStackFolder } from "../../cli/stacks/stackFolder";
import { Problems } from "../../components/config/problems";
import { planCommand } from "../../cli/plan";
import { FIXTURE_STACKS, unprotectedFixtureStacks } from "../support/fixtures";

const crdFor: Record<string, string> = {
    NodeConfig: "nodeadm/node.eks.aws_nodeconfigs.yaml",
    CiliumPodIPPool: "cilium-1.18/crds/v2alpha1-ciliumpodippools.yaml",
    CiliumNodeConfig: "cilium-1.18/crds/v2-ciliumnodeconfigs.yaml",
    CiliumBGPClusterConfig: "cilium-1.18/crds/v2-ciliumbgpclusterconfigs.yaml",
    CiliumBGPPeerConfig: "cilium-1.18/crds/v2-ciliumbgppeerconfigs.yaml",
    CiliumBGPAdvertisement: "cilium-1.18/crds/v2-ciliumbgpadvertisements.yaml",
    CiliumLoadBalancerIPPool: "cilium-1.18/crds/v2-ciliumloadbalancerippools.yaml",
};

async function plan(...argv: string[]) {
    const lines: string[] = [];
    const code = await planCommand(argv, (l) => lines.push(l));
    return { code, lines };
}

describe("npm run plan on the example stacks", () => {
    let out: string;
    let result: { code: number; lines: string[] };
    const read = (p: string) => fs.readFileSync(path.join(out, p), "utf8");
    before(async () => {
        out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
        // Left from a stack removed from the folder, and a folder of the user's own.
        fs.mkdirSync(path.join(out, "site-gone/vpn-server"), { recursive: true });
        fs.writeFileSync(path.join(out, "site-gone/resources.json"), "[]");
        fs.mkdirSync(path.join(out, "notes"));
        fs.writeFileSync(path.join(out, "notes/resources.txt"), "mine");
        result = await plan("--stacks", FIXTURE_STACKS, "--out", out, "--date", "2026-12-01", "--tree");
    });
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    it("exits 0, prints a line per stack as it is planned and, with --tree, a resource tree with counts per stack", () => {
        assert.equal(result.code, 0);
        const progress = result.lines.filter((l) => l.startsWith("["));
        assert.deepEqual(
            progress.map((l) => l.replace(/ \d+ resources$/, " N resources")),
            ["[1/3] hub planned, N resources", "[2/3] site-berlin planned, N resources", "[3/3] site-munich planned, N resources"],
        );
        for (const [i, stack] of ["hub (hub)", "site-berlin (site)", "site-munich (site)"].entries()) {
            const count = result.lines.find((l) => l.startsWith(stack))!.split(": ")[1];
            assert.equal(progress[i].split(", ")[1], count, stack);
        }
        for (const stack of ["hub (hub)", "site-berlin (site)", "site-munich (site)"]) {
            assert.ok(
                result.lines.some((l) => l.startsWith(stack) && / \d+ resources$/.test(l)),
                stack,
            );
        }
        assert.ok(result.lines.includes("  eks-hybrid-sites:index:Hub hybrid-prod"));
        assert.ok(result.lines.includes("    eks-hybrid-sites:index:HubNetwork hybrid-prod-network"));
        assert.equal(result.lines.filter((l) => l.startsWith("  counts: ")).length, 3);
        assert.match(
            result.lines.at(-1)!,
            /^plan: 3 stacks planned offline, \d+ files in .*\/ \(values AWS assigns are marked <name.attribute>\)$/,
        );
    });

    it("says in the first line of a site's README that the plan's files are for review, and where the real ones come from", () => {
        assert.equal(
            read("site-munich/README.md").split("\n")[0],
            "# site-munich: files for review, from the offline plan (values only AWS knows are placeholders, <name.attribute>); " +
                "the real ones come from npm run artefacts -- --stack site-munich",
        );
        assert.ok(read("site-munich/vpn-server/setup.sh").includes("<munich-vpn-vpn.tunnel1Address>"), "the placeholders it names");
    });

    it("removes the plan of a stack that is no longer in the folder, and nothing else", () => {
        assert.equal(fs.existsSync(path.join(out, "site-gone")), false);
        assert.equal(read("notes/resources.txt"), "mine");
        assert.equal(result.lines.at(-2), `removed ${path.join(out, "site-gone")}/: site-gone is no longer a stack in ${FIXTURE_STACKS}`);
    });

    it("writes every listed artefact, and each parses", () => {
        for (const stack of ["hub", "site-munich", "site-berlin"]) {
            const resources = JSON.parse(read(`${stack}/resources.json`));
            assert.ok(resources.length > 0);
            for (const r of resources) assert.deepEqual(Object.keys(r), ["type", "name", "parent", "options", "inputs"]);
            JSON.parse(read(`${stack}/outputs.json`));
        }
        assert.deepEqual(ciliumValuesErrors(YAML.parse(read("hub/cilium/values.yaml"))), []);
        assert.match(read("hub/topology.mmd"), /^flowchart TB\n/);
        const svg = read("hub/topology.svg");
        assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*>\n[\s\S]*<\/svg>\n$/);
        assert.equal((svg.match(/<rect /g) ?? []).length, 1 + 1 + 2, "background, hub, two sites");
        assert.match(read("cost.md"), /\*\*Estimate\*\*, not a quote: AWS list prices \(us-east-1, on-demand\) as recorded on 2026-11-22/);
        assert.match(
            read("cost.md"),
            /\nThe stacks are in eu-central-1: prices there differ from us-east-1's, so treat the figures as an order of magnitude\./,
        );
        assert.deepEqual(
            JSON.parse(read("cost.json")).map((l: any) => [l.item, l.quantity, l.monthlyUsd]),
            [
                // 1.33 left standard support on 2026-07-29: extended support on the estimate's date.
                ["EKS control plane (Kubernetes 1.33)", 1, 438],
                ["Site-to-Site VPN connections", 2, 73],
                ["Transit gateway attachments (VPC and VPNs)", 3, 109.5],
                // eks, ecr.api, ecr.dkr, s3, sts, logs, ssm, ssmmessages in two zones
                ["Interface VPC endpoints", 16, 116.8],
                ["Route 53 Resolver endpoints", 2, 182.5],
                // Three per site: each tunnel, and both tunnels down.
                ["CloudWatch alarms (standard resolution)", 6, 0],
                // The cluster's secrets, and the alert topic's.
                ["KMS keys", 2, 2],
            ],
        );
    });

    it("validates every rendered custom resource against its CRD", () => {
        const files = [
            "hub/cilium/ciliumbgpadvertisement-site-pod-pools.yaml",
            "site-munich/nodeadm/nodeconfig.yaml",
            "site-berlin/nodeadm/nodeconfig-berlin-1.yaml",
        ];
        for (const site of ["munich", "berlin"]) {
            for (const kind of ["ciliumpodippool", "ciliumnodeconfig", "ciliumbgpclusterconfig", "ciliumbgppeerconfig"])
                files.push(`site-${site}/cilium/${kind}-site-${site}.yaml`);
        }
        for (const f of files) {
            const object = YAML.parse(read(f));
            assert.deepEqual(new CrdValidator(crdFor[object.kind]).errors(object), [], f);
        }
    });

    it("marks what AWS assigns, redacts secrets and keeps secret files private", () => {
        const nodeConfig = YAML.parse(read("site-munich/nodeadm/nodeconfig.yaml"));
        assert.deepEqual(nodeConfig.spec.hybrid.ssm, {
            activationId: "<munich-activation.id>",
            activationCode: "<munich-activation.activationCode>",
        });
        const outputs = JSON.parse(read("site-munich/outputs.json"));
        assert.equal(outputs.tunnel1Address, "<munich-vpn-vpn.tunnel1Address>");
        for (const secret of ["tunnel1PresharedKey", "activationCode", "nodeConfig"]) assert.equal(outputs[secret], "[secret]");
        const vpn = JSON.parse(read("site-munich/resources.json")).find((r: any) => r.type === "aws:ec2/vpnConnection:VpnConnection");
        assert.equal(vpn.inputs.tunnel1PresharedKey, "[secret]");
        assert.ok(!read("site-munich/resources.json").includes("munich-vpn-tunnel1-psk.result"));
        assert.equal(fs.statSync(path.join(out, "site-munich/nodeadm/nodeconfig.yaml")).mode & 0o777, 0o600);
        assert.equal(fs.statSync(path.join(out, "site-munich/resources.json")).mode & 0o777, 0o644);
        // The site team copies the VPN server's files as they are: scripts run, keys stay private.
        const mode = (p: string) => (fs.statSync(path.join(out, "site-munich/vpn-server", p)).mode & 0o777).toString(8);
        assert.deepEqual(
            ["setup.sh", "updown.sh", "swanctl.conf", "strongswan.d/eks-hybrid.conf"].map((p) => [p, mode(p)]),
            [
                ["setup.sh", "700"],
                ["updown.sh", "700"],
                ["swanctl.conf", "600"],
                ["strongswan.d/eks-hybrid.conf", "644"],
            ],
        );
        assert.equal(JSON.parse(read("hub/outputs.json")).kubeconfig, "[secret]");
        // The hub's secret outputs stay secret through a site's StackReference, as the engine keeps them.
        const provider = JSON.parse(read("site-munich/resources.json")).find((r: any) => r.type === "pulumi:providers:kubernetes");
        assert.equal(provider.inputs.kubeconfig, "[secret]");
        assert.ok(!read("site-munich/resources.json").includes("get-token"));
    });

    it("records in resources.json each site resource's parent and exactly the options it sets", () => {
        const resources = JSON.parse(read("site-munich/resources.json"));
        const entry = (type: string, name: string) => {
            const found = resources.filter((r: any) => r.type === type && r.name === name);
            assert.equal(found.length, 1, `${type} ${name}`);
            return { parent: found[0].parent, options: found[0].options };
        };
        assert.deepEqual(entry("aws:ssm/activation:Activation", "munich-activation"), {
            parent: "munich",
            options: { additionalSecretOutputs: ["activationCode"] },
        });
        assert.deepEqual(entry("aws:ec2/vpnConnection:VpnConnection", "munich-vpn-vpn"), {
            parent: "munich-vpn",
            options: {
                protect: true,
                replaceOnChanges: [
                    "type",
                    "staticRoutesOnly",
                    "enableAcceleration",
                    "tunnelInsideIpVersion",
                    "tunnel1InsideCidr",
                    "tunnel2InsideCidr",
                    "tunnel1InsideIpv6Cidr",
                    "tunnel2InsideIpv6Cidr",
                ],
                // The AWS SDK marks these itself; the engine receives them with the request.
                additionalSecretOutputs: ["customerGatewayConfiguration", "tunnel1PresharedKey", "tunnel2PresharedKey"],
                hooks: { beforeUpdate: ["munich-vpn-vpn-key-rotation-guard"] },
            },
        });
        assert.deepEqual(entry("aws:ec2/customerGateway:CustomerGateway", "munich-gateway-cgw"), {
            parent: "munich-gateway",
            options: {},
        });
        // An alarm waits for the connection through its inputs (shown as <munich-vpn-vpn.id>): no explicit dependsOn.
        const alarm = resources.find((r: any) => r.name === "munich-vpn-tunnel1-down");
        assert.deepEqual(alarm.options, {});
        assert.equal(alarm.inputs.dimensions.VpnId, "<munich-vpn-vpn.id>");
        // A route: behind a transit gateway it waits explicitly for the attachment's association
        // (and for the connection through its inputs); behind a virtual private gateway only for the connection.
        const route = resources.find((r: any) => r.name === "munich-vpn-route-10-80-1-0-24");
        assert.deepEqual(
            [route.type, route.options],
            route.type === "aws:ec2transitgateway/route:Route"
                ? ["aws:ec2transitgateway/route:Route", { dependsOn: ["munich-vpn-tgw-association"] }]
                : ["aws:ec2/vpnConnectionRoute:VpnConnectionRoute", {}],
        );
        assert.deepEqual(entry("kubernetes:cilium.io/v2:CiliumNodeConfig", "munich-cilium-cilium-node-config"), {
            parent: "munich-cilium",
            options: { provider: "munich-k8s" },
        });
        // Unset options are left out, never written as false or [].
        for (const stack of ["hub", "site-munich", "site-berlin"]) {
            for (const r of JSON.parse(read(`${stack}/resources.json`))) {
                for (const [key, value] of Object.entries(r.options)) {
                    assert.ok(value !== false && !(Array.isArray(value) && value.length === 0), `${stack} ${r.name} ${key}`);
                }
            }
        }
    });

    it("records in resources.json the hub's Cilium CRDs, release and cluster with their parents, explicit dependencies and options", () => {
        const resources = JSON.parse(read("hub/resources.json"));
        const byName = (name: string) => {
            const found = resources.filter((r: any) => r.name === name);
            assert.equal(found.length, 1, name);
            return { type: found[0].type, parent: found[0].parent, options: found[0].options };
        };
        const crds = [
            "ciliumbgpadvertisements",
            "ciliumbgpclusterconfigs",
            "ciliumbgppeerconfigs",
            "ciliumnodeconfigs",
            "ciliumpodippools",
        ].map((plural) => `hybrid-prod-cilium-crd-${plural}`);
        for (const crd of crds) {
            assert.deepEqual(byName(crd), {
                type: "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition",
                parent: "hybrid-prod-cilium",
                options: {
                    ignoreChanges: ["spec", "metadata"],
                    retainOnDelete: true,
                    // @pulumi/kubernetes's own: the CRD's earlier API version is the same resource.
                    aliases: [{ type: "kubernetes:apiextensions.k8s.io/v1beta1:CustomResourceDefinition" }],
                    provider: "hybrid-prod-k8s",
                },
            });
        }
        // The release waits for the CRDs it is given; the pull-through cache it reads its registry
        // from is an input's dependency, so not among them.
        assert.deepEqual(byName("hybrid-prod-cilium-cilium"), {
            type: "kubernetes:helm.sh/v3:Release",
            parent: "hybrid-prod-cilium",
            options: { dependsOn: crds, provider: "hybrid-prod-k8s" },
        });
        assert.deepEqual(byName("hybrid-prod-cilium-advertisement").options.dependsOn, ["hybrid-prod-cilium-cilium", ...crds]);
        assert.deepEqual(byName("hybrid-prod-eks-cluster"), {
            type: "aws:eks/cluster:Cluster",
            parent: "hybrid-prod-eks",
            options: { dependsOn: ["hybrid-prod-eks-cluster-policy"], protect: true },
        });
        // Creation order: a dependency registers before what depends on it, a parent before its children.
        const index = new Map(resources.map((r: any, i: number) => [r.name, i]));
        for (const [i, r] of resources.entries()) {
            for (const d of [...(r.options.dependsOn ?? []), ...(r.parent ? [r.parent] : [])])
                assert.ok((index.get(d) as number) < i, `${r.name} after ${d}`);
        }
    });

    it("renders a site whose NodeConfig, Cilium objects and VPN routes agree on names, labels and CIDRs", () => {
        for (const [site, nodeConfigFile] of [
            ["munich", "nodeconfig.yaml"],
            ["berlin", "nodeconfig-berlin-1.yaml"],
        ]) {
            const settings = YAML.parse(fs.readFileSync(path.join(FIXTURE_STACKS, `Pulumi.site-${site}.yaml`), "utf8")).config[
                "eks-hybrid:site"
            ];
            const flags: string[] = YAML.parse(read(`site-${site}/nodeadm/${nodeConfigFile}`)).spec.kubelet.flags;
            assert.deepEqual(flags, [`--node-labels=eks-hybrid/site=${site},topology.kubernetes.io/zone=${site}`]);
            const [key, value] = flags[0].slice("--node-labels=".length).split(",")[0].split("=");
            const pool = YAML.parse(read(`site-${site}/cilium/ciliumpodippool-site-${site}.yaml`));
            const nodeCfg = YAML.parse(read(`site-${site}/cilium/ciliumnodeconfig-site-${site}.yaml`));
            const cluster = YAML.parse(read(`site-${site}/cilium/ciliumbgpclusterconfig-site-${site}.yaml`));
            assert.deepEqual(nodeCfg.spec.nodeSelector, { matchLabels: { [key]: value } });
            assert.deepEqual(cluster.spec.nodeSelector, { matchLabels: { [key]: value } });
            assert.equal(nodeCfg.spec.defaults["ipam-default-ip-pool"], pool.metadata.name);
            assert.deepEqual(pool.spec.ipv4, { cidrs: [settings.podCidr], maskSize: settings.podMaskSize });
            const routes = JSON.parse(read(`site-${site}/resources.json`))
                .filter((r: any) => r.type === "aws:ec2transitgateway/route:Route")
                .map((r: any) => r.inputs.destinationCidrBlock);
            assert.deepEqual(routes, [settings.nodeCidr, settings.podCidr]);
        }
    });
});

describe("npm run plan on an IAM Roles Anywhere fleet", () => {
    it("plans the sites, the plan's marked ARNs taken where the hub's ARNs go", async () => {
        const stacks = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-iam-ra-"));
        const out = path.join(stacks, "out");
        const hub = fs
            .readFileSync(path.join(FIXTURE_STACKS, "Pulumi.hub.yaml"), "utf8")
            .replace(
                "nodeCredentials: ssm",
                "nodeCredentials: iam-ra\n    iamRolesAnywhere:\n      acmPcaArn: " +
                    "arn:aws:acm-pca:eu-central-1:123456789012:certificate-authority/0a1b2c3d-aaaa-bbbb-cccc-000000000000",
            );
        assert.ok(hub.includes("iam-ra"));
        fs.writeFileSync(path.join(stacks, "Pulumi.hub.yaml"), hub);
        // Berlin lists its hosts by name, as IAM Roles Anywhere needs.
        fs.copyFileSync(path.join(FIXTURE_STACKS, "Pulumi.site-berlin.yaml"), path.join(stacks, "Pulumi.site-berlin.yaml"));
        try {
            const { code, lines } = await plan("--stacks", stacks, "--out", out);
            assert.equal(code, 0, lines.join("\n"));
            const nodeConfig = YAML.parse(fs.readFileSync(path.join(out, "site-berlin/nodeadm/nodeconfig.yaml"), "utf8"));
            assert.match(nodeConfig.spec.hybrid.iamRolesAnywhere.trustAnchorArn, /^arn:aws:rolesanywhere:eu-central-1:<account>:/);
        } finally {
            fs.rmSync(stacks, { recursive: true, force: true });
        }
    });
});

describe("npm run plan on bad input and on one stack", () => {
    it("exits 1 with the validation report and writes nothing", async () => {
        const stacks = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
        const out = path.join(os.tmpdir(), `plan-out-${process.pid}`);
        try {
            const hub = fs
                .readFileSync(path.join(FIXTURE_STACKS, "Pulumi.hub.yaml"), "utf8")
                .replace("serviceCidr: 172.20.0.0/16", "serviceCidr: 10.80.0.0/16");
            fs.writeFileSync(path.join(stacks, "Pulumi.hub.yaml"), hub);
            const { code, lines } = await plan("--stacks", stacks, "--out", out);
            assert.equal(code, 1);
            assert.deepEqual(lines, [
                `${stacks}: 1 problem`,
                '  - Pulumi.hub.yaml: eks-hybrid:hub.remoteNodeNetworks[0]: "10.80.0.0/12" overlaps Pulumi.hub.yaml: ' +
                    'eks-hybrid:hub.serviceCidr "10.80.0.0/16"; the VPC, secondary, service, remote node and remote pod ranges ' +
                    "must not overlap",
            ]);
            assert.equal(fs.existsSync(out), false);
        } finally {
            fs.rmSync(stacks, { recursive: true, force: true });
        }
    });

    it("leaves protect out of resources.json when the stack files lift the protection", async () => {
        const stacks = unprotectedFixtureStacks();
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
        try {
            const { code } = await plan("--stacks", stacks, "--out", out);
            assert.equal(code, 0);
            const options = (stack: string, name: string) =>
                JSON.parse(fs.readFileSync(path.join(out, stack, "resources.json"), "utf8")).find((r: any) => r.name === name).options;
            assert.equal(options("site-munich", "munich-vpn-vpn").protect, undefined);
            assert.deepEqual(options("hub", "hybrid-prod-eks-cluster"), { dependsOn: ["hybrid-prod-eks-cluster-policy"] });
        } finally {
            fs.rmSync(stacks, { recursive: true, force: true });
            fs.rmSync(out, { recursive: true, force: true });
        }
    });

    it("with --stack, plans that stack and the hub it reads, and writes only that stack", async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
        try {
            const { code, lines } = await plan("--stacks", FIXTURE_STACKS, "--out", out, "--stack", "site-munich", "--tree");
            assert.equal(code, 0);
            assert.deepEqual(
                lines.filter((l) => /^\S+ \(\w+\): \d+ resources$/.test(l)).map((l) => l.split(":")[0]),
                ["site-munich (site)"],
            );
            const plain = await plan("--stacks", FIXTURE_STACKS, "--out", out, "--stack", "site-munich");
            assert.equal(plain.lines.filter((l) => l.includes("eks-hybrid-sites:index:")).length, 0, "no tree without --tree");
            assert.deepEqual(
                lines.filter((l) => l.startsWith("[")),
                ["[1/2] hub planned, 71 resources", "[2/2] site-munich planned, 21 resources"],
            );
            // Not site-berlin, and no topology: the fleet's picture needs every site (a full plan).
            assert.deepEqual(fs.readdirSync(out).sort(), [".plan-cache", "README.md", "cost.json", "cost.md", "site-munich"]);
            const unknown = await plan("--stacks", FIXTURE_STACKS, "--out", out, "--stack", "site-paris");
            assert.equal(unknown.code, 1);
            assert.deepEqual(unknown.lines, [
                "--stack site-paris: no such stack in " + FIXTURE_STACKS + "; stacks: hub, site-berlin, site-munich",
            ]);
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });
});

describe("cost estimate", () => {
    const cluster = (version: string) => ({
        type: "aws:eks/cluster:Cluster",
        name: "c",
        urn: "",
        inputs: { version },
        parent: "",
        dependsOn: [],
        deleteBeforeReplace: false,
        beforeUpdateHooks: [],
        custom: true,
    });

    it("prices the control plane by the version's support window on the estimate's date", () => {
        const run: any = { cloud: { registrations: [cluster("1.33")] } };
        const at = (date: string) => estimateCost([run], date).map((l) => [l.item, l.monthlyUsd, l.note]);
        assert.deepEqual(at("2026-07-28"), [["EKS control plane (Kubernetes 1.33)", 73, "standard support until 2026-07-29"]]);
        assert.deepEqual(at("2026-07-29"), [
            ["EKS control plane (Kubernetes 1.33)", 438, "extended support since 2026-07-29: upgrade to pay standard support"],
        ]);
        const unknown: any = { cloud: { registrations: [cluster("1.36")] } };
        assert.deepEqual(
            estimateCost([unknown], "2026-12-01").map((l) => [l.item, l.monthlyUsd, l.note]),
            [
                [
                    "EKS control plane (Kubernetes 1.36)",
                    73,
                    "standard support assumed: the support window of 1.36 is not recorded here (unverified)",
                ],
            ],
        );
    });

    it("prices transit gateway attachments, endpoints and resolver IPs from the registrations", () => {
        const reg = (type: string, inputs: any = {}) => ({
            type,
            name: "x",
            urn: "",
            inputs,
            parent: "",
            dependsOn: [],
            deleteBeforeReplace: false,
            beforeUpdateHooks: [],
            custom: true,
        });
        const run: any = {
            cloud: {
                registrations: [
                    reg("aws:ec2transitgateway/vpcAttachment:VpcAttachment"),
                    reg("aws:ec2/vpnConnection:VpnConnection", { transitGatewayId: "tgw" }),
                    reg("aws:ec2/vpcEndpoint:VpcEndpoint", { vpcEndpointType: "Interface", subnetIds: ["a", "b"] }),
                    reg("aws:ec2/vpcEndpoint:VpcEndpoint", { vpcEndpointType: "Gateway" }),
                    reg("aws:route53/resolverEndpoint:ResolverEndpoint", { ipAddresses: [{}, {}] }),
                ],
            },
        };
        const lines = estimateCost([run]);
        assert.deepEqual(
            lines.map((l) => [l.item, l.quantity, l.monthlyUsd]),
            [
                ["Site-to-Site VPN connections", 1, 36.5],
                ["Transit gateway attachments (VPC and VPNs)", 2, 73],
                ["Interface VPC endpoints", 2, 14.6],
                ["Route 53 Resolver endpoints", 2, 182.5],
            ],
        );
        assert.match(costMarkdown(lines), /\| \*\*total\*\* \| \| \*\*306\.60\*\* \|/);
        // The advanced-instances tier counts every node the activations admit, unpriced until its price is recorded.
        const ssm: any = {
            cloud: {
                registrations: [
                    reg("aws:ssm/serviceSetting:ServiceSetting", { settingValue: "advanced" }),
                    reg("aws:ssm/activation:Activation", { registrationLimit: 600 }),
                    reg("aws:ssm/activation:Activation", { registrationLimit: 401 }),
                ],
            },
        };
        assert.deepEqual(
            estimateCost([ssm]).map((l) => [l.item, l.quantity, l.monthlyUsd, l.note]),
            [
                [
                    "SSM advanced-instances tier (hybrid nodes, per node hour)",
                    1001,
                    0,
                    "price not recorded here (unverified): see the AWS Systems Manager pricing page",
                ],
            ],
        );
    });

    it("needs only the registrations the plan keeps of each stack", async () => {
        const runs = [...(await planFolder(loadStackFolder(FIXTURE_STACKS, new Problems()), Placeholders.Marked)).values()];
        const kept = runs.map((r) => ({ cloud: { registrations: pricedRegistrations(r.cloud.registrations) } }));
        assert.deepEqual(estimateCost(kept, "2026-12-01"), estimateCost(runs, "2026-12-01"));
        const hub = runs[0].cloud.registrations;
        assert.ok(pricedRegistrations(hub).length < hub.length / 4);
    });
});
