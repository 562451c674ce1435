// The IAM policy the deployer (whoever runs `pulumi up` of the hub and the sites) needs: for each
// AWS resource type the components register, the API actions that create, read, change, tag and
// delete it, named after the calls the AWS provider makes. A test runs the components in every
// mode and fails on a registered AWS type this table does not cover; `npm run docs` writes the
// policy to docs/iam/deployer-policy.json.
import { OWNER_TAG } from "../../components/config/ownerTags";

export { OWNER_TAG };

/** Reads every type needs (describe and list calls), and what the provider itself calls. */
const COMMON_ACTIONS = ["sts:GetCallerIdentity", "ec2:DescribeAvailabilityZones", "ec2:Describe*"];

/**
 * Actions that change or delete a resource only the components create, allowed only on a resource
 * carrying its owner tag (`aws:ResourceTag/<key>`), so the deployer cannot touch anything else of
 * the account with them. By the Pulumi type of the resource each action authorizes (not the one
 * that calls it: a site deletes its routes in the hub's transit gateway route table), with the
 * owner tag every registration of that type carries (a test checks both). Only actions whose
 * every resource type supports aws:ResourceTag (Service Authorization Reference) and touches no
 * resource the user or AWS made (an existing VPC's route tables, the EKS cluster security group,
 * an endpoint's existing subnets): those stay unconditioned.
 */
export const OWNER_TAGGED_ACTIONS: { type: string; owner: keyof typeof OWNER_TAG; actions: string[] }[] = [
    { type: "aws:ec2/vpc:Vpc", owner: "hub", actions: ["ec2:DeleteVpc"] },
    { type: "aws:ec2/subnet:Subnet", owner: "hub", actions: ["ec2:DeleteSubnet"] },
    { type: "aws:ec2/routeTable:RouteTable", owner: "hub", actions: ["ec2:DeleteRouteTable"] },
    { type: "aws:ec2/internetGateway:InternetGateway", owner: "hub", actions: ["ec2:DeleteInternetGateway"] },
    { type: "aws:ec2/natGateway:NatGateway", owner: "hub", actions: ["ec2:DeleteNatGateway"] },
    { type: "aws:ec2/eip:Eip", owner: "hub", actions: ["ec2:ReleaseAddress"] },
    { type: "aws:ec2/securityGroup:SecurityGroup", owner: "hub", actions: ["ec2:DeleteSecurityGroup"] },
    { type: "aws:ec2/vpcEndpoint:VpcEndpoint", owner: "hub", actions: ["ec2:DeleteVpcEndpoints"] },
    { type: "aws:ec2/vpnGateway:VpnGateway", owner: "hub", actions: ["ec2:DeleteVpnGateway"] },
    { type: "aws:ec2/launchTemplate:LaunchTemplate", owner: "hub", actions: ["ec2:DeleteLaunchTemplate", "ec2:ModifyLaunchTemplate"] },
    {
        type: "aws:ec2transitgateway/transitGateway:TransitGateway",
        owner: "hub",
        actions: ["ec2:DeleteTransitGateway", "ec2:ModifyTransitGateway"],
    },
    {
        type: "aws:ec2transitgateway/routeTable:RouteTable",
        owner: "hub",
        actions: ["ec2:DeleteTransitGatewayRouteTable", "ec2:DeleteTransitGatewayRoute"],
    },
    { type: "aws:ec2transitgateway/vpcAttachment:VpcAttachment", owner: "hub", actions: ["ec2:DeleteTransitGatewayVpcAttachment"] },
    {
        type: "aws:eks/cluster:Cluster",
        owner: "hub",
        actions: ["eks:DeleteCluster", "eks:UpdateClusterConfig", "eks:UpdateClusterVersion"],
    },
    {
        type: "aws:eks/nodeGroup:NodeGroup",
        owner: "hub",
        actions: ["eks:DeleteNodegroup", "eks:UpdateNodegroupConfig", "eks:UpdateNodegroupVersion"],
    },
    { type: "aws:eks/accessEntry:AccessEntry", owner: "hub", actions: ["eks:DeleteAccessEntry", "eks:UpdateAccessEntry"] },
    {
        type: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
        owner: "hub",
        actions: ["eks:DeletePodIdentityAssociation", "eks:UpdatePodIdentityAssociation"],
    },
    { type: "aws:kms/key:Key", owner: "hub", actions: ["kms:ScheduleKeyDeletion", "kms:PutKeyPolicy"] },
    { type: "aws:sns/topic:Topic", owner: "hub", actions: ["sns:DeleteTopic", "sns:SetTopicAttributes"] },
    {
        type: "aws:route53/resolverEndpoint:ResolverEndpoint",
        owner: "hub",
        actions: [
            "route53resolver:DeleteResolverEndpoint",
            "route53resolver:UpdateResolverEndpoint",
            "route53resolver:DisassociateResolverEndpointIpAddress",
        ],
    },
    {
        type: "aws:rolesanywhere/trustAnchor:TrustAnchor",
        owner: "hub",
        actions: ["rolesanywhere:DeleteTrustAnchor", "rolesanywhere:UpdateTrustAnchor", "rolesanywhere:DisableTrustAnchor"],
    },
    {
        type: "aws:rolesanywhere/profile:Profile",
        owner: "hub",
        actions: ["rolesanywhere:DeleteProfile", "rolesanywhere:UpdateProfile", "rolesanywhere:DisableProfile"],
    },
    { type: "aws:ec2/customerGateway:CustomerGateway", owner: "site", actions: ["ec2:DeleteCustomerGateway"] },
    {
        type: "aws:ec2/vpnConnection:VpnConnection",
        owner: "site",
        actions: [
            "ec2:DeleteVpnConnection",
            "ec2:ModifyVpnConnection",
            "ec2:ModifyVpnConnectionOptions",
            "ec2:ModifyVpnTunnelOptions",
            "ec2:DeleteVpnConnectionRoute",
        ],
    },
    {
        type: "aws:cloudwatch/logGroup:LogGroup",
        owner: "site",
        actions: ["logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy"],
    },
    { type: "aws:cloudwatch/metricAlarm:MetricAlarm", owner: "site", actions: ["cloudwatch:DeleteAlarms"] },
];

