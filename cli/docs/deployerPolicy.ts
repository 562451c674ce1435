// The IAM policy the deployer (whoever runs `pulumi up` of the hub and the sites) needs: for each
// AWS resource type the components register, the API actions that create, read, change, tag and
// delete it, named after the calls the AWS provider makes. A test runs the components in every
// mode and fails on a registered AWS type this table does not cover; `npm run docs` writes the
// policy to docs/iam/deployer-policy.json.

/** Reads every type needs (describe and list calls), and what the provider itself calls. */
const COMMON_ACTIONS = ["sts:GetCallerIdentity", "ec2:DescribeAvailabilityZones", "ec2:Describe*", "ec2:CreateTags", "ec2:DeleteTags"];

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
    "aws:ec2/vpcEndpoint:VpcEndpoint": ["ec2:CreateVpcEndpoint", "ec2:DeleteVpcEndpoints", "ec2:ModifyVpcEndpoint"],
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

/** The policy document: one statement per service, actions sorted, on every resource. */
export function deployerPolicy(): { Version: string; Statement: { Sid: string; Effect: string; Action: string[]; Resource: string }[] } {
    const byService = new Map<string, Set<string>>();
    for (const action of [...COMMON_ACTIONS, ...Object.values(DEPLOYER_ACTIONS).flat()]) {
        const service = action.split(":")[0];
        if (!byService.has(service)) byService.set(service, new Set());
        byService.get(service)!.add(action);
    }
    return {
        Version: "2012-10-17",
        Statement: [...byService.keys()].sort().map((service) => ({
            Sid: service.replace(/[^A-Za-z0-9]/g, "").replace(/^./, (c) => c.toUpperCase()),
            Effect: "Allow",
            Action: [...byService.get(service)!].sort(),
            Resource: "*",
        })),
    };
}
