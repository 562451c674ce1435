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
    "aws:eks/podIdentityAssociation:PodIdentityAssociation",
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

/**
 * AWS types the components never register that commonly hold a fleet's data or keys: checked for
 * owner tags even when they carry none (any other AWS type is checked once it has tags).
 */
export const ALSO_TAGGED_TYPES = [
    "aws:dynamodb/table:Table",
    "aws:ec2/instance:Instance",
    "aws:lambda/function:Function",
    "aws:rds/instance:Instance",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:secretsmanager/secret:Secret",
    "aws:sqs/queue:Queue",
    "aws:ssm/parameter:Parameter",
];

/** Whether a resource was registered inside one of the package's components (its URN's parent types say so). */
function insideComponents(urn: string): boolean {
    const types = urn.split("::")[2] ?? "";
    return types
        .split("$")
        .slice(0, -1)
        .some((t) => t.startsWith("eks-hybrid-sites:index:"));
}

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
        // The components set the tag only when the stack's config says protect: false; outside them a hand-set tag exempts nothing.
        if (effectiveTags(args)[UNPROTECTED_TAG] === "false" && insideComponents(args.urn)) return;
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
        const checked = TAGGED_TYPES.includes(args.type) || ALSO_TAGGED_TYPES.includes(args.type);
        if (!checked && !(args.type.startsWith("aws:") && args.props.tags !== undefined)) return;
        const tags = effectiveTags(args);
        // An empty or blank value says nothing about who owns the resource.
        const has = (key: string) => typeof tags[key] === "string" && tags[key].trim() !== "";
        const problems: string[] = [];
        if (!OWNER_TAGS.some(has)) problems.push(`neither ${OWNER_TAGS.join(" nor ")}`);
        const absent = (args.getConfig<OwnerTagsConfig>().requiredTags ?? []).filter((key) => !has(key));
        if (absent.length > 0) problems.push(`not the required ${absent.join(", ")}`);
        if (problems.length > 0) reportViolation(`${args.name} (${args.type}) is tagged with ${problems.join(", and ")}.`);
    },
};

/** Configuration of {@link secureParameters}. */
export interface SecureParametersConfig {
    /** Names of SSM parameters that may be plain String or StringList: ones known to hold no secret. */
    plainParameters: string[];
}

/** SSM parameters are SecureString: a key or code copied into a String parameter is readable by anyone who may read parameters. */
export const secureParameters: ResourceValidationPolicy = {
    name: "eks-hybrid-secure-parameters",
    description: "SSM parameters are SecureString (KMS-encrypted), unless listed in plainParameters.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            plainParameters: { type: "array", items: { type: "string" }, default: [] },
        },
    },
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        if (args.type !== "aws:ssm/parameter:Parameter" || args.props.type === "SecureString") return;
        const name = String(args.props.name ?? args.name);
        if ((args.getConfig<SecureParametersConfig>().plainParameters ?? []).includes(name)) return;
        reportViolation(
            `${args.name} is an SSM parameter of type ${String(args.props.type)}: its value is stored and shown in clear. Use ` +
                `SecureString, or list ${JSON.stringify(name)} in plainParameters when it holds no secret.`,
        );
    },
};

/** The pack's policies, in the order a preview reports them. */
export const EKS_HYBRID_POLICIES = [protectedResources, secretOutputs, ownerTags, secureParameters];
