import { strict as assert } from "assert";
import { ciliumValuesErrors, unknownValuePaths } from "../../cli/plan/ciliumValuesSchema";
import { SOURCE_DEST_CHECK_OFF } from "../../components/cluster/nodeUserData";
import { Problems } from "../../components/config/problems";
import { hasVtepSupport } from "../../components/gateway/gatewayChart";
import { Hub } from "../../components/hub/hub";
import { HubArgs } from "../../components/hub/hubArgs";
import { checkHub } from "../../components/hub/validateHub";
import { siteTeamFiles } from "../../cli/files/siteTeamFiles";
import { Placeholders } from "../../cli/plan/mockEngine";
import { planFiles } from "../../cli/plan/planDigest";
import { planFolder } from "../../cli/plan/planFolder";
import { validateFolder } from "../../cli/stacks/validateFolder";
import { PodNetworkingMode } from "../../components/network/enums";
import { IpsecMode } from "../../components/onprem/enums";
import { Site, SiteHubArgs } from "../../components/site/site";
import { hubFile, siteFile, siteHubArgs, siteSettings, validHub } from "../support/fixtures";
import { MockCloud, Registration } from "../support/mockCloud";

const H = "eks-hybrid:hub";
const CLOUD = { instanceTypes: ["m7i.large"], minSize: 2, desiredSize: 2, maxSize: 3 };

function gatewayHub(change: (h: any) => void = () => {}): any {
    const hub = validHub();
    hub.podNetworking = { mode: "gateway" };
    hub.cloudNodeGroup = { ...CLOUD };
    hub.kubernetesObjects = true;
    change(hub);
    return hub;
}

const problemsOf = (hub: unknown) => {
    const problems = new Problems();
    checkHub(hub, H, problems);
    return problems.all.map((p) => `${p.key}: ${p.message}`);
};

describe("podNetworking.mode gateway: the rules", () => {
    it("accepts a hub with a cloud node group of two nodes over two zones", () => {
        assert.deepEqual(problemsOf(gatewayHub()), []);
    });

    it("refuses gateway without cloud nodes, with one node, with custom networking, naming the key", () => {
        assert.deepEqual(problemsOf(gatewayHub((h) => delete h.cloudNodeGroup)), [
            `${H}.podNetworking.mode: gateway needs cloudNodeGroup: the gateway's two pods (active and standby) run on cloud ` +
                "nodes in two zones; add cloudNodeGroup with minSize 2",
        ]);
        assert.deepEqual(problemsOf(gatewayHub((h) => (h.cloudNodeGroup = { instanceTypes: ["m7i.large"], minSize: 1 }))), [
            `${H}.cloudNodeGroup.minSize: 1 is below 2; with podNetworking.mode gateway the gateway's active and standby pods need ` +
                "two cloud nodes in two zones",
        ]);
        assert.deepEqual(problemsOf(gatewayHub((h) => (h.customNetworking = { secondaryCidr: "100.64.0.0/16" }))), [
            `${H}.customNetworking: is set with podNetworking.mode gateway: the gateway's VXLAN endpoint covers the VPC's primary ` +
                "CIDR only, so pods on the secondary CIDR would be out of reach (not built); use one or the other",
        ]);
    });

    it("needs a Cilium build with VTEP, and a per-node mask longer than the pod networks", () => {
        const noVtep = gatewayHub((h) => {
            h.cilium = { chartVersion: "1.18.5-0" };
            h.remotePodNetworks = ["10.96.0.0/20"];
            h.podNetworking.podMaskSize = 20;
        });
        assert.deepEqual(problemsOf(noVtep), [
            `${H}.cilium.chartVersion: "1.18.5-0" has no VTEP support, which podNetworking.mode gateway needs; use 1.18.8-1 or ` +
                "later (AWS's first builds with it: 1.17.13-1, 1.18.8-1, 1.19.2-1)",
            `${H}.podNetworking.podMaskSize: /20 is not longer than remotePodNetworks[0] 10.96.0.0/20: each hybrid node takes a ` +
                "/20 from the pool; use a prefix length above 20",
        ]);
        for (const [version, ok] of [
            ["1.18.8-1", true],
            ["1.18.9-1", true],
            ["1.18.8-0", false],
            ["1.18.7-1", false],
            ["1.19.2-1", true],
            ["1.16.9-0", false],
        ] as const)
            assert.equal(hasVtepSupport(version), ok, version);
    });

    it("refuses the gateway's own settings under routed", () => {
        assert.deepEqual(problemsOf({ ...validHub(), podNetworking: { mode: "routed", podMaskSize: 25, gatewayChartVersion: "1.0.0" } }), [
            `${H}.podNetworking.podMaskSize: is set with mode routed; it is for mode gateway`,
            `${H}.podNetworking.gatewayChartVersion: is set with mode routed; it is for mode gateway`,
        ]);
    });
});

