import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { ArgumentsError } from "../../components/config/argumentsError";
import { Hub } from "../../components/hub/hub";
import { planClusterSgRules } from "../../components/cluster/securityGroupRules";
import { HubArgs } from "../../components/hub/hubArgs";
import { ACCOUNT, MockCloud, REGION, ZONES } from "../support/mockCloud";
import { validHub } from "../support/fixtures";

const CLUSTER_ARN = `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/hybrid-prod`;

function hubArgs(change: (h: any) => void = () => {}): HubArgs {
    const hub = validHub();
    change(hub);
    return hub;
}

const runHub = (args: HubArgs) => MockCloud.run(() => new Hub("hub", args));
const value = <T>(o: pulumi.Output<T>): Promise<T> => (o as any).promise();

const COMMON_CLUSTER = [
    "eks-hybrid-sites:index:Hub hub",
    "eks-hybrid-sites:index:HubNetwork hub-network",
    "eks-hybrid-sites:index:HybridCluster hub-eks",
    "aws:iam/role:Role hub-eks-cluster-role",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment hub-eks-cluster-policy",
    "aws:kms/key:Key hub-eks-secrets",
    "aws:kms/key:Key hub-alerts-key",
    "aws:sns/topic:Topic hub-alerts",
    "aws:ec2/securityGroup:SecurityGroup hub-eks-remote-access",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule hub-eks-ingress-tcp443-10-80-0-0-12",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule hub-eks-ingress-tcp443-10-96-0-0-12",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule hub-eks-egress-tcp10250-10-80-0-0-12",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule hub-eks-egress-tcp443-10-96-0-0-12",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule hub-eks-egress-tcp8443-10-96-0-0-12",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule hub-eks-egress-tcp9443-10-96-0-0-12",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule hub-eks-egress-tcp10250-10-96-0-0-12",
    "aws:eks/cluster:Cluster hub-eks-cluster",
    "eks-hybrid-sites:index:HybridNodeIdentity hub-hybrid-nodes",
    "aws:iam/role:Role hub-hybrid-nodes-role",
    "aws:iam/rolePolicy:RolePolicy hub-hybrid-nodes-policy",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment hub-hybrid-nodes-AmazonEC2ContainerRegistryPullOnly",
    "aws:eks/accessEntry:AccessEntry hub-hybrid-nodes-access-entry",
    "eks-hybrid-sites:index:ClusterAddons hub-addons",
    "eks:index:VpcCniAddon hub-addons-vpc-cni",
    "aws:eks/addon:Addon hub-addons-kube-proxy",
    "eks-hybrid-sites:index:CiliumRelease hub-cilium",
    "pulumi:providers:kubernetes hub-k8s",
    ...["ciliumpodippools", "ciliumnodeconfigs", "ciliumbgpclusterconfigs", "ciliumbgppeerconfigs", "ciliumbgpadvertisements"].map(
        (plural) => `kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition hub-cilium-crd-${plural}`,
    ),
    "kubernetes:helm.sh/v3:Release hub-cilium-cilium",
    "kubernetes:cilium.io/v2:CiliumBGPAdvertisement hub-cilium-advertisement",
];

const SERVICES = ["eks", "ecr-api", "ecr-dkr", "s3", "sts", "logs"];
/**
 * What a private endpoint adds: the API open to the VPC (where Pulumi runs), endpoints by service,
 * their security group, the resolver, the image cache.
 */
const PRIVATE = (extraServices: string[]) => [
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule hub-eks-ingress-tcp443-10-0-0-0-16",
    "eks-hybrid-sites:index:PrivateEndpoints hub-endpoints",
    "aws:ec2/securityGroup:SecurityGroup hub-endpoints-endpoints",
    ...["10-0-0-0-16", "10-80-0-0-12", "10-96-0-0-12"].map(
        (c) => `aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule hub-endpoints-endpoints-tcp443-${c}`,
    ),
    ...[...SERVICES, ...extraServices].map((svc) => `aws:ec2/vpcEndpoint:VpcEndpoint hub-endpoints-${svc}`),
    "aws:ec2/vpcEndpoint:VpcEndpoint hub-endpoints-s3-gateway",
    "aws:ec2/securityGroup:SecurityGroup hub-endpoints-resolver",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule hub-endpoints-resolver-tcp53-10-80-0-0-12",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule hub-endpoints-resolver-udp53-10-80-0-0-12",
    "aws:route53/resolverEndpoint:ResolverEndpoint hub-endpoints-resolver",
    "aws:ecr/pullThroughCacheRule:PullThroughCacheRule hub-endpoints-ecr-public",
];

