// AWS's EKS Hybrid Nodes gateway (aws/eks-hybrid-nodes-gateway; EKS user guide,
// hybrid-nodes-gateway-*.html; docs/design.md): what the chart, its pods and their nodes need.

/** The gateway's Helm chart, in ECR Public. */
export const GATEWAY_CHART = "oci://public.ecr.aws/eks/eks-hybrid-nodes-gateway";
/** The chart version AWS's getting-started page installs. */
export const DEFAULT_GATEWAY_CHART_VERSION = "1.0.0";
/** Release and namespace, as AWS installs it; the chart names its service account after the release. */
export const GATEWAY_NAMESPACE = "eks-hybrid-nodes-gateway";
/** The service account of the gateway's pods (the chart's fullname for that release name). */
export const GATEWAY_SERVICE_ACCOUNT = "eks-hybrid-nodes-gateway";
/** Where the gateway's image lives under public.ecr.aws (the chart's `image.repository`). */
export const GATEWAY_IMAGE_PATH = "eks/eks-hybrid-nodes-gateway";
/** The node label (value "true") the chart's pods select their cloud nodes by. */
export const GATEWAY_NODE_LABEL = "hybrid-gateway-node";
/** VXLAN between the gateway and Cilium on the hybrid nodes. */
export const VXLAN = { port: 8472, vni: 2 } as const;
/** Each hybrid node's pod CIDR from the cluster pool when the hub does not say (AWS's example: /25). */
export const DEFAULT_CLUSTER_POOL_MASK_SIZE = 25;

/**
 * What the gateway's pods call: every pod looks up its instance's primary ENI and the route
 * tables at start; the leader points the pod networks' routes at its ENI.
 */
export const GATEWAY_IAM_ACTIONS = ["ec2:DescribeRouteTables", "ec2:DescribeInstances", "ec2:CreateRoute", "ec2:ReplaceRoute"];

/**
 * The first build of each Cilium line AWS publishes with VTEP support the gateway needs (the
 * CiliumVTEPConfig it writes), from the gateway's CNI page.
 */
export const VTEP_CILIUM_MINIMUM: Readonly<Record<string, string>> = { "1.17": "1.17.13-1", "1.18": "1.18.8-1", "1.19": "1.19.2-1" };

/** Whether a chart version ("1.18.9-1") is at least the VTEP build of its line; lines not listed have none. */
export function hasVtepSupport(chartVersion: string): boolean {
    const parse = (v: string) => v.replace(/^v/, "").split(/[.-]/).map(Number);
    const [major, minor] = parse(chartVersion);
    const minimum = VTEP_CILIUM_MINIMUM[`${major}.${minor}`];
    if (minimum === undefined) return false;
    const [a, b] = [parse(chartVersion), parse(minimum)];
    for (let i = 0; i < 4; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
    return true;
}

/** What the gateway's chart needs: the VPC's CIDR and route tables, the pod networks; managed node groups. */
export interface GatewayValuesOptions {
    vpcCidr: string;
    podCidrs: readonly string[];
    routeTableIds: readonly string[];
    /** Registry mirroring public.ecr.aws (a private cluster's pull-through cache). */
    imageRegistry?: string;
}

/** The gateway chart's values (comma-separated lists, as its templates take them). */
export function gatewayValues(options: GatewayValuesOptions): Record<string, unknown> {
    return {
        vpcCIDR: options.vpcCidr,
        podCIDRs: options.podCidrs.join(","),
        routeTableIDs: options.routeTableIds.join(","),
        nodeLabel: GATEWAY_NODE_LABEL,
        // The gateway runs on the hub's managed node group, not on EKS Auto Mode.
        autoMode: { enabled: false },
        ...(options.imageRegistry ? { image: { repository: `${options.imageRegistry}/${GATEWAY_IMAGE_PATH}` } } : {}),
    };
}
