import { DEFAULT_ACTIVATION_RENEW_DAYS } from "./activationWindow";
import { JSONSchemaType } from "ajv";
import {
    booleanSchema,
    cidrListSchema,
    choiceListSchema,
    countSchema,
    enumSchema,
    kubernetesVersionSchema,
    optional,
    snsTopicArnSchema,
    tagsSchema,
} from "../config/schemaParts";
import { DEFAULT_IPSEC_MODE, IpsecMode } from "../onprem/enums";
import { DEFAULT_PROTECT } from "../protection/protection";
import { PresharedKeyStorage } from "../vpn/enums";
import { AWS_TUNNEL_VALUES, DEFAULT_TUNNEL_OPTIONS } from "../vpn/tunnelOptions";
import { DEFAULT_LOG_RETENTION_DAYS, DEFAULT_TUNNEL_DOWN_MINUTES, LOG_RETENTION_DAYS } from "../vpn/monitoringArgs";
import { DEFAULT_ACTIVATION_DAYS, SiteSettings, SiteStackConfig } from "./siteArgs";

// The structure of a site's settings, typed against SiteSettings. Address and cross-site rules
// live in validateSite.ts and the folder validation.

const asn = (what: string) =>
    ({
        type: "integer",
        minimum: 1,
        maximum: 4294967294,
        description: `${what}: an ASN from 1 to 4294967294, such as 65000`,
    }) as const;

const phase = (dhGroups: number[], lifetime: { min: number; max: number }, defaults: typeof DEFAULT_TUNNEL_OPTIONS.phase1) =>
    optional({
        type: "object",
        additionalProperties: false,
        required: [],
        description: "a map with encryption, integrity, dhGroups, lifetimeSeconds",
        properties: {
            encryption: optional({
                ...choiceListSchema("string", AWS_TUNNEL_VALUES.encryption, "encryption algorithms"),
                default: defaults.encryption,
            }),
            integrity: optional({
                ...choiceListSchema("string", AWS_TUNNEL_VALUES.integrity, "integrity algorithms"),
                default: defaults.integrity,
            }),
            dhGroups: optional({ ...choiceListSchema("integer", dhGroups, "DH groups"), default: defaults.dhGroups }),
            lifetimeSeconds: optional({
                ...countSchema(`a lifetime from ${lifetime.min} to ${lifetime.max} seconds`, lifetime.min, lifetime.max),
                default: defaults.lifetimeSeconds,
            }),
        },
    } as const);

const d = DEFAULT_TUNNEL_OPTIONS;