const NEW_VPC = [
    "aws:ec2/vpc:Vpc hub-network-vpc",
    ...["10-0-0-0-19", "10-0-32-0-19"].flatMap((s) => [
        `aws:ec2/subnet:Subnet hub-network-private-${s}`,
        `aws:ec2/routeTable:RouteTable hub-network-private-${s}`,
        `aws:ec2/routeTableAssociation:RouteTableAssociation hub-network-private-${s}`,
        `aws:ec2/route:Route hub-network-route-${s}-to-10-80-0-0-12`,
        `aws:ec2/route:Route hub-network-route-${s}-to-10-96-0-0-12`,
    ]),
];

describe("Hub with a virtual private gateway, new VPC, private endpoint, SSM", () => {
    let cloud: MockCloud;
    let hub: Hub;
    before(async () => ({ cloud, result: hub } = await runHub(hubArgs())));

    it("registers exactly the expected resources", () => {
        assert.deepEqual(
            cloud.inventory(),
            [
                ...COMMON_CLUSTER,
                ...NEW_VPC,
                ...PRIVATE(["ssm", "ssmmessages"]),
                "aws:ec2/vpnGateway:VpnGateway hub-network-vgw",
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment hub-hybrid-nodes-AmazonSSMManagedInstanceCore",
            ].sort(),
        );
    });

    it("parents every child to its component", () => {
        const parents = Object.fromEntries(cloud.registrations.map((r) => [`${r.type} ${r.name}`, r.parent]));
        assert.equal(parents["eks-hybrid-sites:index:Hub hub"], "eks-hybrid-test");
        for (const r of cloud.registrations.filter((r) => r.name.startsWith("hub-"))) {
            const components = ["hub-network", "hub-eks", "hub-hybrid-nodes", "hub-addons", "hub-cilium", "hub-endpoints"];
            const direct = [...components, "hub-k8s", "hub-alerts", "hub-alerts-key"];
            const expected = direct.includes(r.name) ? "hub" : components.find((c) => r.name.startsWith(`${c}-`));
            assert.equal(r.parent, expected, `${r.type} ${r.name}`);
        }
    });

    it("builds the VPC with DNS on and one private subnet per zone", () => {
        assert.deepEqual(cloud.named("hub-network-vpc").inputs, {
            cidrBlock: "10.0.0.0/16",
            enableDnsSupport: true,
            enableDnsHostnames: true,
            tags: { Name: "hub-network-vpc", "eks-hybrid:cluster": "hybrid-prod" },
        });
        const subnets = cloud.ofType("aws:ec2/subnet:Subnet").map((r) => [r.inputs.cidrBlock, r.inputs.availabilityZone, r.inputs.vpcId]);
        assert.deepEqual(subnets, [
            ["10.0.0.0/19", ZONES[0], "hub-network-vpc-id"],
            ["10.0.32.0/19", ZONES[1], "hub-network-vpc-id"],
        ]);
    });

    it("attaches the virtual private gateway with the configured Amazon-side ASN", () => {
        assert.deepEqual(cloud.named("hub-network-vgw").inputs, {
            vpcId: "hub-network-vpc-id",
            amazonSideAsn: "64512",
            tags: { Name: "hub-network-vgw", "eks-hybrid:cluster": "hybrid-prod" },
        });
    });

    it("routes both supernets from every private route table to the gateway", () => {
        const routes = cloud.ofType("aws:ec2/route:Route").map((r) => r.inputs);
        assert.deepEqual(routes, [
            { routeTableId: "hub-network-private-10-0-0-0-19-id", destinationCidrBlock: "10.80.0.0/12", gatewayId: "hub-network-vgw-id" },
            { routeTableId: "hub-network-private-10-0-0-0-19-id", destinationCidrBlock: "10.96.0.0/12", gatewayId: "hub-network-vgw-id" },
            { routeTableId: "hub-network-private-10-0-32-0-19-id", destinationCidrBlock: "10.80.0.0/12", gatewayId: "hub-network-vgw-id" },
            { routeTableId: "hub-network-private-10-0-32-0-19-id", destinationCidrBlock: "10.96.0.0/12", gatewayId: "hub-network-vgw-id" },
        ]);
    });

    it("creates the cluster with remote networks, private endpoint, service CIDR, logs and encryption", () => {
        const cluster = cloud.named("hub-eks-cluster");
        assert.deepEqual(cluster.inputs, {
            name: "hybrid-prod",
            version: "1.33",
            roleArn: `arn:aws:iam::${ACCOUNT}:role/hub-eks-cluster-role`,
            vpcConfig: {
                subnetIds: ["hub-network-private-10-0-0-0-19-id", "hub-network-private-10-0-32-0-19-id"],
                securityGroupIds: ["hub-eks-remote-access-id"],
                endpointPrivateAccess: true,
                endpointPublicAccess: false,
            },
            kubernetesNetworkConfig: { ipFamily: "ipv4", serviceIpv4Cidr: "172.20.0.0/16" },
            remoteNetworkConfig: { remoteNodeNetworks: { cidrs: ["10.80.0.0/12"] }, remotePodNetworks: { cidrs: ["10.96.0.0/12"] } },
            accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
            enabledClusterLogTypes: ["api", "audit", "authenticator"],
            encryptionConfig: { provider: { keyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:hub-eks-secrets` }, resources: ["secrets"] },
            tags: { "eks-hybrid:cluster": "hybrid-prod" },
        });
        assert.ok(cluster.dependsOn.includes("hub-eks-cluster-policy"), "the cluster waits for its role's policy");
        assert.equal(cloud.named("hub-eks-secrets").inputs.enableKeyRotation, true);
    });

    it("protects the cluster, and only it; protect: false lifts it and tags the cluster so", async () => {
        assert.deepEqual(
            cloud.registrations.filter((r) => r.protect).map((r) => r.name),
            ["hub-eks-cluster"],
        );
        const lifted = (await runHub(hubArgs((h) => (h.protect = false)))).cloud.named("hub-eks-cluster");
        assert.equal(lifted.protect, false);
        assert.deepEqual(lifted.inputs.tags, { "eks-hybrid:cluster": "hybrid-prod", "eks-hybrid:protect": "false" });
    });

    it("opens 443 from the supernets, 10250 to nodes and webhook ports to pods", () => {
        const rules = cloud.registrations
            .filter((r) => r.type.startsWith("aws:vpc/securityGroup") && r.parent === "hub-eks")
            .map((r) => {
                const { securityGroupId, ipProtocol, fromPort, toPort, cidrIpv4 } = r.inputs;
                assert.equal(securityGroupId, "hub-eks-remote-access-id");
                assert.equal(ipProtocol, "tcp");
                assert.equal(fromPort, toPort);
                return `${r.type.endsWith("IngressRule") ? "in" : "out"} ${fromPort} ${cidrIpv4}`;
            });
        assert.deepEqual(rules, [
            "in 443 10.80.0.0/12",
            "in 443 10.96.0.0/12",
            "in 443 10.0.0.0/16",
            "out 10250 10.80.0.0/12",
            "out 443 10.96.0.0/12",
            "out 8443 10.96.0.0/12",
            "out 9443 10.96.0.0/12",
            "out 10250 10.96.0.0/12",
        ]);
    });

    it("trusts the cluster role to EKS only", () => {
        assert.deepEqual(JSON.parse(cloud.named("hub-eks-cluster-role").inputs.assumeRolePolicy), {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
        });
        assert.equal(cloud.named("hub-eks-cluster-policy").inputs.policyArn, "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy");
    });

    it("trusts the hybrid node role to SSM of this account and region", () => {
        assert.deepEqual(JSON.parse(cloud.named("hub-hybrid-nodes-role").inputs.assumeRolePolicy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "ssm.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: {
                        StringEquals: { "aws:SourceAccount": ACCOUNT },
                        ArnEquals: { "aws:SourceArn": `arn:aws:ssm:${REGION}:${ACCOUNT}:*` },
                    },
                },
            ],
        });
    });

    it("scopes the hybrid node policy to this cluster", () => {
        const policy = cloud.named("hub-hybrid-nodes-policy").inputs;
        assert.equal(policy.role, "hub-hybrid-nodes-role-role-name");
        assert.deepEqual(JSON.parse(policy.policy), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "EksClusterRead", Effect: "Allow", Action: ["eks:DescribeCluster", "eks:ListAccessEntries"], Resource: CLUSTER_ARN },
                { Sid: "SsmDescribe", Effect: "Allow", Action: "ssm:DescribeInstanceInformation", Resource: "*" },
                {
                    Sid: "SsmDeregisterOwnCluster",
                    Effect: "Allow",
                    Action: "ssm:DeregisterManagedInstance",
                    Resource: `arn:aws:ssm:${REGION}:${ACCOUNT}:managed-instance/*`,
                    Condition: { StringEquals: { "ssm:resourceTag/EKSClusterARN": CLUSTER_ARN } },
                },
                {
                    // Private cluster: first pulls through the ECR cache create the repository.
                    Sid: "EcrPullThroughCache",
                    Effect: "Allow",
                    Action: ["ecr:CreateRepository", "ecr:BatchImportUpstreamImage"],
                    Resource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/ecr-public/*`,
                },
            ],
        });
        const managed = cloud
            .ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
            .filter((r) => r.parent === "hub-hybrid-nodes")
            .map((r) => [r.inputs.role, r.inputs.policyArn]);
        assert.deepEqual(managed, [
            ["hub-hybrid-nodes-role-role-name", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"],
            ["hub-hybrid-nodes-role-role-name", "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly"],
        ]);
    });

    it("admits the hybrid node role with a HYBRID_LINUX access entry", () => {
        assert.deepEqual(cloud.named("hub-hybrid-nodes-access-entry").inputs, {
            clusterName: "hybrid-prod",
            principalArn: `arn:aws:iam::${ACCOUNT}:role/hub-hybrid-nodes-role`,
            type: "HYBRID_LINUX",
            tags: { "eks-hybrid:cluster": "hybrid-prod" },
        });
    });

    it("keeps vpc-cni off hybrid and Fargate nodes, and installs no coredns without cloud nodes", () => {
        // @pulumi/eks's VpcCniAddon: under mocks its remote component registers as one resource.
        const cni = cloud.named("hub-addons-vpc-cni", "eks:index:VpcCniAddon").inputs;
        assert.deepEqual(Object.keys(cni).sort(), [
            "clusterName",
            "clusterVersion",
            "configurationValues",
            "resolveConflictsOnCreate",
            "resolveConflictsOnUpdate",
            "tags",
        ]);
        assert.deepEqual(cni.tags, { "eks-hybrid:cluster": "hybrid-prod" });
        assert.equal(cni.clusterName, "hybrid-prod");
        assert.equal(cni.clusterVersion, "1.33");
        assert.equal(cni.resolveConflictsOnCreate, "OVERWRITE");
        assert.equal(cni.resolveConflictsOnUpdate, "OVERWRITE");
        assert.deepEqual(cni.configurationValues, {
            affinity: {
                nodeAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: {
                        nodeSelectorTerms: [
                            {
                                matchExpressions: [
                                    { key: "eks.amazonaws.com/compute-type", operator: "NotIn", values: ["hybrid", "fargate"] },
                                ],
                            },
                        ],
                    },
                },
            },
        });
        assert.equal(cloud.named("hub-addons-kube-proxy").inputs.addonName, "kube-proxy");
        assert.deepEqual(
            cloud.ofType("aws:eks/addon:Addon").filter((r) => r.inputs.addonName === "coredns"),
            [],
        );
    });

    it("exports what the sites need, with the kubeconfig secret", async () => {
        assert.equal(await value(hub.clusterName), "hybrid-prod");
        assert.equal(await value(hub.clusterArn), CLUSTER_ARN);
        assert.equal(await value(hub.region), REGION);
        assert.equal(hub.gatewayType, "vgw");
        assert.equal(await value(hub.gatewayId), "hub-network-vgw-id");
        assert.equal(await value(hub.transitGatewayRouteTableId), "");
        assert.equal(await value(hub.vpcCidr), "10.0.0.0/16");
        assert.deepEqual(await value(hub.remoteNodeNetworks), ["10.80.0.0/12"]);
        assert.deepEqual(await value(hub.remotePodNetworks), ["10.96.0.0/12"]);
        assert.equal(await value(hub.hybridNodeRoleArn), `arn:aws:iam::${ACCOUNT}:role/hub-hybrid-nodes-role`);
        assert.equal(await pulumi.isSecret(hub.kubeconfig), true);
        const kubeconfig = YAML.parse(await value(hub.kubeconfig));
        assert.equal(kubeconfig.clusters[0].cluster.server, `https://hybrid-prod.gr7.${REGION}.eks.amazonaws.com`);
        assert.deepEqual(kubeconfig.users[0].user.exec.args, [
            "eks",
            "get-token",
            "--cluster-name",
            "hybrid-prod",
            "--region",
            REGION,
            "--output",
            "json",
        ]);
    });
});

describe("Hub with a new transit gateway, public endpoint, IAM Roles Anywhere", () => {
    const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    let cloud: MockCloud;
    let hub: Hub;
    before(async () => {
        ({ cloud, result: hub } = await runHub(
            hubArgs((h) => {
                h.gateway = { type: "tgw", amazonSideAsn: 64600 };
                h.endpointAccess = "public";
                h.publicAccessCidrs = ["203.0.113.0/24"];
                h.nodeCredentials = "iam-ra";
                h.iamRolesAnywhere = { caBundlePem: PEM };
                h.authenticationMode = "API_AND_CONFIG_MAP";
            }),
        ));
    });

    it("registers exactly the expected resources", () => {
        assert.deepEqual(
            cloud.inventory(),
            [
                ...COMMON_CLUSTER,
                ...NEW_VPC,
                "aws:ec2transitgateway/transitGateway:TransitGateway hub-network-tgw",
                "aws:ec2transitgateway/routeTable:RouteTable hub-network-tgw-rt",
                "aws:ec2transitgateway/vpcAttachment:VpcAttachment hub-network-tgw-vpc",
                "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation hub-network-tgw-rt-vpc",
                "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation hub-network-tgw-rt-vpc-propagation",
                "aws:rolesanywhere/trustAnchor:TrustAnchor hub-hybrid-nodes-trust-anchor",
                "aws:rolesanywhere/profile:Profile hub-hybrid-nodes-profile",
            ].sort(),
        );
    });

    it("gives the transit gateway its own route table with the VPC attached, associated and propagated", () => {
        assert.deepEqual(cloud.named("hub-network-tgw").inputs, {
            description: "hub-network: hub for on-prem sites",
            amazonSideAsn: 64600,
            defaultRouteTableAssociation: "disable",
            defaultRouteTablePropagation: "disable",
            vpnEcmpSupport: "enable",
            dnsSupport: "enable",
            tags: { Name: "hub-network-tgw", "eks-hybrid:cluster": "hybrid-prod" },
        });
        const attachment = cloud.named("hub-network-tgw-vpc").inputs;
        assert.equal(attachment.transitGatewayId, "hub-network-tgw-id");
        assert.equal(attachment.vpcId, "hub-network-vpc-id");
        assert.deepEqual(attachment.subnetIds, ["hub-network-private-10-0-0-0-19-id", "hub-network-private-10-0-32-0-19-id"]);
        for (const name of ["hub-network-tgw-rt-vpc", "hub-network-tgw-rt-vpc-propagation"]) {
            assert.deepEqual(cloud.named(name).inputs, {
                transitGatewayAttachmentId: "hub-network-tgw-vpc-id",
                transitGatewayRouteTableId: "hub-network-tgw-rt-id",
            });
        }
    });

    it("routes both supernets to the transit gateway, after the VPC attachment", () => {
        for (const route of cloud.ofType("aws:ec2/route:Route")) {
            assert.equal(route.inputs.transitGatewayId, "hub-network-tgw-id");
            assert.equal(route.inputs.gatewayId, undefined);
            assert.ok(route.dependsOn.includes("hub-network-tgw-vpc"), `${route.name} must wait for the attachment`);
        }
        assert.deepEqual(
            cloud.ofType("aws:ec2/route:Route").map((r) => r.inputs.destinationCidrBlock),
            ["10.80.0.0/12", "10.96.0.0/12", "10.80.0.0/12", "10.96.0.0/12"],
        );
    });

    it("makes the endpoint public only, for the given CIDRs, with the chosen authentication mode", () => {
        const cluster = cloud.named("hub-eks-cluster").inputs;
        assert.deepEqual(
            { ...cluster.vpcConfig, subnetIds: undefined, securityGroupIds: undefined },
            {
                endpointPrivateAccess: false,
                endpointPublicAccess: true,
                publicAccessCidrs: ["203.0.113.0/24"],
                subnetIds: undefined,
                securityGroupIds: undefined,
            },
        );
        assert.equal(cluster.accessConfig.authenticationMode, "API_AND_CONFIG_MAP");
    });

    it("leaves the creator without admin when asked, the listed admins' access entries in its place", async () => {
        const ci = "arn:aws:iam::123456789012:role/platform-ci";
        const { cloud: own } = await runHub(hubArgs((h) => ((h.clusterCreatorAdmin = false), (h.clusterAdmins = [ci]))));
        assert.deepEqual(own.named("hub-eks-cluster").inputs.accessConfig, {
            authenticationMode: "API",
            bootstrapClusterCreatorAdminPermissions: false,
        });
        assert.deepEqual(
            own.ofType("aws:eks/accessEntry:AccessEntry").map((e) => e.inputs.principalArn),
            [ci, "arn:aws:iam::123456789012:role/hub-hybrid-nodes-role"],
        );
    });

    it("creates a trust anchor from the CA bundle and a profile for the role", () => {
        assert.deepEqual(cloud.named("hub-hybrid-nodes-trust-anchor").inputs, {
            enabled: true,
            source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: PEM } },
            tags: { "eks-hybrid:cluster": "hybrid-prod" },
        });
        assert.deepEqual(cloud.named("hub-hybrid-nodes-profile").inputs, {
            enabled: true,
            roleArns: [`arn:aws:iam::${ACCOUNT}:role/hub-hybrid-nodes-role`],
            acceptRoleSessionName: true,
            tags: { "eks-hybrid:cluster": "hybrid-prod" },
        });
    });

    it("trusts the role to Roles Anywhere through the anchor, session named after the certificate CN", () => {
        const anchor = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:hub-hybrid-nodes-trust-anchor`;
        assert.deepEqual(JSON.parse(cloud.named("hub-hybrid-nodes-role").inputs.assumeRolePolicy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "rolesanywhere.amazonaws.com" },
                    Action: ["sts:TagSession", "sts:SetSourceIdentity"],
                    Condition: { ArnEquals: { "aws:SourceArn": anchor } },
                },
                {
                    Effect: "Allow",
                    Principal: { Service: "rolesanywhere.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: {
                        StringEquals: { "sts:RoleSessionName": "${aws:PrincipalTag/x509Subject/CN}" },
                        ArnEquals: { "aws:SourceArn": anchor },
                    },
                },
            ],
        });
        assert.deepEqual(JSON.parse(cloud.named("hub-hybrid-nodes-policy").inputs.policy), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "EksClusterRead", Effect: "Allow", Action: ["eks:DescribeCluster", "eks:ListAccessEntries"], Resource: CLUSTER_ARN },
            ],
        });
    });

    it("exports the transit gateway, its route table and the Roles Anywhere ARNs", async () => {
        assert.equal(hub.gatewayType, "tgw");
        assert.equal(await value(hub.gatewayId), "hub-network-tgw-id");
        assert.equal(await value(hub.transitGatewayRouteTableId), "hub-network-tgw-rt-id");
        assert.equal(await value(hub.trustAnchorArn), `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:hub-hybrid-nodes-trust-anchor`);
        assert.equal(await value(hub.profileArn), `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:hub-hybrid-nodes-profile`);
        assert.equal(await pulumi.isSecret(hub.kubeconfig), true);
    });
});

describe("Hub on an existing VPC and an existing transit gateway, ACM PCA trust, cloud nodes", () => {
    let cloud: MockCloud;
    before(async () => {
        ({ cloud } = await runHub(
            hubArgs((h) => {
                h.vpc = {
                    cidr: "10.1.0.0/16",
                    id: "vpc-0abc",
                    privateSubnetIds: ["subnet-01", "subnet-02"],
                    routeTableIds: ["rtb-01", "rtb-02"],
                };
                h.gateway = { type: "tgw", id: "tgw-0abc" };
                h.nodeCredentials = "iam-ra";
                h.iamRolesAnywhere = { acmPcaArn: "arn:aws:acm-pca:eu-central-1:123456789012:certificate-authority/ca" };
                h.cloudNodeGroup = { instanceTypes: ["m7i.large"], desiredSize: 2, portsFromHybridPods: [8080] };
            }),
        ));
    });

    it("opens the private API to the existing VPC's CIDR by default", () => {
        const rule = cloud.named("hub-eks-ingress-tcp443-10-1-0-0-16").inputs;
        assert.deepEqual(
            [rule.securityGroupId, rule.ipProtocol, rule.fromPort, rule.toPort, rule.cidrIpv4, rule.description],
            ["hub-eks-remote-access-id", "tcp", 443, 443, "10.1.0.0/16", "Kubernetes API from where Pulumi and kubectl run"],
        );
    });

    it("lets hybrid pods reach CoreDNS and the named ports on the cloud side, on the EKS cluster security group only", () => {
        const rules = cloud
            .ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
            .filter((r) => r.inputs.securityGroupId === "sg-eks-cluster");
        assert.deepEqual(
            rules.map((r) => [r.name, r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4, r.inputs.description]),
            [
                [
                    "hub-addons-cloud-nodes-ingress-udp53-10-96-0-0-12",
                    "udp",
                    53,
                    53,
                    "10.96.0.0/12",
                    "DNS from hybrid pods to CoreDNS on cloud nodes",
                ],
                [
                    "hub-addons-cloud-nodes-ingress-tcp53-10-96-0-0-12",
                    "tcp",
                    53,
                    53,
                    "10.96.0.0/12",
                    "DNS from hybrid pods to CoreDNS on cloud nodes",
                ],
                ["hub-addons-cloud-nodes-ingress-tcp8080-10-96-0-0-12", "tcp", 8080, 8080, "10.96.0.0/12", "hybrid pods to cloud pods"],
            ],
        );
        for (const r of rules) assert.equal(r.parent, "hub-addons");
    });

    it("creates no VPC, subnets or transit gateway, and routes in the given tables by their ids", () => {
        assert.deepEqual(cloud.ofType("aws:ec2/vpc:Vpc"), []);
        assert.deepEqual(cloud.ofType("aws:ec2/subnet:Subnet"), []);
        assert.deepEqual(cloud.ofType("aws:ec2transitgateway/transitGateway:TransitGateway"), []);
        assert.deepEqual(
            cloud
                .ofType("aws:ec2/route:Route")
                .map((r) => [r.name, r.inputs.routeTableId, r.inputs.destinationCidrBlock, r.inputs.transitGatewayId]),
            [
                ["hub-network-route-rtb-01-to-10-80-0-0-12", "rtb-01", "10.80.0.0/12", "tgw-0abc"],
                ["hub-network-route-rtb-01-to-10-96-0-0-12", "rtb-01", "10.96.0.0/12", "tgw-0abc"],
                ["hub-network-route-rtb-02-to-10-80-0-0-12", "rtb-02", "10.80.0.0/12", "tgw-0abc"],
                ["hub-network-route-rtb-02-to-10-96-0-0-12", "rtb-02", "10.96.0.0/12", "tgw-0abc"],
            ],
        );
        assert.deepEqual(cloud.named("hub-network-tgw-vpc").inputs.subnetIds, ["subnet-01", "subnet-02"]);
        assert.equal(cloud.named("hub-network-tgw-rt").inputs.transitGatewayId, "tgw-0abc");
    });

    it("trusts the ACM Private CA", () => {
        assert.deepEqual(cloud.named("hub-hybrid-nodes-trust-anchor").inputs.source, {
            sourceType: "AWS_ACM_PCA",
            sourceData: { acmPcaArn: "arn:aws:acm-pca:eu-central-1:123456789012:certificate-authority/ca" },
        });
    });

    it("adds a cloud node group and installs coredns after it", () => {
        const group = cloud.named("hub-addons-cloud-nodes", "aws:eks/nodeGroup:NodeGroup").inputs;
        assert.deepEqual(
            {
                clusterName: group.clusterName,
                subnetIds: group.subnetIds,
                instanceTypes: group.instanceTypes,
                scalingConfig: group.scalingConfig,
            },
            {
                clusterName: "hybrid-prod",
                subnetIds: ["subnet-01", "subnet-02"],
                instanceTypes: ["m7i.large"],
                scalingConfig: { desiredSize: 2, minSize: 1, maxSize: 3 },
            },
        );
        const coredns = cloud.named("hub-addons-coredns");
        assert.equal(coredns.inputs.addonName, "coredns");
        assert.ok(coredns.dependsOn.includes("hub-addons-cloud-nodes"));
        assert.deepEqual(
            cloud
                .ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
                .filter((r) => r.parent === "hub-addons")
                .map((r) => r.inputs.policyArn),
            ["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryPullOnly"].map(
                (p) => `arn:aws:iam::aws:policy/${p}`,
            ),
        );
    });
});

describe("Hub with a public endpoint, cloud nodes and NAT egress", () => {
    const publicHub = (egress: string) =>
        runHub(
            hubArgs((h) => {
                h.endpointAccess = "public";
                h.publicAccessCidrs = ["203.0.113.0/24"];
                h.cloudNodeGroup = {};
                h.vpc.egress = egress;
            }),
        );

    it("gives each zone a NAT gateway in a small public subnet, behind one internet gateway", async () => {
        const { cloud } = await publicHub("nat-gateway-per-zone");
        assert.deepEqual(cloud.named("hub-network-igw").inputs, {
            vpcId: "hub-network-vpc-id",
            tags: { Name: "hub-network-igw", "eks-hybrid:cluster": "hybrid-prod" },
        });
        assert.deepEqual(
            cloud
                .ofType("aws:ec2/subnet:Subnet")
                .filter((r) => r.name.includes("-public-"))
                .map((r) => [r.name, r.inputs.cidrBlock, r.inputs.availabilityZone, r.inputs.mapPublicIpOnLaunch]),
            [
                ["hub-network-public-10-0-224-0-22", "10.0.224.0/22", ZONES[0], false],
                ["hub-network-public-10-0-228-0-22", "10.0.228.0/22", ZONES[1], false],
            ],
        );
        assert.deepEqual(cloud.named("hub-network-public-to-internet").inputs, {
            routeTableId: "hub-network-public-id",
            destinationCidrBlock: "0.0.0.0/0",
            gatewayId: "hub-network-igw-id",
        });
        const nats = cloud.ofType("aws:ec2/natGateway:NatGateway");
        assert.deepEqual(
            nats.map((r) => [r.name, r.inputs.subnetId, r.inputs.allocationId, r.inputs.connectivityType]),
            [
                ["hub-network-nat-10-0-224-0-22", "hub-network-public-10-0-224-0-22-id", "hub-network-nat-10-0-224-0-22-id", "public"],
                ["hub-network-nat-10-0-228-0-22", "hub-network-public-10-0-228-0-22-id", "hub-network-nat-10-0-228-0-22-id", "public"],
            ],
        );
        for (const nat of nats) assert.ok(nat.dependsOn.includes("hub-network-igw"));
        assert.deepEqual(
            cloud
                .ofType("aws:ec2/route:Route")
                .filter((r) => r.name.endsWith("-to-internet") && r.name.includes("private"))
                .map((r) => [r.inputs.routeTableId, r.inputs.natGatewayId]),
            [
                ["hub-network-private-10-0-0-0-19-id", "hub-network-nat-10-0-224-0-22-id"],
                ["hub-network-private-10-0-32-0-19-id", "hub-network-nat-10-0-228-0-22-id"],
            ],
        );
    });

    it("shares one NAT gateway between the zones with nat-gateway", async () => {
        const { cloud } = await publicHub("nat-gateway");
        assert.deepEqual(
            cloud.ofType("aws:ec2/natGateway:NatGateway").map((r) => r.name),
            ["hub-network-nat-10-0-224-0-22"],
        );
        assert.deepEqual(
            cloud
                .ofType("aws:ec2/route:Route")
                .filter((r) => r.name.includes("private") && r.name.endsWith("-to-internet"))
                .map((r) => r.inputs.natGatewayId),
            ["hub-network-nat-10-0-224-0-22-id", "hub-network-nat-10-0-224-0-22-id"],
        );
    });

    it("creates no internet path without egress", async () => {
        const { cloud } = await runHub(hubArgs());
        for (const type of ["aws:ec2/internetGateway:InternetGateway", "aws:ec2/natGateway:NatGateway", "aws:ec2/eip:Eip"]) {
            assert.deepEqual(cloud.ofType(type), [], type);
        }
    });
});

describe("Hub argument validation", () => {
    it("throws before registering anything, naming every bad argument", async () => {
        let error: unknown;
        const { cloud } = await MockCloud.run(() => {
            try {
                new Hub(
                    "hub",
                    hubArgs((h) => ((h.serviceCidr = "10.80.0.0/16"), (h.publicAccessCidrs = ["0.0.0.0/0"]))),
                );
            } catch (e) {
                error = e;
            }
        });
        assert.ok(error instanceof ArgumentsError);
        assert.ok(pulumi.InputPropertiesError.isInstance(error));
        assert.deepEqual(
            error.errors.map((e) => e.propertyPath),
            ["remoteNodeNetworks[0]", "publicAccessCidrs"],
        );
        assert.equal(
            error.message,
            [
                'invalid arguments of Hub "hub": 2 problems',
                '  - args.remoteNodeNetworks[0]: "10.80.0.0/12" overlaps args.serviceCidr "10.80.0.0/16"; the VPC, secondary, ' +
                    "service, remote node and remote pod ranges must not overlap",
                '  - args.publicAccessCidrs: ["0.0.0.0/0"] is set but endpointAccess is private; remove publicAccessCidrs or set ' +
                    "endpointAccess: public",
            ].join("\n"),
        );
        assert.deepEqual(cloud.inventory(), []);
    });
});

describe("cluster security group rules for API access", () => {
    const apiRules = (apiAccess: string[]) =>
        planClusterSgRules(["10.80.0.0/12"], ["10.96.0.0/12"], [443], apiAccess)
            .filter((r) => r.direction === "ingress")
            .map((r) => `${r.key} ${r.description}`);

    it("adds one 443 rule per further network, none for a node or pod network or a repeat (EC2 refuses duplicates)", () => {
        assert.deepEqual(apiRules(["10.0.0.0/16", "10.80.0.0/12", "192.168.50.0/24", "10.0.0.0/16", "10.96.0.0/12"]), [
            "ingress-tcp443-10-80-0-0-12 Kubernetes API from hybrid nodes",
            "ingress-tcp443-10-96-0-0-12 Kubernetes API from hybrid pods",
            "ingress-tcp443-10-0-0-0-16 Kubernetes API from where Pulumi and kubectl run",
            "ingress-tcp443-192-168-50-0-24 Kubernetes API from where Pulumi and kubectl run",
        ]);
        assert.deepEqual(apiRules([]), [
            "ingress-tcp443-10-80-0-0-12 Kubernetes API from hybrid nodes",
            "ingress-tcp443-10-96-0-0-12 Kubernetes API from hybrid pods",
        ]);
    });
});

describe("Hub: the topic the sites' tunnel alarms notify", () => {
    it("is encrypted with a key of its own that CloudWatch may use, and exported", async () => {
        const { cloud, result: hub } = await runHub(hubArgs());
        const key = cloud.named("hub-alerts-key").inputs;
        assert.equal(key.enableKeyRotation, true);
        assert.deepEqual(JSON.parse(key.policy).Statement, [
            { Sid: "Account", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
            {
                Sid: "CloudWatchAlarms",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
                Condition: {
                    StringEquals: { "aws:SourceAccount": ACCOUNT },
                    ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:*` },
                },
            },
        ]);
        assert.equal(cloud.named("hub-alerts").inputs.kmsMasterKeyId, "hub-alerts-key-id");
        assert.equal(await value(hub.alertTopicArn), `arn:aws:sns:${REGION}:${ACCOUNT}:hub-alerts`);
    });

    it("is the user's when named: none is created", async () => {
        const own = "arn:aws:sns:eu-central-1:123456789012:noc";
        const { cloud, result: hub } = await runHub(hubArgs((h) => (h.alertTopicArn = own)));
        assert.deepEqual(
            cloud.registrations.filter((r) => r.name.startsWith("hub-alerts")),
            [],
        );
        assert.equal(await value(hub.alertTopicArn), own);
    });
});
