import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { customNetworkingMaxPods } from "../../components/cluster/customNetworkingArgs";
import { CrdValidator } from "../../components/config/crdSchema";
import { ConfigError } from "../../components/config/problems";
import { Hub } from "../../components/hub/hub";
import { parseHubConfig } from "../../components/hub/validateHub";
import { Site } from "../../components/site/site";
import { siteHubArgs, siteSettings, validHub } from "../support/fixtures";
import { ACCOUNT, MockCloud, REGION, ZONES } from "../support/mockCloud";

const SUBNETS = ["hub-network-private-10-0-0-0-19-id", "hub-network-private-10-0-32-0-19-id"];
const run = (change: (h: any) => void = () => {}) => {
    const hub = validHub();
    change(hub);
    return MockCloud.run(() => new Hub("hub", hub));
};
const endpointServices = (cloud: MockCloud) =>
    cloud
        .ofType("aws:ec2/vpcEndpoint:VpcEndpoint")
        .filter((r) => r.inputs.vpcEndpointType === "Interface")
        .map((r) => r.inputs.serviceName.replace(`com.amazonaws.${REGION}.`, ""))
        .sort();

describe("private cluster: VPC endpoints chosen by need", () => {
    it("with SSM: the base services plus ssm and ssmmessages", async () => {
        const { cloud } = await run();
        assert.deepEqual(endpointServices(cloud), ["ecr.api", "ecr.dkr", "eks", "logs", "s3", "ssm", "ssmmessages", "sts"]);
    });

    it(
        "with IAM Roles Anywhere, Pod Identity and cloud controllers: rolesanywhere, eks-auth, ec2, elasticloadbalancing, " +
            "autoscaling, xray",
        async () => {
            const { cloud } = await run((h) => {
                h.nodeCredentials = "iam-ra";
                h.iamRolesAnywhere = { caBundlePem: "-----BEGIN CERTIFICATE-----\nx" };
                h.podIdentity = true;
                h.privateEndpoints = { cloudControllers: true };
            });
            assert.deepEqual(endpointServices(cloud), [
                "autoscaling",
                "ec2",
                "ecr.api",
                "ecr.dkr",
                "eks",
                "eks-auth",
                "elasticloadbalancing",
                "logs",
                "rolesanywhere",
                "s3",
                "sts",
                "xray",
            ]);
        },
    );

    it("with a cloud node group: ec2 as well, which the VPC CNI on the cloud nodes calls", async () => {
        const { cloud } = await run((h) => (h.cloudNodeGroup = {}));
        assert.deepEqual(endpointServices(cloud), ["ec2", "ecr.api", "ecr.dkr", "eks", "logs", "s3", "ssm", "ssmmessages", "sts"]);
    });

    it("puts each endpoint in the private subnets with private DNS and the endpoint security group, named by service", async () => {
        const { cloud } = await run();
        for (const r of cloud.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").filter((r) => r.inputs.vpcEndpointType === "Interface")) {
            const service = r.inputs.serviceName.replace(`com.amazonaws.${REGION}.`, "");
            assert.equal(r.name, `hub-endpoints-${service.replace(/\./g, "-")}`);
            assert.equal(r.parent, "hub-endpoints");
            assert.deepEqual(
                {
                    vpcId: r.inputs.vpcId,
                    subnetIds: r.inputs.subnetIds,
                    securityGroupIds: r.inputs.securityGroupIds,
                    privateDnsEnabled: r.inputs.privateDnsEnabled,
                },
                {
                    vpcId: "hub-network-vpc-id",
                    subnetIds: SUBNETS,
                    securityGroupIds: ["hub-endpoints-endpoints-id"],
                    privateDnsEnabled: true,
                },
            );
        }
        // S3 answers on-prem through the interface endpoint, the VPC through the gateway endpoint.
        assert.deepEqual(cloud.named("hub-endpoints-s3").inputs.dnsOptions, { privateDnsOnlyForInboundResolverEndpoint: true });
        assert.ok(cloud.named("hub-endpoints-s3").dependsOn.includes("hub-endpoints-s3-gateway"));
        assert.deepEqual(cloud.named("hub-endpoints-s3-gateway").inputs, {
            vpcId: "hub-network-vpc-id",
            serviceName: `com.amazonaws.${REGION}.s3`,
            vpcEndpointType: "Gateway",
            routeTableIds: SUBNETS,
            tags: { Name: "hub-endpoints-s3-gateway", "eks-hybrid:cluster": "hybrid-prod" },
        });
    });

    it("allows 443 to the endpoints from the VPC and both supernets", async () => {
        const { cloud } = await run();
        const rules = cloud
            .ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
            .filter((r) => r.inputs.securityGroupId === "hub-endpoints-endpoints-id");
        assert.deepEqual(
            rules.map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4]),
            [
                ["tcp", 443, 443, "10.0.0.0/16"],
                ["tcp", 443, 443, "10.80.0.0/12"],
                ["tcp", 443, 443, "10.96.0.0/12"],
            ],
        );
    });

    it("opens a resolver inbound endpoint in every private subnet to DNS from the node supernets, and exports its addresses", async () => {
        const { cloud, result } = await run();
        const resolver = cloud.named("hub-endpoints-resolver", "aws:route53/resolverEndpoint:ResolverEndpoint").inputs;
        assert.equal(resolver.direction, "INBOUND");
        assert.deepEqual(
            resolver.ipAddresses,
            SUBNETS.map((subnetId) => ({ subnetId })),
        );
        assert.deepEqual(resolver.securityGroupIds, ["hub-endpoints-resolver-id"]);
        const rules = cloud
            .ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
            .filter((r) => r.inputs.securityGroupId === "hub-endpoints-resolver-id");
        assert.deepEqual(
            rules.map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4]),
            [
                ["tcp", 53, 53, "10.80.0.0/12"],
                ["udp", 53, 53, "10.80.0.0/12"],
            ],
        );
        assert.deepEqual(await (result.resolverInboundIps as any).promise(), ["10.0.0.53", "10.0.32.53"]);
    });

    it("caches public.ecr.aws through ECR and exports the mirror", async () => {
        const { cloud, result } = await run();
        assert.deepEqual(cloud.named("hub-endpoints-ecr-public").inputs, {
            ecrRepositoryPrefix: "ecr-public",
            upstreamRegistryUrl: "public.ecr.aws",
        });
        assert.equal(await (result.pullThroughRegistry as any).promise(), `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/ecr-public`);
    });

    it("creates none of it with a public endpoint", async () => {
        const { cloud, result } = await run((h) => ((h.endpointAccess = "public"), (h.publicAccessCidrs = ["203.0.113.0/24"])));
        assert.deepEqual(
            cloud.registrations.filter((r) => r.name.startsWith("hub-endpoints")),
            [],
        );
        assert.deepEqual(await (result.resolverInboundIps as any).promise(), []);
        assert.equal(await (result.pullThroughRegistry as any).promise(), "");
        assert.equal(JSON.parse(cloud.named("hub-hybrid-nodes-policy").inputs.policy).Statement.length, 3, "no pull-through statement");
    });
});