/**
 * EC2 tags only as a resource is created (`ec2:CreateAction`, tag on create) or on a resource that
 * already carries an owner tag: otherwise the deployer could put an owner tag on any resource and
 * then delete it. The rules a security group rule resource creates may be tagged after creation.
 */
const EC2_TAG_ON_CREATE = "ec2:CreateTags";

/** API actions by Pulumi resource type. */
export const DEPLOYER_ACTIONS: Record<string, string[]> = {
    "aws:ec2/vpc:Vpc": ["ec2:CreateVpc", "ec2:DeleteVpc", "ec2:ModifyVpcAttribute"],
    "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation": ["ec2:AssociateVpcCidrBlock", "ec2:DisassociateVpcCidrBlock"],
    "aws:ec2/subnet:Subnet": ["ec2:CreateSubnet", "ec2:DeleteSubnet", "ec2:ModifySubnetAttribute"],
    "aws:ec2/routeTable:RouteTable": ["ec2:CreateRouteTable", "ec2:DeleteRouteTable"],
    "aws:ec2/routeTableAssociation:RouteTableAssociation": [
        "ec2:AssociateRouteTable",
        "ec2:DisassociateRouteTable",
        "ec2:ReplaceRouteTableAssociation",
    ],
    "aws:ec2/route:Route": ["ec2:CreateRoute", "ec2:DeleteRoute", "ec2:ReplaceRoute"],
    "aws:ec2/internetGateway:InternetGateway": [
        "ec2:CreateInternetGateway",
        "ec2:DeleteInternetGateway",
        "ec2:AttachInternetGateway",
        "ec2:DetachInternetGateway",
    ],
    "aws:ec2/eip:Eip": ["ec2:AllocateAddress", "ec2:ReleaseAddress", "ec2:DisassociateAddress"],
    "aws:ec2/natGateway:NatGateway": ["ec2:CreateNatGateway", "ec2:DeleteNatGateway"],
    "aws:ec2/securityGroup:SecurityGroup": [
        "ec2:CreateSecurityGroup",
        "ec2:DeleteSecurityGroup",
        // A new group's default egress rule is removed; its rules are separate resources.
        "ec2:RevokeSecurityGroupEgress",
        "ec2:RevokeSecurityGroupIngress",
    ],
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": [
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:RevokeSecurityGroupIngress",
        "ec2:ModifySecurityGroupRules",
    ],
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": [
        "ec2:AuthorizeSecurityGroupEgress",
        "ec2:RevokeSecurityGroupEgress",
        "ec2:ModifySecurityGroupRules",
    ],
    "aws:ec2/vpcEndpoint:VpcEndpoint": [
        "ec2:CreateVpcEndpoint",
        "ec2:DeleteVpcEndpoints",
        "ec2:ModifyVpcEndpoint",
        // Private DNS associates the endpoint's AWS-managed private hosted zone with the VPC.
        "route53:AssociateVPCWithHostedZone",
        "route53:DisassociateVPCFromHostedZone",
    ],
    "aws:ec2/vpnGateway:VpnGateway": ["ec2:CreateVpnGateway", "ec2:DeleteVpnGateway", "ec2:AttachVpnGateway", "ec2:DetachVpnGateway"],
    "aws:ec2/customerGateway:CustomerGateway": ["ec2:CreateCustomerGateway", "ec2:DeleteCustomerGateway"],
    "aws:ec2/vpnConnection:VpnConnection": [
        "ec2:CreateVpnConnection",
        "ec2:DeleteVpnConnection",
        "ec2:ModifyVpnConnection",
        "ec2:ModifyVpnConnectionOptions",
        "ec2:ModifyVpnTunnelOptions",
        // Tunnel logs are a CloudWatch Logs delivery the VPN service sets up for the caller.
        "logs:CreateLogDelivery",
        "logs:GetLogDelivery",
        "logs:UpdateLogDelivery",
        "logs:DeleteLogDelivery",
        "logs:ListLogDeliveries",
        "logs:PutResourcePolicy",
        "logs:DescribeResourcePolicies",
        "logs:DescribeLogGroups",
    ],
    "aws:ec2/vpnConnectionRoute:VpnConnectionRoute": ["ec2:CreateVpnConnectionRoute", "ec2:DeleteVpnConnectionRoute"],
    "aws:ec2/launchTemplate:LaunchTemplate": [
        "ec2:CreateLaunchTemplate",
        "ec2:CreateLaunchTemplateVersion",
        "ec2:ModifyLaunchTemplate",
        "ec2:DeleteLaunchTemplate",
    ],
    "aws:ec2transitgateway/transitGateway:TransitGateway": [
        "ec2:CreateTransitGateway",
        "ec2:ModifyTransitGateway",
        "ec2:DeleteTransitGateway",
    ],
    "aws:ec2transitgateway/routeTable:RouteTable": ["ec2:CreateTransitGatewayRouteTable", "ec2:DeleteTransitGatewayRouteTable"],
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment": [
        "ec2:CreateTransitGatewayVpcAttachment",
        "ec2:ModifyTransitGatewayVpcAttachment",
        "ec2:DeleteTransitGatewayVpcAttachment",
    ],
    "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation": [
        "ec2:AssociateTransitGatewayRouteTable",
        "ec2:DisassociateTransitGatewayRouteTable",
        "ec2:GetTransitGatewayRouteTableAssociations",
    ],
    "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation": [
        "ec2:EnableTransitGatewayRouteTablePropagation",
        "ec2:DisableTransitGatewayRouteTablePropagation",
        "ec2:GetTransitGatewayRouteTablePropagations",
    ],
    "aws:ec2transitgateway/route:Route": [
        "ec2:CreateTransitGatewayRoute",
        "ec2:DeleteTransitGatewayRoute",
        "ec2:SearchTransitGatewayRoutes",
    ],
    "aws:eks/cluster:Cluster": [
        "eks:CreateCluster",
        "eks:DescribeCluster",
        "eks:UpdateClusterConfig",
        "eks:UpdateClusterVersion",
        "eks:DescribeUpdate",
        "eks:DeleteCluster",
        "eks:TagResource",
        "eks:UntagResource",
        "eks:ListTagsForResource",
        // EKS creates its service-linked role on the first cluster of an account.
        "iam:CreateServiceLinkedRole",
        // Secrets encryption: the creator grants EKS the use of the key.
        "kms:CreateGrant",
        "kms:DescribeKey",
    ],
    "aws:eks/accessEntry:AccessEntry": [
        "eks:CreateAccessEntry",
        "eks:DescribeAccessEntry",
        "eks:UpdateAccessEntry",
        "eks:DeleteAccessEntry",
    ],
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": [
        "eks:CreatePodIdentityAssociation",
        "eks:DescribePodIdentityAssociation",
        "eks:UpdatePodIdentityAssociation",
        "eks:DeletePodIdentityAssociation",
    ],
    "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": [
        "eks:AssociateAccessPolicy",
        "eks:ListAssociatedAccessPolicies",
        "eks:DisassociateAccessPolicy",
    ],
    "aws:ssm/serviceSetting:ServiceSetting": ["ssm:GetServiceSetting", "ssm:UpdateServiceSetting", "ssm:ResetServiceSetting"],
    "aws:eks/addon:Addon": ["eks:CreateAddon", "eks:DescribeAddon", "eks:DescribeAddonVersions", "eks:UpdateAddon", "eks:DeleteAddon"],
    // @pulumi/eks's VpcCniAddon manages the vpc-cni add-on as an aws.eks.Addon inside its provider.
    "eks:index:VpcCniAddon": ["eks:CreateAddon", "eks:DescribeAddon", "eks:DescribeAddonVersions", "eks:UpdateAddon", "eks:DeleteAddon"],
    "aws:eks/nodeGroup:NodeGroup": [
        "eks:CreateNodegroup",
        "eks:DescribeNodegroup",
        "eks:UpdateNodegroupConfig",
        "eks:UpdateNodegroupVersion",
        "eks:DeleteNodegroup",
        "iam:CreateServiceLinkedRole",
    ],
    "aws:iam/role:Role": [
        "iam:CreateRole",
        "iam:GetRole",
        "iam:UpdateRole",
        "iam:UpdateAssumeRolePolicy",
        "iam:TagRole",
        "iam:UntagRole",
        "iam:ListRolePolicies",
        "iam:ListAttachedRolePolicies",
        "iam:ListInstanceProfilesForRole",
        "iam:DeleteRole",
        "iam:DeleteRolePermissionsBoundary",
        "iam:PutRolePermissionsBoundary",
        // The cluster, node group, SSM activation and Roles Anywhere profile are handed their roles.
        "iam:PassRole",
    ],
    "aws:iam/rolePolicy:RolePolicy": ["iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy"],
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
    "aws:kms/key:Key": [
        "kms:CreateKey",
        "kms:DescribeKey",
        "kms:GetKeyPolicy",
        "kms:PutKeyPolicy",
        "kms:GetKeyRotationStatus",
        "kms:EnableKeyRotation",
        "kms:ListResourceTags",
        "kms:TagResource",
        "kms:UntagResource",
        "kms:ScheduleKeyDeletion",
    ],
    "aws:ssm/activation:Activation": [
        "ssm:CreateActivation",
        "ssm:DescribeActivations",
        "ssm:DeleteActivation",
        "ssm:AddTagsToResource",
        "ssm:RemoveTagsFromResource",
        "ssm:ListTagsForResource",
    ],
    "aws:route53/resolverEndpoint:ResolverEndpoint": [
        "route53resolver:CreateResolverEndpoint",
        "route53resolver:GetResolverEndpoint",
        "route53resolver:ListResolverEndpointIpAddresses",
        "route53resolver:UpdateResolverEndpoint",
        "route53resolver:AssociateResolverEndpointIpAddress",
        "route53resolver:DisassociateResolverEndpointIpAddress",
        "route53resolver:DeleteResolverEndpoint",
        "route53resolver:TagResource",
        "route53resolver:UntagResource",
        "route53resolver:ListTagsForResource",
        // The endpoint's addresses are network interfaces Route 53 Resolver creates in the VPC.
        "ec2:CreateNetworkInterface",
        "ec2:DeleteNetworkInterface",
        "ec2:ModifyNetworkInterfaceAttribute",
    ],
    "aws:ecr/pullThroughCacheRule:PullThroughCacheRule": [
        "ecr:CreatePullThroughCacheRule",
        "ecr:DescribePullThroughCacheRules",
        "ecr:UpdatePullThroughCacheRule",
        "ecr:DeletePullThroughCacheRule",
    ],
    "aws:cloudwatch/logGroup:LogGroup": [
        "logs:CreateLogGroup",
        "logs:DeleteLogGroup",
        "logs:PutRetentionPolicy",
        "logs:DeleteRetentionPolicy",
        "logs:DescribeLogGroups",
        "logs:ListTagsForResource",
        "logs:TagResource",
        "logs:UntagResource",
    ],
    "aws:cloudwatch/metricAlarm:MetricAlarm": [
        "cloudwatch:PutMetricAlarm",
        "cloudwatch:DescribeAlarms",
        "cloudwatch:DeleteAlarms",
        "cloudwatch:ListTagsForResource",
        "cloudwatch:TagResource",
        "cloudwatch:UntagResource",
    ],
    "aws:sns/topic:Topic": [
        "sns:CreateTopic",
        "sns:GetTopicAttributes",
        "sns:SetTopicAttributes",
        "sns:ListTagsForResource",
        "sns:TagResource",
        "sns:UntagResource",
        "sns:DeleteTopic",
    ],
    "aws:rolesanywhere/trustAnchor:TrustAnchor": [
        "rolesanywhere:CreateTrustAnchor",
        "rolesanywhere:GetTrustAnchor",
        "rolesanywhere:UpdateTrustAnchor",
        "rolesanywhere:EnableTrustAnchor",
        "rolesanywhere:DisableTrustAnchor",
        "rolesanywhere:DeleteTrustAnchor",
        "rolesanywhere:TagResource",
        "rolesanywhere:UntagResource",
        "rolesanywhere:ListTagsForResource",
    ],
    "aws:rolesanywhere/profile:Profile": [
        "rolesanywhere:CreateProfile",
        "rolesanywhere:GetProfile",
        "rolesanywhere:UpdateProfile",
        "rolesanywhere:EnableProfile",
        "rolesanywhere:DisableProfile",
        "rolesanywhere:DeleteProfile",
    ],
};

