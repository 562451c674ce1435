import { NodeCredentials } from "../cluster/enums";

/** Which optional VPC endpoints a private cluster gets. */
export interface OptionalEndpointsArgs {
    /** ec2, elasticloadbalancing, autoscaling and xray, for cloud-side controllers. */
    cloudControllers?: boolean;
    /**
     * Interface endpoints the existing VPC already has, with private DNS (a landing zone's), by
     * service such as `ecr.api`: the hub creates none for them (a second one with private DNS fails
     * with "conflicting DNS domain"), and the hub stack checks before it registers anything that
     * each exists and is available with private DNS. For `s3` the VPC's S3 gateway endpoint is
     * left to it too. Their security groups must admit the remote node and pod networks on 443.
     * Only with an existing VPC (`vpc.id`). Default: none.
     */
    existing?: string[];
}

/** What decides the rest of a private cluster's endpoints. */
export interface EndpointNeeds extends OptionalEndpointsArgs {
    /** How hybrid nodes get credentials: ssm and ssmmessages, or rolesanywhere. */
    nodeCredentials: NodeCredentials;
    /** EKS Pod Identity is on: eks-auth. */
    podIdentity?: boolean;
    /** Cloud nodes exist: ec2, which their VPC CNI calls. */
    cloudNodes?: boolean;
}

/** Repository prefix of the ECR pull-through cache for public.ecr.aws. */
export const PULL_THROUGH_PREFIX = "ecr-public";

/** The interface endpoints a private hybrid cluster needs, by what it uses. */
export function interfaceEndpointServices(a: EndpointNeeds): string[] {
    const services = [
        // s3 as an interface endpoint: a gateway endpoint cannot be reached over a VPN.
        "eks",
        "ecr.api",
        "ecr.dkr",
        "s3",
        "sts",
        "logs",
        ...(a.nodeCredentials === NodeCredentials.Ssm ? ["ssm", "ssmmessages"] : ["rolesanywhere"]),
        ...(a.podIdentity ? ["eks-auth"] : []),
        ...(a.cloudNodes || a.cloudControllers ? ["ec2"] : []),
        ...(a.cloudControllers ? ["elasticloadbalancing", "autoscaling", "xray"] : []),
    ];
    return services;
}

/**
 * Every interface endpoint service a hub may need (what `privateEndpoints.existing` may name): all
 * needs at once, in both credential modes.
 */
export const ENDPOINT_SERVICES = [
    ...new Set(
        Object.values(NodeCredentials).flatMap((nodeCredentials) =>
            interfaceEndpointServices({ nodeCredentials, podIdentity: true, cloudNodes: true, cloudControllers: true }),
        ),
    ),
];