describe("VPC CNI custom networking", () => {
    let cloud: MockCloud;
    let hub: Hub;
    before(
        async () =>
            ({ cloud, result: hub } = await run(
                (h) => ((h.customNetworking = { secondaryCidr: "100.64.0.0/16" }), (h.cloudNodeGroup = { instanceTypes: ["m6i.large"] })),
            )),
    );

    it("associates the secondary CIDR and carves one pod subnet per zone from it", () => {
        assert.deepEqual(cloud.named("hub-custom-networking-secondary-cidr").inputs, {
            vpcId: "hub-network-vpc-id",
            cidrBlock: "100.64.0.0/16",
        });
        assert.deepEqual(
            cloud
                .ofType("aws:ec2/subnet:Subnet")
                .filter((r) => r.parent === "hub-custom-networking")
                .map((r) => [r.name, r.inputs.cidrBlock, r.inputs.availabilityZone]),
            [
                ["hub-custom-networking-pods-100-64-0-0-19", "100.64.0.0/19", ZONES[0]],
                ["hub-custom-networking-pods-100-64-32-0-19", "100.64.32.0/19", ZONES[1]],
            ],
        );
    });

    it("routes each pod subnet through its zone's private route table, which holds the routes to the remote networks", () => {
        assert.deepEqual(
            cloud
                .ofType("aws:ec2/routeTableAssociation:RouteTableAssociation")
                .filter((r) => r.parent === "hub-custom-networking")
                .map((r) => [r.name, r.inputs]),
            [
                [
                    "hub-custom-networking-pods-100-64-0-0-19",
                    { subnetId: "hub-custom-networking-pods-100-64-0-0-19-id", routeTableId: "hub-network-private-10-0-0-0-19-id" },
                ],
                [
                    "hub-custom-networking-pods-100-64-32-0-19",
                    { subnetId: "hub-custom-networking-pods-100-64-32-0-19-id", routeTableId: "hub-network-private-10-0-32-0-19-id" },
                ],
            ],
        );
        const remoteRoutes = cloud.ofType("aws:ec2/route:Route").map((r) => `${r.inputs.routeTableId} ${r.inputs.destinationCidrBlock}`);
        for (const table of ["hub-network-private-10-0-0-0-19-id", "hub-network-private-10-0-32-0-19-id"]) {
            assert.ok(remoteRoutes.includes(`${table} 10.80.0.0/12`) && remoteRoutes.includes(`${table} 10.96.0.0/12`), table);
        }
    });

    it("lets the cloud pods' secondary CIDR reach the VPC endpoints, and tells the sites to route it", async () => {
        const sources = cloud
            .ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
            .filter((r) => r.name.startsWith("hub-endpoints-endpoints-tcp443-"))
            .map((r) => r.inputs.cidrIpv4);
        assert.deepEqual(sources, ["10.0.0.0/16", "100.64.0.0/16", "10.80.0.0/12", "10.96.0.0/12"]);
        assert.deepEqual(await (hub.vpcCidrs as any).promise(), ["10.0.0.0/16", "100.64.0.0/16"]);
    });

    it("creates one ENIConfig per zone, named after it, with the pod subnet and the cluster security group", () => {
        const configs = cloud
            .ofType("kubernetes:crd.k8s.amazonaws.com/v1alpha1:ENIConfig")
            .map((r) => r.inputs)
            .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
        assert.deepEqual(configs, [
            {
                apiVersion: "crd.k8s.amazonaws.com/v1alpha1",
                kind: "ENIConfig",
                metadata: { name: ZONES[0] },
                spec: { subnet: "hub-custom-networking-pods-100-64-0-0-19-id", securityGroups: ["sg-eks-cluster"] },
            },
            {
                apiVersion: "crd.k8s.amazonaws.com/v1alpha1",
                kind: "ENIConfig",
                metadata: { name: ZONES[1] },
                spec: { subnet: "hub-custom-networking-pods-100-64-32-0-19-id", securityGroups: ["sg-eks-cluster"] },
            },
        ]);
    });

    it("applies the ENIConfigs before any cloud node joins, and coredns after the nodes (no deadlock)", () => {
        const eniConfigs = cloud.ofType("kubernetes:crd.k8s.amazonaws.com/v1alpha1:ENIConfig");
        assert.equal(eniConfigs.length, 2);
        for (const r of eniConfigs) {
            const waitsFor = r.dependsOn.filter((d) => d.startsWith("hub-addons"));
            assert.deepEqual(waitsFor, [], `${r.name} waits for nothing of the add-ons`);
        }
        const group = cloud.named("hub-addons-cloud-nodes", "aws:eks/nodeGroup:NodeGroup");
        for (const r of eniConfigs) assert.ok(group.dependsOn.includes(r.name), `the node group waits for ${r.name}`);
        assert.ok(group.dependsOn.includes("hub-addons-vpc-cni"), "and for the CNI's custom-networking settings");
        assert.ok(cloud.named("hub-addons-coredns").dependsOn.includes("hub-addons-cloud-nodes"), "coredns waits for the nodes");
    });

    it("holds the ENIConfigs, the cloud nodes and coredns back while the hub applies no Kubernetes objects", async () => {
        const { cloud: deferred } = await run(
            (h) => (
                (h.customNetworking = { secondaryCidr: "100.64.0.0/16" }),
                (h.cloudNodeGroup = { instanceTypes: ["m6i.large"] }),
                (h.kubernetesObjects = false)
            ),
        );
        assert.deepEqual(deferred.ofType("kubernetes:crd.k8s.amazonaws.com/v1alpha1:ENIConfig"), []);
        assert.deepEqual(deferred.ofType("aws:eks/nodeGroup:NodeGroup"), []);
        assert.equal(deferred.registrations.filter((r) => r.name === "hub-addons-coredns").length, 0);
        assert.equal(deferred.ofType("aws:ec2/subnet:Subnet").filter((r) => r.parent === "hub-custom-networking").length, 2);
    });

    it("switches the VPC CNI to custom networking, keeping it off hybrid nodes", () => {
        // VpcCniAddon turns these into AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG and ENI_CONFIG_LABEL_DEF.
        const cni = cloud.named("hub-addons-vpc-cni", "eks:index:VpcCniAddon").inputs;
        assert.equal(cni.customNetworkConfig, true);
        assert.equal(cni.eniConfigLabelDef, "topology.kubernetes.io/zone");
        const values = cni.configurationValues;
        assert.equal(values.env, undefined);
        assert.deepEqual(
            values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values,
            ["hybrid", "fargate"],
        );
    });

    it("sets the cloud nodes' max pods for custom networking through a launch template", () => {
        const template = cloud.named("hub-addons-cloud-nodes", "aws:ec2/launchTemplate:LaunchTemplate").inputs;
        const mime = Buffer.from(template.userData, "base64").toString();
        assert.match(
            mime,
            new RegExp(
                '^MIME-Version: 1\\.0\nContent-Type: multipart/mixed; boundary="eks-hybrid-sites"\n\n' +
                    "--eks-hybrid-sites\nContent-Type: application/node\\.eks\\.aws\n\n",
            ),
        );
        const nodeConfig = YAML.parse(mime.split("Content-Type: application/node.eks.aws\n\n")[1].split("\n--eks-hybrid-sites--")[0]);
        // m6i.large: 3 ENIs of 10 addresses, the primary carrying no pods: 2 x 9 + 2.
        assert.deepEqual(nodeConfig.spec.kubelet.flags, ["--max-pods=20"]);
        assert.deepEqual(new CrdValidator("nodeadm/node.eks.aws_nodeconfigs.yaml").errors(nodeConfig), []);
        const group = cloud.named("hub-addons-cloud-nodes", "aws:eks/nodeGroup:NodeGroup");
        assert.deepEqual(group.inputs.launchTemplate, { id: "hub-addons-cloud-nodes-id", version: "1" });
        assert.ok(group.dependsOn.includes("hub-addons-vpc-cni"));
    });

    it("computes max pods per instance type, the smallest across the group", () => {
        assert.equal(customNetworkingMaxPods(["m6i.large"]), 20);
        assert.equal(customNetworkingMaxPods(["m6i.xlarge"]), 44);
        assert.equal(customNetworkingMaxPods(["m6i.xlarge", "t3.medium"]), 12);
        assert.equal(customNetworkingMaxPods(["x9.huge"]), undefined);
    });

    it("is off without a secondary CIDR", async () => {
        const { cloud: plain } = await run((h) => (h.cloudNodeGroup = {}));
        const cni = plain.named("hub-addons-vpc-cni").inputs;
        assert.equal(cni.customNetworkConfig, undefined);
        assert.equal(cni.eniConfigLabelDef, undefined);
        assert.deepEqual(plain.ofType("aws:ec2/launchTemplate:LaunchTemplate"), []);
        assert.deepEqual(plain.ofType("kubernetes:crd.k8s.amazonaws.com/v1alpha1:ENIConfig"), []);
    });

    it("uses the zones of an existing VPC's subnets", async () => {
        const { cloud: existing } = await run((h) => {
            h.vpc = { cidr: "10.0.0.0/16", id: "vpc-0abc", privateSubnetIds: ["subnet-01", "subnet-02"], routeTableIds: ["rtb-01"] };
            h.customNetworking = { secondaryCidr: "100.64.0.0/16" };
        });
        const zones = existing.ofType("kubernetes:crd.k8s.amazonaws.com/v1alpha1:ENIConfig").map((r) => r.inputs.metadata.name);
        assert.equal(new Set(zones).size, 2);
        assert.ok(zones.every((z: string) => ZONES.includes(z)));
    });
});