/**
 * The roles the components create, by the end of their resource names (Pulumi names a role after
 * its resource, `<cluster>-eks-cluster-role-<random>`): IAM actions are scoped to these, never `*`.
 */
export const ROLE_NAME_PARTS = [
    "-eks-cluster-role-",
    "-hybrid-nodes-role-",
    "-addons-cloud-nodes-",
    "-gateway-role-",
    "-load-balancer-controller-role-",
];

/** ARNs of those roles in any account of the `aws` partition. */
export const ROLE_ARNS = ROLE_NAME_PARTS.map((part) => `arn:aws:iam::*:role/*${part}*`);

/** The services the roles are handed to (the cluster, the cloud nodes, SSM activations, Roles Anywhere profiles). */
export const PASSED_TO_SERVICES = [
    "ec2.amazonaws.com",
    "eks.amazonaws.com",
    // A Pod Identity association passes its role to EKS Pod Identity (the Hybrid Nodes gateway's).
    "pods.eks.amazonaws.com",
    "rolesanywhere.amazonaws.com",
    "ssm.amazonaws.com",
];

/** IAM actions that change what a role may do: with a permissions boundary they require it on the role. */
const ROLE_GRANTS = [
    "iam:AttachRolePolicy",
    "iam:CreateRole",
    "iam:DeleteRolePolicy",
    "iam:DetachRolePolicy",
    "iam:PutRolePermissionsBoundary",
    "iam:PutRolePolicy",
];