describe("a hub with podNetworking.mode gateway", () => {
    let cloud: MockCloud;
    let outputs: Record<string, unknown>;
    before(async () => {
        const run = await MockCloud.run(async () => {
            const hub = new Hub("hub", gatewayHub() as HubArgs);
            return { mode: hub.podNetworkingMode };
        });
        cloud = run.cloud;
        outputs = run.result;
    });
    const values = (r: Registration) => r.inputs.values;

    it("runs Cilium with cluster-pool IPAM over the remote pod networks and VTEP, valid for the chart", () => {
        const cilium = values(cloud.named("hub-cilium-cilium"));
        // A private cluster: the images come through its pull-through cache.
        assert.equal((cilium.image as any).repository, "123456789012.dkr.ecr.eu-central-1.amazonaws.com/ecr-public/eks/cilium/cilium");
        assert.deepEqual(cilium.ipam, {
            mode: "cluster-pool",
            operator: { clusterPoolIPv4PodCIDRList: ["10.96.0.0/12"], clusterPoolIPv4MaskSize: 25 },
        });
        assert.deepEqual(
            [cilium.vtep, cilium.l7Proxy, cilium.enableIPv4Masquerade, cilium.routingMode],
            [{ enabled: true }, false, true, "tunnel"],
        );
        assert.equal(cilium.endpointRoutes, undefined);
        assert.deepEqual(ciliumValuesErrors(cilium), []);
        assert.deepEqual(unknownValuePaths(cilium), []);
        assert.deepEqual(
            cloud.registrations.filter((r) => r.name === "hub-cilium-advertisement"),
            [],
            "no per-site pools to announce",
        );
    });

    it("installs the gateway's chart with the VPC, the pod networks and the private route tables", () => {
        const release = cloud.named("hub-gateway-release");
        assert.deepEqual(
            {
                name: release.inputs.name,
                chart: release.inputs.chart,
                version: release.inputs.version,
                namespace: release.inputs.namespace,
                createNamespace: release.inputs.createNamespace,
            },
            {
                name: "eks-hybrid-nodes-gateway",
                chart: "oci://public.ecr.aws/eks/eks-hybrid-nodes-gateway",
                version: "1.0.0",
                namespace: "eks-hybrid-nodes-gateway",
                createNamespace: true,
            },
        );
        assert.deepEqual(values(release), {
            vpcCIDR: "10.0.0.0/16",
            podCIDRs: "10.96.0.0/12",
            routeTableIDs: "hub-network-private-10-0-0-0-19-id,hub-network-private-10-0-32-0-19-id",
            nodeLabel: "hybrid-gateway-node",
            autoMode: { enabled: false },
            image: { repository: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/ecr-public/eks/eks-hybrid-nodes-gateway" },
        });
        assert.equal(release.provider, "hub-k8s");
        assert.deepEqual(release.explicitDependsOn, ["hub-addons-eks-pod-identity-agent", "hub-gateway-pod-identity"]);
    });

    it("gives the gateway's pods its route-table IAM through Pod Identity, and the agent on the cloud nodes", () => {
        assert.deepEqual(JSON.parse(cloud.named("hub-gateway-role").inputs.assumeRolePolicy), {
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] },
            ],
        });
        assert.deepEqual(JSON.parse(cloud.named("hub-gateway-policy").inputs.policy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: ["ec2:DescribeRouteTables", "ec2:DescribeInstances", "ec2:CreateRoute", "ec2:ReplaceRoute"],
                    Resource: "*",
                },
            ],
        });
        const association = cloud.named("hub-gateway-pod-identity");
        assert.deepEqual(
            [association.inputs.clusterName, association.inputs.namespace, association.inputs.serviceAccount],
            ["hybrid-prod", "eks-hybrid-nodes-gateway", "eks-hybrid-nodes-gateway"],
        );
        assert.ok(association.dependsOn.includes("hub-gateway-role"), "its roleArn is the gateway role's");
        assert.deepEqual(cloud.named("hub-addons-eks-pod-identity-agent").inputs.configurationValues, undefined);
        const cni = cloud.named("hub-addons-vpc-cni").inputs.configurationValues;
        assert.deepEqual(cni.env, { AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS: "10.96.0.0/12" }, "cloud pods keep their addresses to hybrid pods");
    });

    it("labels the cloud nodes for the gateway, turns their ENI's source/destination check off at boot, and lets VXLAN in", () => {
        assert.deepEqual(cloud.named("hub-addons-cloud-nodes", "aws:eks/nodeGroup:NodeGroup").inputs.labels, {
            "hybrid-gateway-node": "true",
        });
        const userData = Buffer.from(
            cloud.named("hub-addons-cloud-nodes", "aws:ec2/launchTemplate:LaunchTemplate").inputs.userData,
            "base64",
        ).toString();
        assert.ok(
            userData.includes(`Content-Type: text/x-shellscript; charset="us-ascii"\n\n${SOURCE_DEST_CHECK_OFF}\n--eks-hybrid-sites--`),
            userData,
        );
        assert.deepEqual(JSON.parse(cloud.named("hub-addons-cloud-nodes-source-dest-check").inputs.policy).Statement, [
            { Effect: "Allow", Action: "ec2:ModifyNetworkInterfaceAttribute", Resource: "arn:aws:ec2:*:*:network-interface/*" },
        ]);
        const vxlan = cloud.named("hub-addons-cloud-nodes-ingress-udp8472-10-80-0-0-12").inputs;
        const dns = cloud.named("hub-addons-cloud-nodes-ingress-udp53-10-96-0-0-12").inputs;
        assert.deepEqual([vxlan.ipProtocol, vxlan.fromPort, vxlan.toPort, vxlan.cidrIpv4], ["udp", 8472, 8472, "10.80.0.0/12"]);
        assert.equal(vxlan.securityGroupId, dns.securityGroupId, "on the cluster security group the cloud nodes carry");
    });

    it("leaves the pod networks' VPC routes to the gateway: none of Pulumi's routes has a destination the gateway replaces", () => {
        // The leader creates or replaces, in each table it is given, a route for each of its podCIDRs
        // (internal/aws/routetable.go): a Pulumi route of the same destination would be taken over
        // at every failover and put back at every up.
        const release = values(cloud.named("hub-gateway-release"));
        const tables = new Set(String(release.routeTableIDs).split(","));
        const taken = new Set(String(release.podCIDRs).split(","));
        const routes = cloud.ofType("aws:ec2/route:Route").map((r) => r.inputs);
        assert.deepEqual(
            routes.filter((r) => tables.has(r.routeTableId) && taken.has(r.destinationCidrBlock)),
            [],
        );
        assert.deepEqual([...new Set(routes.map((r) => r.destinationCidrBlock))], ["10.80.0.0/12"], "the node networks stay routed");
        assert.deepEqual(outputs, { mode: "gateway" });
    });
});