describe("private cluster and custom networking: validation", () => {
    const problems = (change: (h: any) => void) => {
        const hub = validHub();
        change(hub);
        try {
            parseHubConfig(hub);
            return [];
        } catch (e) {
            assert.ok(e instanceof ConfigError);
            return e.problems.map((p) => `${p.key}: ${p.message}`);
        }
    };

    it("names endpoint options on a public cluster", () => {
        assert.deepEqual(
            problems(
                (h) => (
                    (h.endpointAccess = "public"),
                    (h.publicAccessCidrs = ["203.0.113.0/24"]),
                    (h.privateEndpoints = { cloudControllers: true })
                ),
            ),
            [
                "eks-hybrid:hub.privateEndpoints: is set but endpointAccess is public; VPC endpoints come with endpointAccess: " +
                    "private, remove privateEndpoints",
            ],
        );
    });

    it("names a secondary CIDR overlapping the supernets or the service CIDR", () => {
        assert.deepEqual(
            problems((h) => (h.customNetworking = { secondaryCidr: "10.96.0.0/16" })),
            [
                'eks-hybrid:hub.remotePodNetworks[0]: "10.96.0.0/12" overlaps eks-hybrid:hub.customNetworking.secondaryCidr ' +
                    '"10.96.0.0/16"; the VPC, secondary, service, remote node and remote pod ranges must not overlap',
            ],
        );
        assert.deepEqual(
            problems((h) => (h.customNetworking = { secondaryCidr: "172.20.0.0/16" })),
            [
                'eks-hybrid:hub.serviceCidr: "172.20.0.0/16" overlaps eks-hybrid:hub.customNetworking.secondaryCidr ' +
                    '"172.20.0.0/16"; the VPC, secondary, service, remote node and remote pod ranges must not overlap',
            ],
        );
    });

    it("names a node group whose max pods cannot be worked out", () => {
        assert.deepEqual(
            problems(
                (h) => ((h.customNetworking = { secondaryCidr: "100.64.0.0/16" }), (h.cloudNodeGroup = { instanceTypes: ["x9.huge"] })),
            ),
            [
                "eks-hybrid:hub.cloudNodeGroup.maxPods: missing; with custom networking the nodes need max pods, and x9.huge has " +
                    "no known ENI limits here: set maxPods to (ENIs - 1) x (IPv4 addresses per ENI - 1) + 2",
            ],
        );
        assert.deepEqual(
            problems(
                (h) => (
                    (h.customNetworking = { secondaryCidr: "100.64.0.0/16" }),
                    (h.cloudNodeGroup = { instanceTypes: ["x9.huge"], maxPods: 58 })
                ),
            ),
            [],
        );
    });

    it("keeps the kubeconfig secret on a private cluster too", async () => {
        const { result } = await run();
        assert.equal(await pulumi.isSecret(result.kubeconfig), true);
    });
});