/** A placeholder for the boundary policy in the example that uses one. */
export const EXAMPLE_BOUNDARY = "arn:aws:iam::ACCOUNT_ID:policy/eks-hybrid-sites-boundary";

/** A policy document. */
export interface PolicyDocument {
    Version: string;
    Statement: PolicyStatement[];
}

/** The statements that allow only on resources the components tagged (or tag as they create them). */
const OWNED_SIDS = ["Ec2TagOnCreate", "Ec2TagRules", "HubOwned", "SiteOwned"];

/**
 * The policy as IAM takes it: three customer managed policies, each under IAM's 6,144 characters,
 * all attached to the deployer's role: every service but IAM, the changes and deletions allowed
 * only on owner-tagged resources, and IAM's scoped statements.
 */
export function deployerPolicies(boundary?: string): { services: PolicyDocument; owned: PolicyDocument; iam: PolicyDocument } {
    const all = deployerPolicy(boundary);
    const isIam = (s: PolicyStatement) => s.Sid.startsWith("Iam");
    const isOwned = (s: PolicyStatement) => OWNED_SIDS.includes(s.Sid);
    return {
        services: { Version: all.Version, Statement: all.Statement.filter((s) => !isIam(s) && !isOwned(s)) },
        owned: { Version: all.Version, Statement: all.Statement.filter(isOwned) },
        iam: { Version: all.Version, Statement: all.Statement.filter(isIam) },
    };
}