describe("a site under a hub running podNetworking.mode gateway", () => {
    const gatewayHubArgs = (): SiteHubArgs => ({ ...siteHubArgs(), podNetworkingMode: PodNetworkingMode.Gateway });
    const gatewaySite = (change: (s: any) => void = () => {}) => {
        const site = siteSettings();
        delete site.podCidr;
        delete site.podMaskSize;
        site.vpnServer.lanAddress = "10.80.1.2";
        site.vpnServer.ipsecMode = IpsecMode.Userspace;
        change(site);
        return site;
    };
    const run = (site: any, hub = gatewayHubArgs()) =>
        MockCloud.run(() => new Site("munich", { site, hub, activationExpiry: "2026-12-22T00:00:00Z" }));

    it("routes only its node CIDR over its VPN, and makes no pod pool", async () => {
        const { cloud } = await run(gatewaySite());
        assert.deepEqual(
            cloud.ofType("aws:ec2/vpnConnectionRoute:VpnConnectionRoute").map((r) => r.inputs.destinationCidrBlock),
            ["10.80.1.0/24"],
        );
        assert.deepEqual(
            cloud.registrations.filter((r) => r.type.startsWith("kubernetes:cilium.io/")).map((r) => r.type),
            ["kubernetes:cilium.io/v2:CiliumBGPPeerConfig", "kubernetes:cilium.io/v2:CiliumBGPClusterConfig"],
            "the BGP peering stays, for the site's Services; no CiliumPodIPPool or CiliumNodeConfig",
        );
    });

    it("has the router and the VPN server carry no pod network, the site's or the others'", async () => {
        const { result } = await run(gatewaySite());
        const frr: string = await (result.routerConfig as any).promise();
        assert.ok(!frr.includes("POD-SLICES"), frr);
        assert.ok(!frr.includes("10.96."), frr);
        const files: Record<string, string> = await (result.vpnServerConfig as any).promise();
        assert.match(files["setup.sh"], /ip daddr \{ 10\.80\.1\.0\/24 \} accept/);
        for (const [path, text] of Object.entries(files)) assert.ok(!text.includes("10.96."), path);
        // VXLAN from the gateway's nodes (in the VPC) to the site's nodes is forwarded like all VPC traffic.
        assert.match(files["setup.sh"], /iifname "ipsec\*" ip saddr \{ 10\.0\.0\.0\/16, [^}]+ \} ip daddr \{ 10\.80\.1\.0\/24 \} accept/);
    });

    it("is refused with a pod CIDR, naming the mode; a routed hub's site without one is refused too", async () => {
        await assert.rejects(
            run(gatewaySite((s) => ((s.podCidr = "10.96.1.0/24"), (s.podMaskSize = 26)))),
            (e: Error) =>
                e.message ===
                'invalid arguments of Site "munich": 2 problems\n' +
                    "  - args.site.podCidr: is set, but the hub runs podNetworking.mode gateway: pods take their addresses from the " +
                    "hub's cluster pool (remotePodNetworks) and no site routes a pod CIDR; remove it\n" +
                    "  - args.site.podMaskSize: is set, but the hub runs podNetworking.mode gateway: pods take their addresses from the " +
                    "hub's cluster pool (remotePodNetworks) and no site routes a pod CIDR; remove it",
        );
        await assert.rejects(
            run(gatewaySite(), siteHubArgs()),
            (e: Error) =>
                e.message ===
                'invalid arguments of Site "munich": 1 problem\n' +
                    "  - args.site.podCidr: missing; the hub routes pods per site (podNetworking.mode routed, the default): give the " +
                    "site its pod CIDR, such as 10.96.1.0/24, inside the hub's remotePodNetworks",
        );
    });

    it("is checked against its hub's mode by npm run validate", () => {
        const hub = hubFile((h) => ((h.podNetworking = { mode: "gateway" }), (h.cloudNodeGroup = { minSize: 2, desiredSize: 2 })));
        const bare = (i: number) => siteFile(i, (s) => (delete s.podCidr, delete s.podMaskSize));
        const report = validateFolder([hub, bare(1), siteFile(2)]);
        assert.deepEqual(
            report.problems.map((p) => `${p.key}: ${p.message}`),
            ["podCidr", "podMaskSize"].map(
                (key) =>
                    `Pulumi.site2.yaml: eks-hybrid:site.${key}: is set, but hub stack hub runs podNetworking.mode gateway: pods take ` +
                    "their addresses from the hub's cluster pool (remotePodNetworks) and no site routes a pod CIDR; remove it",
            ),
        );
        const ok = validateFolder([hub, bare(1), bare(2)]);
        assert.deepEqual(ok.problems, []);
        assert.equal(
            ok.summaries[1],
            "site1 (site site1 of hub): nodes 10.80.1.0/24, pods from the hub's cluster pool, VPN 203.0.113.1 AS65001, 3 nodes",
        );
        assert.match(ok.summaries[0], /pods 10\.96\.0\.0\/12 \(Hybrid Nodes gateway\), 2 sites$/);
        assert.deepEqual(
            validateFolder([hubFile(), bare(1)]).problems.map((p) => p.key),
            ["Pulumi.site1.yaml: eks-hybrid:site.podCidr"],
        );
    });
});