describe("EKS Pod Identity on hybrid nodes", () => {
    let cloud: MockCloud;
    before(async () => ({ cloud } = await run((h) => (h.podIdentity = true))));

    it("installs eks-pod-identity-agent with its daemonset for hybrid nodes", () => {
        const addon = cloud.named("hub-addons-eks-pod-identity-agent", "aws:eks/addon:Addon").inputs;
        assert.equal(addon.addonName, "eks-pod-identity-agent");
        assert.equal(addon.clusterName, "hybrid-prod");
        assert.deepEqual(JSON.parse(addon.configurationValues), { daemonsets: { hybrid: { create: true } } });
    });

    it("lets the hybrid nodes' role assume roles for pods of this cluster only, and adds the eks-auth endpoint", () => {
        const policy = JSON.parse(cloud.named("hub-hybrid-nodes-policy").inputs.policy);
        assert.deepEqual(
            policy.Statement.find((s: any) => s.Sid === "EksPodIdentity"),
            {
                Sid: "EksPodIdentity",
                Effect: "Allow",
                Action: "eks-auth:AssumeRoleForPodIdentity",
                Resource: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/hybrid-prod`,
            },
        );
        assert.ok(endpointServices(cloud).includes("eks-auth"));
    });

    it("is off by default: no agent, no statement, no eks-auth endpoint", async () => {
        const { cloud: plain } = await run();
        assert.deepEqual(
            plain.ofType("aws:eks/addon:Addon").filter((r) => r.inputs.addonName === "eks-pod-identity-agent"),
            [],
        );
        assert.equal(
            JSON.parse(plain.named("hub-hybrid-nodes-policy").inputs.policy)
                .Statement.map((s: any) => s.Sid)
                .includes("EksPodIdentity"),
            false,
        );
        assert.equal(endpointServices(plain).includes("eks-auth"), false);
    });

    it("makes the sites' NodeConfigs write the credentials file the agent reads, valid for nodeadm", async () => {
        const { result: site } = await MockCloud.run(
            () =>
                new Site("munich", {
                    site: siteSettings(),
                    hub: { ...siteHubArgs(), podIdentity: true },
                    activationExpiry: "2026-12-22T00:00:00Z",
                }),
        );
        const nodeConfig = YAML.parse(await (site.nodeConfig as any).promise());
        assert.equal(nodeConfig.spec.hybrid.enableCredentialsFile, true);
        assert.deepEqual(new CrdValidator("nodeadm/node.eks.aws_nodeconfigs.yaml").errors(nodeConfig), []);
        const { result: without } = await MockCloud.run(
            () => new Site("munich", { site: siteSettings(), hub: siteHubArgs(), activationExpiry: "2026-12-22T00:00:00Z" }),
        );
        assert.equal(YAML.parse(await (without.nodeConfig as any).promise()).spec.hybrid.enableCredentialsFile, undefined);
    });
});