/** One statement of the policy. */
export interface PolicyStatement {
    Sid: string;
    Effect: string;
    Action: string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

/** Every guarded action, once. */
export const GUARDED_ACTIONS = new Set(OWNER_TAGGED_ACTIONS.flatMap((e) => e.actions));

const sid = (name: string) => name.replace(/[^A-Za-z0-9]/g, "").replace(/^./, (c) => c.toUpperCase());

/**
 * The policy document: one statement per service on every resource, except IAM: its actions only
 * on the components' roles (ROLE_ARNS), `iam:PassRole` only to the services that take them, and
 * with `boundary` the actions that grant a role anything only while the role carries that
 * permissions boundary (the hub's `iamPermissionsBoundary`), so the deployer cannot make a role
 * more powerful than the boundary.
 */
export function deployerPolicy(boundary?: string): PolicyDocument {
    const byService = new Map<string, Set<string>>();
    const all = [...COMMON_ACTIONS, ...Object.values(DEPLOYER_ACTIONS).flat()];
    // ec2:CreateAction names the API call without the service prefix (CreateVpc).
    const ec2Creates = [...new Set(all.filter((a) => /^ec2:(Create|Allocate|Authorize)/.test(a)).map((a) => a.slice(4)))].sort();
    for (const action of all.filter((a) => !GUARDED_ACTIONS.has(a))) {
        const service = action.split(":")[0];
        if (!byService.has(service)) byService.set(service, new Set());
        byService.get(service)!.add(action);
    }
    const iam = [...(byService.get("iam") ?? [])].sort();
    byService.delete("iam");
    // Describe and List as one wildcard each (they return metadata), so the policy stays under IAM's
    // size limit. Get stays explicit: ssm:Get* would read every parameter, logs:Get* every log event.
    const reads = (actions: Set<string>) => [
        ...new Set([...actions].map((a) => a.replace(/^([a-z0-9-]+):(Describe|List)[A-Za-z]*\*?$/, "$1:$2*"))),
    ];
    const statements: PolicyStatement[] = [...byService.keys()].sort().map((service) => ({
        Sid: sid(service),
        Effect: "Allow",
        Action: reads(byService.get(service)!).sort(),
        Resource: "*",
    }));
    statements.push({
        Sid: "Ec2TagOnCreate",
        Effect: "Allow",
        Action: [EC2_TAG_ON_CREATE],
        Resource: "*",
        Condition: { StringEquals: { "ec2:CreateAction": ec2Creates } },
    });
    statements.push({
        Sid: "Ec2TagRules",
        Effect: "Allow",
        Action: [EC2_TAG_ON_CREATE],
        Resource: "arn:aws:ec2:*:*:security-group-rule/*",
    });
    for (const [owner, key] of Object.entries(OWNER_TAG) as [keyof typeof OWNER_TAG, string][]) {
        const actions = OWNER_TAGGED_ACTIONS.filter((e) => e.owner === owner).flatMap((e) => e.actions);
        statements.push({
            Sid: owner === "hub" ? "HubOwned" : "SiteOwned",
            Effect: "Allow",
            Action: [...new Set([...actions, "ec2:CreateTags", "ec2:DeleteTags"])].sort(),
            Resource: "*",
            Condition: { Null: { [`aws:ResourceTag/${key}`]: "false" } },
        });
    }
    const grants = boundary === undefined ? [] : iam.filter((a) => ROLE_GRANTS.includes(a));
    // With a boundary, nothing may take it off again (the boundary condition key does not cover that call).
    const stripping = boundary === undefined ? [] : ["iam:DeleteRolePermissionsBoundary"];
    const roles = iam.filter(
        (a) => a !== "iam:PassRole" && a !== "iam:CreateServiceLinkedRole" && !grants.includes(a) && !stripping.includes(a),
    );
    statements.push({ Sid: "IamRoles", Effect: "Allow", Action: roles, Resource: ROLE_ARNS });
    if (iam.includes("iam:CreateServiceLinkedRole")) {
        // EKS and its node groups create their service-linked roles on first use, under AWS's own path.
        statements.push({
            Sid: "IamServiceLinkedRoles",
            Effect: "Allow",
            Action: ["iam:CreateServiceLinkedRole"],
            Resource: "arn:aws:iam::*:role/aws-service-role/*",
        });
    }
    if (boundary !== undefined) {
        statements.push({
            Sid: "IamRolesWithinBoundary",
            Effect: "Allow",
            Action: grants,
            Resource: ROLE_ARNS,
            Condition: { StringEquals: { "iam:PermissionsBoundary": boundary } },
        });
    }
    statements.push({
        Sid: "IamPassRole",
        Effect: "Allow",
        Action: ["iam:PassRole"],
        Resource: ROLE_ARNS,
        Condition: { StringEquals: { "iam:PassedToService": PASSED_TO_SERVICES } },
    });
    return { Version: "2012-10-17", Statement: statements };
}