describe("the offline plan of a fleet on AWS's Hybrid Nodes gateway", () => {
    it("plans the hub and its sites, and the topology shows the mode", async () => {
        const hub = hubFile((h) => {
            h.podNetworking = { mode: "gateway" };
            h.cloudNodeGroup = { minSize: 2, desiredSize: 2 };
            h.kubernetesObjects = true;
        });
        const bare = (i: number) => siteFile(i, (s) => (delete s.podCidr, delete s.podMaskSize));
        const files = [hub, bare(1), bare(2)];
        assert.deepEqual(validateFolder(files).problems, []);
        const runs = await planFolder(files, Placeholders.Marked, () => {}, { workers: 0 });
        assert.deepEqual([...runs.keys()], ["hub", "site1", "site2"]);
        assert.equal(runs.get("hub")!.outputs.podNetworkingMode, "gateway");
        const site = runs.get("site1")!.cloud.registrations;
        assert.deepEqual(
            site.filter((r) => r.type === "aws:ec2transitgateway/route:Route").map((r) => r.inputs.destinationCidrBlock),
            ["10.80.1.0/24"],
        );
        const mermaid = planFiles(runs).find((f) => f.path === "hub/topology.mmd")!.text;
        assert.ok(mermaid.includes("site1<br/>nodes 10.80.1.0/24<br/>pods via the Hybrid Nodes gateway"), mermaid);
        assert.ok(mermaid.includes('"VPN 203.0.113.1 AS65001: 10.80.1.0/24"'), mermaid);
        assert.ok(mermaid.includes("Hybrid Nodes gateway on the cloud nodes"), mermaid);
    });
});

