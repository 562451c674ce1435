import { NodeCredentials } from "../cluster/enums";

/** Which optional VPC endpoints a private cluster gets. */
export interface OptionalEndpointsArgs {
    /** eks-auth, for EKS Pod Identity. */
    podIdentity?: boolean;
    /** ec2, elasticloadbalancing, autoscaling and xray, for cloud-side controllers. */
    cloudControllers?: boolean;
}

/** Repository prefix of the ECR pull-through cache for public.ecr.aws. */
export const PULL_THROUGH_PREFIX = "ecr-public";

/** The interface endpoints a private hybrid cluster needs, by what it uses. */
export function interfaceEndpointServices(a: OptionalEndpointsArgs & { nodeCredentials: NodeCredentials }): string[] {
    return [
        // s3 as an interface endpoint: a gateway endpoint cannot be reached over a VPN.
        "eks",
        "ecr.api",
        "ecr.dkr",
        "s3",
        "sts",
        "logs",
        ...(a.nodeCredentials === NodeCredentials.Ssm ? ["ssm", "ssmmessages"] : ["rolesanywhere"]),
        ...(a.podIdentity ? ["eks-auth"] : []),
        ...(a.cloudControllers ? ["ec2", "elasticloadbalancing", "autoscaling", "xray"] : []),
    ];
}
