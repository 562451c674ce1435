import { SchemaObject } from "ajv";
import { CILIUM_CHART_VERSION_PATTERN } from "../cilium/ciliumValues";
import { AuthenticationMode, EndpointAccess, NodeCredentials } from "../cluster/enums";
import { GatewayType } from "../network/enums";

// The structure of `eks-hybrid:hub` (CONFIG.md). Every `description` is phrased as what would be
// valid: validation messages quote it. Address rules live in validateHub.ts.

const cidr = (example: string): SchemaObject => ({ type: "string", description: `an IPv4 CIDR such as ${example}` });
const cidrList = (example: string): SchemaObject => ({
    type: "array",
    minItems: 1,
    items: cidr(example),
    description: `a non-empty list of IPv4 CIDRs such as [${example}]`,
});
const count = (description: string, minimum: number, maximum: number): SchemaObject => ({
    type: "integer",
    minimum,
    maximum,
    description,
});
const enumOf = (values: Record<string, string>, description: string): SchemaObject => ({
    type: "string",
    enum: Object.values(values),
    description,
});

export const HUB_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

export const hubConfigSchema: SchemaObject = {
    $id: "eks-hybrid:hub",
    type: "object",
    description: "a map with the hub settings of CONFIG.md",
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
        kubernetesVersion: {
            type: "string",
            pattern: "^1\\.\\d{2}$",
            description: 'a quoted Kubernetes minor version such as "1.33"',
        },
        vpc: {
            type: "object",
            additionalProperties: false,
            required: ["cidr"],
            description: "a map with cidr and availabilityZones (new VPC) or cidr, id, privateSubnetIds, routeTableIds (existing VPC)",
            properties: {
                cidr: cidr("10.0.0.0/16"),
                availabilityZones: count("a number of availability zones from 2 to 6", 2, 6),
                id: { type: "string", pattern: "^vpc-[0-9a-f]+$", description: "a VPC id such as vpc-0abc123" },
                privateSubnetIds: {
                    type: "array",
                    minItems: 2,
                    items: { type: "string", pattern: "^subnet-[0-9a-f]+$", description: "a subnet id such as subnet-0abc123" },
                    description: "a list of at least two subnet ids in different availability zones",
                },
                routeTableIds: {
                    type: "array",
                    minItems: 1,
                    uniqueItems: true,
                    items: { type: "string", pattern: "^rtb-[0-9a-f]+$", description: "a route table id such as rtb-0abc123" },
                    description: "a non-empty list of distinct route table ids",
                },
            },
        },
        serviceCidr: cidr("172.20.0.0/16"),
        remoteNodeNetworks: cidrList("10.80.0.0/12"),
        remotePodNetworks: cidrList("10.96.0.0/12"),
        gateway: {
            type: "object",
            additionalProperties: false,
            required: ["type"],
            description: "a map such as { type: vgw, amazonSideAsn: 64512 } or { type: tgw }",
            properties: {
                type: enumOf(GatewayType, "vgw or tgw"),
                amazonSideAsn: { type: "integer", description: "a private ASN: 64512-65534 or 4200000000-4294967294" },
                id: { type: "string", pattern: "^tgw-[0-9a-f]+$", description: "a transit gateway id such as tgw-0abc123" },
            },
        },
        endpointAccess: enumOf(EndpointAccess, "private or public"),
        publicAccessCidrs: cidrList("203.0.113.0/24"),
        privateEndpoints: {
            type: "object",
            additionalProperties: false,
            description: "a map such as { podIdentity: true, cloudControllers: true }",
            properties: {
                podIdentity: { type: "boolean", description: "true or false" },
                cloudControllers: { type: "boolean", description: "true or false" },
            },
        },
        nodeCredentials: enumOf(NodeCredentials, "ssm or iam-ra"),
        iamRolesAnywhere: {
            type: "object",
            additionalProperties: false,
            description: "a map with exactly one of caBundlePem or acmPcaArn",
            properties: {
                caBundlePem: { type: "string", description: "a PEM certificate bundle (-----BEGIN CERTIFICATE-----)" },
                acmPcaArn: {
                    type: "string",
                    pattern: "^arn:aws[a-z-]*:acm-pca:[a-z0-9-]+:\\d{12}:certificate-authority/.+$",
                    description: "an ACM Private CA ARN such as arn:aws:acm-pca:eu-central-1:123456789012:certificate-authority/…",
                },
            },
        },
        authenticationMode: enumOf(AuthenticationMode, "API or API_AND_CONFIG_MAP"),
        clusterLogTypes: {
            type: "array",
            uniqueItems: true,
            items: { type: "string", enum: HUB_LOG_TYPES, description: HUB_LOG_TYPES.join(", ") },
            description: `a list of distinct log types from: ${HUB_LOG_TYPES.join(", ")}`,
        },
        webhookPorts: {
            type: "array",
            uniqueItems: true,
            items: count("a TCP port from 1 to 65535", 1, 65535),
            description: "a list of distinct TCP ports such as [443, 9443]",
        },
        cloudNodeGroup: {
            type: "object",
            additionalProperties: false,
            description: "a map with instanceTypes, desiredSize, minSize, maxSize, maxPods",
            properties: {
                instanceTypes: {
                    type: "array",
                    minItems: 1,
                    items: { type: "string", description: "an EC2 instance type such as m6i.large" },
                    description: "a non-empty list of EC2 instance types such as [m6i.large]",
                },
                desiredSize: count("a node count from 0 to 100", 0, 100),
                minSize: count("a node count from 0 to 100", 0, 100),
                maxSize: count("a node count from 1 to 100", 1, 100),
                maxPods: count("a pod count per node from 1 to 737", 1, 737),
            },
        },
        coredns: { type: "boolean", description: "true or false" },
        cilium: {
            type: "object",
            additionalProperties: false,
            description: 'a map such as { chartVersion: "1.18.12-0", bgp: true }',
            properties: {
                chartVersion: {
                    type: "string",
                    pattern: CILIUM_CHART_VERSION_PATTERN,
                    description: 'a Cilium 1.18 chart version such as "1.18.12-0" (the values are built and checked for 1.18)',
                },
                bgp: { type: "boolean", description: "true or false" },
            },
        },
        customNetworking: {
            type: "object",
            additionalProperties: false,
            required: ["secondaryCidr"],
            description: "a map such as { secondaryCidr: 100.64.0.0/16 }",
            properties: { secondaryCidr: cidr("100.64.0.0/16") },
        },
        tags: {
            type: "object",
            additionalProperties: { type: "string", description: "a string tag value" },
            description: "a map of tag names to string values",
        },
    },
};
