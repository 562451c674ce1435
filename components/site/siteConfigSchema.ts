import { SchemaObject } from "ajv";
import { IpsecMode } from "../onprem/vpnServerConfig";
import { AWS_TUNNEL_VALUES } from "./tunnelOptions";

// The structure of `eks-hybrid:site` (CONFIG.md). Every `description` is phrased as what would
// be valid: validation messages quote it. Address and cross-site rules live in validateSite.ts.

const asn = (what: string): SchemaObject => ({
    type: "integer",
    minimum: 1,
    maximum: 4294967294,
    description: `${what}: an ASN from 1 to 4294967294, such as 65000`,
});
const list = (values: (string | number)[], what: string): SchemaObject => ({
    type: "array",
    minItems: 1,
    uniqueItems: true,
    items: { enum: values, description: values.join(", ") },
    description: `a non-empty list of distinct ${what} from: ${values.join(", ")}`,
});
const phase = (dhGroups: number[], lifetime: { min: number; max: number }): SchemaObject => ({
    type: "object",
    additionalProperties: false,
    description: "a map with encryption, integrity, dhGroups, lifetimeSeconds",
    properties: {
        encryption: list(AWS_TUNNEL_VALUES.encryption, "encryption algorithms"),
        integrity: list(AWS_TUNNEL_VALUES.integrity, "integrity algorithms"),
        dhGroups: list(dhGroups, "DH groups"),
        lifetimeSeconds: {
            type: "integer",
            minimum: lifetime.min,
            maximum: lifetime.max,
            description: `a lifetime from ${lifetime.min} to ${lifetime.max} seconds`,
        },
    },
});

export const siteConfigSchema: SchemaObject = {
    $id: "eks-hybrid:site",
    type: "object",
    description: "a map with the site settings of CONFIG.md",
    additionalProperties: false,
    required: ["name", "hubStack", "vpnServer", "nodeCidr", "podCidr", "podMaskSize", "nodes"],
    properties: {
        name: {
            type: "string",
            pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",
            description: "a DNS label: 1-63 lower-case letters, digits and -, starting and ending with a letter or digit",
        },
        hubStack: {
            type: "string",
            pattern: "^([A-Za-z0-9_.-]+/){0,2}[A-Za-z0-9_.-]+$",
            description: "the hub's stack name, such as hub or org/eks-hybrid/hub",
        },
        vpnServer: {
            type: "object",
            additionalProperties: false,
            required: ["publicIp", "asn"],
            description: "a map such as { publicIp: 203.0.113.10, asn: 65000 }",
            properties: {
                publicIp: { type: "string", description: "a public IPv4 address such as 203.0.113.10" },
                asn: asn("the VPN server's ASN"),
                deviceName: { type: "string", maxLength: 255, description: "a device name of at most 255 characters" },
                ipsecMode: { type: "string", enum: Object.values(IpsecMode), description: "kernel or userspace" },
            },
        },
        nodeCidr: { type: "string", description: "an IPv4 CIDR such as 10.80.1.0/24" },
        podCidr: { type: "string", description: "an IPv4 CIDR such as 10.96.1.0/24" },
        podMaskSize: { type: "integer", minimum: 8, maximum: 30, description: "a prefix length from 8 to 30, such as 26" },
        bgp: {
            type: "object",
            additionalProperties: false,
            required: ["routerAddress", "routerAsn", "nodesAsn"],
            description: "a map such as { routerAddress: 10.80.1.1, routerAsn: 65000, nodesAsn: 65010 }",
            properties: {
                routerAddress: { type: "string", description: "an IPv4 address such as 10.80.1.1" },
                routerAsn: asn("the router's ASN"),
                nodesAsn: asn("the nodes' ASN"),
            },
        },
        tunnels: {
            type: "object",
            additionalProperties: false,
            description: "a map with insideCidrs and optional tunnel options",
            properties: {
                insideCidrs: {
                    type: "array",
                    minItems: 2,
                    maxItems: 2,
                    items: { type: "string", description: "a /30 such as 169.254.10.0/30" },
                    description: "two /30s in 169.254.0.0/16, such as [169.254.10.0/30, 169.254.10.4/30]",
                },
                ikeVersions: list(AWS_TUNNEL_VALUES.ikeVersions, "IKE versions"),
                phase1: phase(AWS_TUNNEL_VALUES.phase1DhGroups, AWS_TUNNEL_VALUES.phase1Lifetime),
                phase2: phase(AWS_TUNNEL_VALUES.phase2DhGroups, AWS_TUNNEL_VALUES.phase2Lifetime),
                dpdTimeoutSeconds: {
                    type: "integer",
                    minimum: AWS_TUNNEL_VALUES.dpdTimeoutMin,
                    description: `a timeout of at least ${AWS_TUNNEL_VALUES.dpdTimeoutMin} seconds`,
                },
                dpdTimeoutAction: { type: "string", enum: AWS_TUNNEL_VALUES.dpdTimeoutActions, description: "clear, none or restart" },
                startupAction: { type: "string", enum: AWS_TUNNEL_VALUES.startupActions, description: "add or start" },
            },
        },
        nodes: {
            type: "object",
            additionalProperties: false,
            description: "a map such as { count: 3 } or { hosts: [{ name: munich-1, ip: 10.80.1.11 }] }",
            properties: {
                count: { type: "integer", minimum: 1, maximum: 1000, description: "a node count from 1 to 1000" },
                hosts: {
                    type: "array",
                    minItems: 1,
                    items: {
                        type: "object",
                        additionalProperties: false,
                        required: ["name", "ip"],
                        description: "a map such as { name: munich-1, ip: 10.80.1.11 }",
                        properties: {
                            name: {
                                type: "string",
                                pattern: "^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$",
                                description: "a node name: lower-case letters, digits, - and ., such as munich-1",
                            },
                            ip: { type: "string", description: "an IPv4 address such as 10.80.1.11" },
                        },
                    },
                    description: "a non-empty list of hosts such as [{ name: munich-1, ip: 10.80.1.11 }]",
                },
                activationDays: { type: "integer", minimum: 1, maximum: 30, description: "a number of days from 1 to 30" },
            },
        },
        tags: {
            type: "object",
            additionalProperties: { type: "string", description: "a string tag value" },
            description: "a map of tag names to string values",
        },
    },
};
