import { DEFAULT_COREDNS_REPLICAS } from "../cluster/corednsConfiguration";
import { JSONSchemaType } from "ajv";
import { CILIUM_CHART_VERSION_PATTERN, DEFAULT_CILIUM_BGP, DEFAULT_CILIUM_CHART_VERSION } from "../cilium/ciliumValues";
import { CLOUD_NODE_GROUP_DEFAULTS } from "../cluster/cloudNodeGroupArgs";
import { CLUSTER_LOG_TYPES, DEFAULT_LOG_TYPES, DEFAULT_WEBHOOK_PORTS } from "../cluster/clusterDefaults";
import { AuthenticationMode, EndpointAccess, NodeCredentials, SsmInstanceTier } from "../cluster/enums";
import {
    booleanSchema,
    cidrListSchema,
    kubernetesVersionSchema,
    snsTopicArnSchema,
    cidrSchema,
    countSchema,
    enumSchema,
    optional,
    tagsSchema,
} from "../config/schemaParts";
import { ENDPOINT_SERVICES } from "../endpoints/endpointServices";
import { EgressMode, GatewayType, PodNetworkingMode } from "../network/enums";
import { DEFAULT_LBC_CHART_VERSION, LBC_CHART_VERSIONS } from "../loadBalancing/loadBalancerControllerChart";
import { DEFAULT_CLUSTER_POOL_MASK_SIZE, DEFAULT_GATEWAY_CHART_VERSION } from "../gateway/gatewayChart";
import { DEFAULT_POD_NETWORKING_MODE } from "../gateway/podNetworkingArgs";
import { DEFAULT_PROTECT } from "../protection/protection";
import { DEFAULT_AMAZON_SIDE_ASN, DEFAULT_AVAILABILITY_ZONES, DEFAULT_EGRESS } from "../network/networkArgs";
import { HubConfig } from "./hubArgs";

/** Whether the hub and its sites apply their Kubernetes objects when `kubernetesObjects` is not given. */
export const DEFAULT_KUBERNETES_OBJECTS = true;

/** An IAM role or user ARN, as EKS access entries take them (not an STS assumed-role session). */
const IAM_PRINCIPAL_ARN_PATTERN = "^arn:aws[a-z-]*:iam::\\d{12}:(role|user)/[A-Za-z0-9+=,.@_/-]{1,512}$";
const IAM_PRINCIPAL_ARN_DESCRIPTION =
    "an IAM role or user ARN such as arn:aws:iam::123456789012:role/platform-ci (not an sts assumed-role ARN)";

/** The authentication mode when none is given. */
export const DEFAULT_AUTHENTICATION_MODE = AuthenticationMode.Api;