describe("the site team's README says which pod networking the site runs", () => {
    const readme = (outputs: Record<string, unknown>) =>
        siteTeamFiles("site-munich", { vpnServerConfig: { "setup.sh": "#!/bin/sh\n" }, ...outputs }, []).find(
            (f) => f.path === "README.md",
        )!.text;

    it("gateway: only the node CIDR over the VPN, VXLAN let through, and no hold-back once the objects are applied", () => {
        const text = readme({ podPoolName: "", kubernetesObjects: true, podNetworkingMode: "gateway" });
        assert.ok(
            text.includes(
                "\nPod networking: AWS's Hybrid Nodes gateway. Only the node CIDR crosses the VPN; nothing on-prem routes pods, and " +
                    "UDP 8472 (VXLAN) must pass between the VPC and the node CIDR. " +
                    '(docs/site-runbook.md, "What the network team routes").\n',
            ),
            text,
        );
        assert.doesNotMatch(text, /Not the nodes yet/);
        assert.match(readme({ podPoolName: "", kubernetesObjects: false, podNetworkingMode: "gateway" }), /Not the nodes yet/);
    });

    it("routed, and a site of a hub that predates the outputs: the pool tells", () => {
        assert.match(
            readme({ podPoolName: "site-munich", podNetworkingMode: "routed", kubernetesObjects: true }),
            /\nPod networking: routed\. /,
        );
        assert.match(readme({ podPoolName: "" }), /Not the nodes yet/);
        assert.doesNotMatch(readme({ podPoolName: "site-munich" }), /Not the nodes yet/);
    });
});
