import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";

// The pack reads resource inputs as the engine sends them, so it needs neither the provider SDKs
// nor the package's components: it stays small, and it checks a fleet whatever built its stacks.

/** The tag the components put on a protected kind of resource whose config lifted the protection. */
export const UNPROTECTED_TAG = "eks-hybrid:protect";

/** Resource types whose replacement or deletion is an incident, and why. */
export const PROTECTED_TYPES: { [type: string]: { what: string; why: string } } = {
    "aws:ec2/vpnConnection:VpnConnection": {
        what: "VPN connection",
        why: "a new one has new outside addresses, and every on-prem device of the site would need new settings",
    },
    "aws:eks/cluster:Cluster": {
        what: "EKS cluster",
        why: "a new one starts without the nodes, workloads and access entries of every site",
    },
};

/**
 * Outputs that hold secret material, per resource type: each must be listed in the resource's
 * `additionalSecretOutputs` (the provider SDK adds most; `aws:ssm/activation` it does not), or
 * the stack's state holds it in clear.
 */
export const SECRET_OUTPUTS: { [type: string]: string[] } = {
    "aws:ec2/vpnConnection:VpnConnection": ["customerGatewayConfiguration", "tunnel1PresharedKey", "tunnel2PresharedKey"],
    "aws:ssm/activation:Activation": ["activationCode"],
    "aws:secretsmanager/secretVersion:SecretVersion": ["secretString", "secretBinary"],
    "random:index/randomPassword:RandomPassword": ["result", "bcryptHash"],
    "kubernetes:core/v1:Secret": ["data", "stringData"],
};

/** The tags that say which hub or site a resource belongs to: one of them on every taggable resource. */
export const OWNER_TAGS = ["eks-hybrid:cluster", "eks-hybrid:site"];

/**
 * The AWS resource types eks-hybrid-sites registers that take tags. Any other AWS resource given
 * tags is checked as well.
 */
export const TAGGED_TYPES = [
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    "aws:ec2/customerGateway:CustomerGateway",
    "aws:ec2/eip:Eip",
    "aws:ec2/internetGateway:InternetGateway",
    "aws:ec2/launchTemplate:LaunchTemplate",
    "aws:ec2/natGateway:NatGateway",
    "aws:ec2/routeTable:RouteTable",
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/vpc:Vpc",
    "aws:ec2/vpcEndpoint:VpcEndpoint",
    "aws:ec2/vpnConnection:VpnConnection",
    "aws:ec2/vpnGateway:VpnGateway",
    "aws:ec2transitgateway/routeTable:RouteTable",
    "aws:ec2transitgateway/transitGateway:TransitGateway",
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    "aws:eks/accessEntry:AccessEntry",
    "aws:eks/addon:Addon",
    "aws:eks/cluster:Cluster",
    "aws:eks/nodeGroup:NodeGroup",
    "aws:iam/role:Role",
    "aws:kms/key:Key",
    "aws:rolesanywhere/profile:Profile",
    "aws:rolesanywhere/trustAnchor:TrustAnchor",
    "aws:route53/resolverEndpoint:ResolverEndpoint",
    "aws:sns/topic:Topic",
    "aws:ssm/activation:Activation",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
];

type Tags = { [key: string]: string };

/** The tags a resource ends up with: the provider's default tags under its own. */
function effectiveTags(args: ResourceValidationArgs): Tags {
    const defaults = (args.provider?.props?.defaultTags as { tags?: Tags } | undefined)?.tags ?? {};
    return { ...defaults, ...((args.props.tags as Tags | undefined) ?? {}) };
}

/** Protected kinds of resource must be protected, unless their config lifted it on purpose. */
export const protectedResources: ResourceValidationPolicy = {
    name: "eks-hybrid-protected-resources",
    description: "VPN connections and EKS clusters are protected: Pulumi refuses to replace or delete them.",
    enforcementLevel: "mandatory",
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        const kind = PROTECTED_TYPES[args.type];
        if (kind === undefined || args.opts.protect) return;
        if (effectiveTags(args)[UNPROTECTED_TAG] === "false") return;
        reportViolation(
            `${kind.what} ${args.name} is not protected: ${kind.why}. Keep protect on (the default); to replace or ` +
                `remove it on purpose, set protect: false in its stack's config, which also tags it ${UNPROTECTED_TAG}=false.`,
        );
    },
};

/** Secret material in a resource's outputs must be marked secret. */
export const secretOutputs: ResourceValidationPolicy = {
    name: "eks-hybrid-secret-outputs",
    description: "Resource outputs that hold keys, codes or passwords are secrets in the state.",
    enforcementLevel: "mandatory",
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        const missing = (SECRET_OUTPUTS[args.type] ?? []).filter((p) => !args.opts.additionalSecretOutputs.includes(p));
        if (missing.length === 0) return;
        const them = missing.length === 1 ? "it" : "them";
        reportViolation(
            `${args.name} does not mark ${missing.join(", ")} secret: the stack's state would hold ${them} in clear. ` +
                `List ${them} in the resource's additionalSecretOutputs.`,
        );
    },
};

/** Configuration of {@link ownerTags}. */
export interface OwnerTagsConfig {
    /** Tag keys every taggable resource must carry besides its owner tag, e.g. a cost centre. */
    requiredTags: string[];
}

/** Every taggable resource says which hub or site it belongs to (and carries the fleet's required tags). */
export const ownerTags: ResourceValidationPolicy = {
    name: "eks-hybrid-owner-tags",
    description: "Every taggable AWS resource carries eks-hybrid:cluster or eks-hybrid:site, and the configured requiredTags.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requiredTags: { type: "array", items: { type: "string" }, default: [] },
        },
    },
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        if (!TAGGED_TYPES.includes(args.type) && !(args.type.startsWith("aws:") && args.props.tags !== undefined)) return;
        const tags = effectiveTags(args);
        const problems: string[] = [];
        if (!OWNER_TAGS.some((key) => key in tags)) problems.push(`neither ${OWNER_TAGS.join(" nor ")}`);
        const absent = (args.getConfig<OwnerTagsConfig>().requiredTags ?? []).filter((key) => !(key in tags));
        if (absent.length > 0) problems.push(`not the required ${absent.join(", ")}`);
        if (problems.length > 0) reportViolation(`${args.name} (${args.type}) is tagged with ${problems.join(", and ")}.`);
    },
};

/** The pack's policies, in the order a preview reports them. */
export const EKS_HYBRID_POLICIES = [protectedResources, secretOutputs, ownerTags];
