import { COMPUTE_TYPE_LABEL } from "./clusterDefaults";

/** A small managed node group for cloud workloads (mixed mode). */
export interface CloudNodeGroupArgs {
    /** EC2 instance types (default `["m6i.large"]`). */
    instanceTypes?: string[];
    /** Desired node count (default 2). */
    desiredSize?: number;
    /** Minimum node count (default 1). */
    minSize?: number;
    /** Maximum node count (default 3). */
    maxSize?: number;
    /** Max pods per node; with custom networking computed from the instance types when they are known. */
    maxPods?: number;
    /** TCP ports of cloud pods that hybrid pods may reach (east-west); DNS to CoreDNS on cloud nodes is always open. */
    portsFromHybridPods?: number[];
}

/** The cloud node group's defaults. */
export const CLOUD_NODE_GROUP_DEFAULTS = { instanceTypes: ["m6i.large"], desiredSize: 2, minSize: 1, maxSize: 3 };

/** The cloud node group's sizes with defaults filled in. */
export function cloudNodeGroupSizes(group: CloudNodeGroupArgs) {
    const d = CLOUD_NODE_GROUP_DEFAULTS;
    return {
        instanceTypes: group.instanceTypes ?? d.instanceTypes,
        desiredSize: group.desiredSize ?? d.desiredSize,
        minSize: group.minSize ?? d.minSize,
        maxSize: group.maxSize ?? d.maxSize,
        maxPods: group.maxPods,
    };
}

/**
 * The vpc-cni add-on's configuration values beyond what pulumi-eks's VpcCniAddon sets itself:
 * the AWS VPC CNI cannot give hybrid (or Fargate) nodes addresses, so it stays off them. With
 * AWS's Hybrid Nodes gateway, cloud pods keep their addresses towards the hybrid pod networks
 * (`excludeSnatCidrs`), which ClusterIP Services with endpoints on hybrid nodes need (the
 * gateway's CNI page).
 */
export function vpcCniConfiguration(excludeSnatCidrs: readonly string[] = []): Record<string, unknown> {
    return {
        ...(excludeSnatCidrs.length > 0 ? { env: { AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS: excludeSnatCidrs.join(",") } } : {}),
        affinity: {
            nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                    nodeSelectorTerms: [
                        { matchExpressions: [{ key: COMPUTE_TYPE_LABEL, operator: "NotIn", values: ["hybrid", "fargate"] }] },
                    ],
                },
            },
        },
    };
}