/** The structure of `eks-hybrid:hub`, typed against HubArgs. Address rules live in validateHub.ts. */
export const hubConfigSchema: JSONSchemaType<HubConfig> = {
    $id: "eks-hybrid:hub",
    type: "object",
    description: "a map with the hub settings of docs/CONFIG.md",
    additionalProperties: false,
    required: [
        "clusterName",
        "kubernetesVersion",
        "vpc",
        "serviceCidr",
        "remoteNodeNetworks",
        "remotePodNetworks",
        "gateway",
        "endpointAccess",
        "nodeCredentials",
    ],
    properties: {
        clusterName: {
            type: "string",
            pattern: "^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$",
            description: "an EKS cluster name: 1-100 letters, digits, - and _, starting with a letter or digit",
        },
        kubernetesVersion: kubernetesVersionSchema,
        vpc: {
            type: "object",
            additionalProperties: false,
            required: ["cidr"],
            description:
                "a map with cidr, availabilityZones and egress (new VPC) " +
                "or cidr, id, privateSubnetIds, routeTableIds and egress (existing VPC)",
            properties: {
                cidr: cidrSchema("10.0.0.0/16"),
                availabilityZones: optional({
                    ...countSchema("a number of availability zones from 2 to 6", 2, 6),
                    default: DEFAULT_AVAILABILITY_ZONES,
                }),
                id: optional({ type: "string", pattern: "^vpc-[0-9a-f]+$", description: "a VPC id such as vpc-0abc123" }),
                privateSubnetIds: optional({
                    type: "array",
                    minItems: 2,
                    items: { type: "string", pattern: "^subnet-[0-9a-f]+$", description: "a subnet id such as subnet-0abc123" },
                    description: "a list of at least two subnet ids in different availability zones",
                }),
                routeTableIds: optional({
                    type: "array",
                    minItems: 1,
                    uniqueItems: true,
                    items: { type: "string", pattern: "^rtb-[0-9a-f]+$", description: "a route table id such as rtb-0abc123" },
                    description: "a non-empty list of distinct route table ids",
                }),
                egress: optional({
                    ...enumSchema(EgressMode, "none, nat-gateway or nat-gateway-per-zone (new VPC), or existing (existing VPC)"),
                    default: DEFAULT_EGRESS,
                }),
            },
        },
        serviceCidr: cidrSchema("172.20.0.0/16"),
        remoteNodeNetworks: cidrListSchema("10.80.0.0/12"),
        remotePodNetworks: cidrListSchema("10.96.0.0/12"),
        loadBalancerNetworks: optional(cidrListSchema("10.112.0.0/16")),
        gateway: {
            type: "object",
            additionalProperties: false,
            required: ["type"],
            description: "a map such as { type: tgw, amazonSideAsn: 64512 } or { type: tgw, id: tgw-0abc123 }",
            properties: {
                type: enumSchema(GatewayType, "vgw or tgw"),
                amazonSideAsn: optional({
                    type: "integer",
                    description: "a private ASN: 64512-65534 or 4200000000-4294967294",
                    default: DEFAULT_AMAZON_SIDE_ASN,
                }),
                id: optional({ type: "string", pattern: "^tgw-[0-9a-f]+$", description: "a transit gateway id such as tgw-0abc123" }),
                ownerAccountId: optional({ type: "string", pattern: "^\\d{12}$", description: "an AWS account id: 12 digits" }),
            },
        },
        endpointAccess: enumSchema(EndpointAccess, "private or public"),
        alertTopicArn: optional(snsTopicArnSchema),
        publicAccessCidrs: optional(cidrListSchema("203.0.113.0/24")),
        allowApiFromAnywhere: optional({ ...booleanSchema, default: false }),
        apiAccessCidrs: optional({
            type: "array",
            items: cidrSchema("10.0.0.0/16"),
            description: "a list of IPv4 CIDRs such as [10.0.0.0/16], or [] for none",
        }),
        temporaryPublicAccessCidrs: optional(cidrListSchema("203.0.113.7/32")),
        kubernetesObjects: optional({ ...booleanSchema, default: DEFAULT_KUBERNETES_OBJECTS }),
        privateEndpoints: optional({
            type: "object",
            additionalProperties: false,
            required: [],
            description: "a map such as { cloudControllers: true, existing: [ecr.api, ecr.dkr] }",
            properties: {
                cloudControllers: optional({ ...booleanSchema, default: false }),
                existing: optional({
                    type: "array",
                    uniqueItems: true,
                    items: { type: "string", enum: ENDPOINT_SERVICES, description: ENDPOINT_SERVICES.join(", ") },
                    description: `a list of distinct endpoint services from: ${ENDPOINT_SERVICES.join(", ")}`,
                    default: [],
                }),
            },
        }),
        podIdentity: optional({ ...booleanSchema, default: false }),
        protect: optional({ ...booleanSchema, default: DEFAULT_PROTECT }),
        nodeCredentials: enumSchema(NodeCredentials, "ssm or iam-ra"),
        iamRolesAnywhere: optional({
            type: "object",
            additionalProperties: false,
            required: [],
            description: "a map with exactly one of caBundlePem or acmPcaArn",
            properties: {
                caBundlePem: optional({ type: "string", description: "a PEM certificate bundle (-----BEGIN CERTIFICATE-----)" }),
                acmPcaArn: optional({
                    type: "string",
                    pattern: "^arn:aws[a-z-]*:acm-pca:[a-z0-9-]+:\\d{12}:certificate-authority/.+$",
                    description: "an ACM Private CA ARN such as arn:aws:acm-pca:eu-central-1:123456789012:certificate-authority/…",
                }),
            },
        }),
        clusterAdmins: optional({
            type: "array",
            uniqueItems: true,
            items: { type: "string", pattern: IAM_PRINCIPAL_ARN_PATTERN, description: IAM_PRINCIPAL_ARN_DESCRIPTION },
            description: "a list of distinct IAM role or user ARNs such as [arn:aws:iam::123456789012:role/platform-ci]",
            default: [],
        }),
        clusterCreatorAdmin: optional({ ...booleanSchema, default: true }),
        iamPermissionsBoundary: optional({
            type: "string",
            pattern: "^arn:aws[a-z-]*:iam::\\d{12}:policy/[A-Za-z0-9+=,.@_/-]{1,512}$",
            description: "an IAM policy ARN such as arn:aws:iam::123456789012:policy/eks-hybrid-sites-boundary",
        }),
        kubeconfig: optional({
            type: "object",
            additionalProperties: false,
            required: [],
            description: "a map such as { roleArn: arn:aws:iam::123456789012:role/platform-ci } or { profile: platform }",
            properties: {
                roleArn: optional({
                    type: "string",
                    pattern: "^arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$",
                    description: "an IAM role ARN such as arn:aws:iam::123456789012:role/platform-ci",
                }),
                profile: optional({
                    type: "string",
                    pattern: "^[A-Za-z0-9_.-]{1,64}$",
                    description: "an AWS CLI profile name: letters, digits, _, . and -",
                }),
            },
        }),
        authenticationMode: optional({
            ...enumSchema(AuthenticationMode, "API or API_AND_CONFIG_MAP"),
            default: DEFAULT_AUTHENTICATION_MODE,
        }),
        clusterLogTypes: optional({
            type: "array",
            uniqueItems: true,
            items: { type: "string", enum: CLUSTER_LOG_TYPES, description: CLUSTER_LOG_TYPES.join(", ") },
            description: `a list of distinct log types from: ${CLUSTER_LOG_TYPES.join(", ")}`,
            default: DEFAULT_LOG_TYPES,
        }),
        webhookPorts: optional({
            type: "array",
            uniqueItems: true,
            items: countSchema("a TCP port from 1 to 65535", 1, 65535),
            description: "a list of distinct TCP ports such as [443, 9443]",
            default: DEFAULT_WEBHOOK_PORTS,
        }),
        cloudNodeGroup: optional({
            type: "object",
            additionalProperties: false,
            required: [],
            description: "a map with instanceTypes, desiredSize, minSize, maxSize, maxPods, portsFromHybridPods",
            properties: {
                instanceTypes: optional({
                    type: "array",
                    minItems: 1,
                    items: { type: "string", description: "an EC2 instance type such as m6i.large" },
                    description: "a non-empty list of EC2 instance types such as [m6i.large]",
                    default: CLOUD_NODE_GROUP_DEFAULTS.instanceTypes,
                }),
                desiredSize: optional({
                    ...countSchema("a node count from 0 to 100", 0, 100),
                    default: CLOUD_NODE_GROUP_DEFAULTS.desiredSize,
                }),
                minSize: optional({ ...countSchema("a node count from 0 to 100", 0, 100), default: CLOUD_NODE_GROUP_DEFAULTS.minSize }),
                maxSize: optional({ ...countSchema("a node count from 1 to 100", 1, 100), default: CLOUD_NODE_GROUP_DEFAULTS.maxSize }),
                maxPods: optional(countSchema("a pod count per node from 1 to 737", 1, 737)),
                portsFromHybridPods: optional({
                    type: "array",
                    uniqueItems: true,
                    items: countSchema("a TCP port from 1 to 65535", 1, 65535),
                    description: "a list of distinct TCP ports such as [8080]",
                    default: [],
                }),
            },
        }),
        coredns: optional(booleanSchema),
        corednsReplicas: optional({ ...countSchema("a replica count from 1 to 100", 1, 100), default: DEFAULT_COREDNS_REPLICAS }),
        cilium: optional({
            type: "object",
            additionalProperties: false,
            required: [],
            description: 'a map such as { chartVersion: "1.18.9-1", bgp: true }',
            properties: {
                chartVersion: optional({
                    type: "string",
                    pattern: CILIUM_CHART_VERSION_PATTERN,
                    description:
                        'a Cilium 1.18 chart version of AWS\'s build such as "1.18.9-1" (the values are built and checked for 1.18)',
                    default: DEFAULT_CILIUM_CHART_VERSION,
                }),
                bgp: optional({ ...booleanSchema, default: DEFAULT_CILIUM_BGP }),
            },
        }),
        podNetworking: optional({
            type: "object",
            additionalProperties: false,
            required: [],
            description: "a map such as { mode: gateway }",
            properties: {
                mode: optional({
                    ...enumSchema(PodNetworkingMode, "routed (per-site pod CIDRs, routed) or gateway (AWS's Hybrid Nodes gateway)"),
                    default: DEFAULT_POD_NETWORKING_MODE,
                }),
                podMaskSize: optional({
                    ...countSchema("a prefix length from 16 to 28", 16, 28),
                    default: DEFAULT_CLUSTER_POOL_MASK_SIZE,
                }),
                gatewayChartVersion: optional({
                    type: "string",
                    pattern: "^\\d+\\.\\d+\\.\\d+$",
                    description: 'a chart version such as "1.0.0"',
                    default: DEFAULT_GATEWAY_CHART_VERSION,
                }),
            },
        }),
        loadBalancerController: optional({
            type: "object",
            additionalProperties: false,
            required: ["enabled"],
            description: "a map such as { enabled: true }",
            properties: {
                enabled: booleanSchema,
                chartVersion: optional({
                    type: "string",
                    enum: LBC_CHART_VERSIONS,
                    description: `a chart version whose IAM policy the package has: ${LBC_CHART_VERSIONS.join(", ")}`,
                    default: DEFAULT_LBC_CHART_VERSION,
                }),
            },
        }),
        customNetworking: optional({
            type: "object",
            additionalProperties: false,
            required: ["secondaryCidr"],
            description: "a map such as { secondaryCidr: 100.64.0.0/16 }",
            properties: { secondaryCidr: cidrSchema("100.64.0.0/16") },
        }),
        quotas: optional({
            type: "object",
            additionalProperties: false,
            required: [],
            description: "a map such as { vpnConnections: 200, customerGateways: 200 }",
            properties: {
                securityGroupRules: optional(countSchema("a number of rules from 60 to 1000", 60, 1000)),
                customerGateways: optional(countSchema("a number of customer gateways of at least 50", 50, 100000)),
                vpnConnections: optional(countSchema("a number of VPN connections of at least 50", 50, 100000)),
                transitGatewayRoutes: optional(countSchema("a number of routes of at least 10000", 10000, 1000000)),
            },
        }),
        ssmInstanceTier: optional({ ...enumSchema(SsmInstanceTier, "standard or advanced"), default: SsmInstanceTier.Standard }),
        tags: optional(tagsSchema),
    },
};