/** The structure of a site's settings (the `Site` component's `site` argument). */
export const siteSettingsSchema: JSONSchemaType<SiteSettings> = {
    $id: "eks-hybrid:site-settings",
    type: "object",
    description: "a map with the site settings of docs/CONFIG.md",
    additionalProperties: false,
    required: ["name", "vpnServer", "nodeCidr", "nodes"],
    properties: {
        name: {
            type: "string",
            pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",
            description: "a DNS label: 1-63 lower-case letters, digits and -, starting and ending with a letter or digit",
        },
        vpnServer: {
            type: "object",
            additionalProperties: false,
            required: ["publicIp", "asn"],
            description: "a map such as { publicIp: 203.0.113.10, asn: 65000 }",
            properties: {
                publicIp: { type: "string", description: "a public IPv4 address such as 203.0.113.10" },
                asn: asn("the VPN server's ASN"),
                deviceName: optional({
                    type: "string",
                    maxLength: 255,
                    description: "a device name of at most 255 characters",
                    default: "<site>-vpn",
                }),
                ipsecMode: optional({ ...enumSchema(IpsecMode, "kernel or userspace"), default: DEFAULT_IPSEC_MODE }),
                lanAddress: optional({ type: "string", description: "an IPv4 address on the site LAN such as 10.80.1.2" }),
                localAddress: optional({
                    type: "string",
                    description: "a private IPv4 address such as 192.168.100.2, behind a NAT to publicIp",
                }),
                firewall: optional({
                    type: "object",
                    additionalProperties: false,
                    required: [],
                    description: "a map such as { enabled: true, extraSiteCidrs: [10.82.0.0/24] }",
                    properties: {
                        enabled: optional({ ...booleanSchema, default: true }),
                        extraSiteCidrs: optional({ ...cidrListSchema("10.82.0.0/24"), default: [] }),
                    },
                }),
            },
        },
        nodeCidr: { type: "string", description: "an IPv4 CIDR such as 10.80.1.0/24" },
        podCidr: optional({ type: "string", description: "an IPv4 CIDR such as 10.96.1.0/24" }),
        podMaskSize: optional(countSchema("a prefix length from 8 to 30, such as 26", 8, 30)),
        loadBalancerCidr: optional({ type: "string", description: "an IPv4 CIDR such as 10.112.1.0/24" }),
        bgp: optional({
            type: "object",
            additionalProperties: false,
            required: ["routerAddress", "routerAsn", "nodesAsn"],
            description: "a map such as { routerAddress: 10.80.1.1, routerAsn: 65000, nodesAsn: 65010 }",
            properties: {
                routerAddress: { type: "string", description: "an IPv4 address such as 10.80.1.1" },
                routerAsn: asn("the router's ASN"),
                nodesAsn: asn("the nodes' ASN"),
            },
        }),
        tunnels: optional({
            type: "object",
            additionalProperties: false,
            required: [],
            description: "a map with insideCidrs and optional tunnel options",
            properties: {
                insideCidrs: optional({
                    type: "array",
                    minItems: 2,
                    maxItems: 2,
                    items: { type: "string", description: "a /30 such as 169.254.10.0/30" },
                    description: "two /30s in 169.254.0.0/16, such as [169.254.10.0/30, 169.254.10.4/30]",
                }),
                ikeVersions: optional({
                    ...choiceListSchema("string", AWS_TUNNEL_VALUES.ikeVersions, "IKE versions"),
                    default: d.ikeVersions,
                }),
                phase1: phase(AWS_TUNNEL_VALUES.phase1DhGroups, AWS_TUNNEL_VALUES.phase1Lifetime, d.phase1),
                phase2: phase(AWS_TUNNEL_VALUES.phase2DhGroups, AWS_TUNNEL_VALUES.phase2Lifetime, d.phase2),
                dpdTimeoutSeconds: optional({
                    type: "integer",
                    minimum: AWS_TUNNEL_VALUES.dpdTimeoutMin,
                    description: `a timeout of at least ${AWS_TUNNEL_VALUES.dpdTimeoutMin} seconds`,
                    default: d.dpdTimeoutSeconds,
                }),
                dpdTimeoutAction: optional({
                    type: "string",
                    enum: AWS_TUNNEL_VALUES.dpdTimeoutActions,
                    description: "clear, none or restart",
                    default: d.dpdTimeoutAction,
                }),
                startupAction: optional({
                    type: "string",
                    enum: AWS_TUNNEL_VALUES.startupActions,
                    description: "add or start",
                    default: d.startupAction,
                }),
                allowWeakCrypto: optional({ ...booleanSchema, default: false }),
                keyGenerations: optional({
                    type: "array",
                    minItems: 2,
                    maxItems: 2,
                    items: { type: "integer", minimum: 0, description: "a whole number of at least 0" },
                    description: "two whole numbers, [tunnel 1, tunnel 2], such as [1, 0]",
                    default: [0, 0],
                }),
                presharedKeyStorage: optional({
                    ...enumSchema(PresharedKeyStorage, "standard or secrets-manager"),
                    default: PresharedKeyStorage.Standard,
                }),
            },
        }),
        monitoring: optional({
            type: "object",
            additionalProperties: false,
            required: [],
            description: "a map such as { tunnelDownMinutes: 5, logRetentionDays: 30 }",
            properties: {
                alertTopicArn: optional(snsTopicArnSchema),
                tunnelDownMinutes: optional({ ...countSchema("1 to 60 minutes", 1, 60), default: DEFAULT_TUNNEL_DOWN_MINUTES }),
                logRetentionDays: optional({
                    type: "integer",
                    enum: LOG_RETENTION_DAYS,
                    description: `one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(", ")}`,
                    default: DEFAULT_LOG_RETENTION_DAYS,
                }),
            },
        }),
        protect: optional({ ...booleanSchema, default: DEFAULT_PROTECT }),
        nodes: {
            type: "object",
            additionalProperties: false,
            required: [],
            description: "a map such as { count: 3 } or { hosts: [{ name: munich-1, ip: 10.80.1.11 }] }",
            properties: {
                count: optional(countSchema("a node count from 1 to 1000", 1, 1000)),
                hosts: optional({
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
                }),
                activationDays: optional({ ...countSchema("a number of days from 2 to 30", 2, 30), default: DEFAULT_ACTIVATION_DAYS }),
                activationRenewDays: optional({
                    ...countSchema("a number of days from 1 to 29, fewer than activationDays", 1, 29),
                    default: DEFAULT_ACTIVATION_RENEW_DAYS,
                }),
                activationGeneration: optional({ type: "integer", minimum: 0, description: "a whole number of at least 0", default: 0 }),
                kubernetesVersion: optional(kubernetesVersionSchema),
                upgradeMaxUnavailable: optional({ ...countSchema("1 to 100 nodes", 1, 100), default: 1 }),
            },
        },
        tags: optional(tagsSchema),
    },
};

const { name, ...settingsProperties } = siteSettingsSchema.properties!;

/** The structure of `eks-hybrid:site`: the site's settings and its hub stack. */
export const siteStackSchema: JSONSchemaType<SiteStackConfig> = {
    ...siteSettingsSchema,
    $id: "eks-hybrid:site",
    required: ["name", "hubStack", "vpnServer", "nodeCidr", "nodes"],
    // hubStack right after name: messages list the valid keys in this order.
    properties: {
        name,
        hubStack: {
            type: "string",
            pattern: "^([A-Za-z0-9_.-]+/){0,2}[A-Za-z0-9_.-]+$",
            description: "the hub's stack name, such as hub or org/eks-hybrid/hub",
        },
        ...settingsProperties,
    },
};
