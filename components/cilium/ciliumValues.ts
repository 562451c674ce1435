import { BGP_SECRETS_NAMESPACE } from "./names";
import { COMPUTE_TYPE_LABEL } from "../cluster/clusterDefaults";

/** AWS's Cilium build: the chart's OCI repository and chart. */
export const CILIUM_CHART_REPOSITORY = "oci://public.ecr.aws/eks/cilium";
/** The chart AWS builds of Cilium, in that repository. */
export const CILIUM_CHART = `${CILIUM_CHART_REPOSITORY}/cilium`;
/**
 * Default chart version: the newest build of the Cilium 1.18 line AWS has published, as aws/eks-hybrid's
 * e2e suite pinned it (test/e2e/cni/testdata/cilium/VERSION: v1.18.3-0, v1.18.5-0, v1.18.9-1, then
 * v1.19.4-1). Image tags carry a "v", chart versions do not; the build suffix is not always -0.
 * 1.18 is the first line that runs multi-pool IPAM in tunnel mode; its values schema and CRDs are
 * in ref/cilium-1.18.
 */
export const DEFAULT_CILIUM_CHART_VERSION = "1.18.9-1";
/**
 * Chart versions the values are built and tested for. A leading "v" (the image tag's form) passes
 * the structure so that the rules can say what to write instead.
 */
export const CILIUM_CHART_VERSION_PATTERN = "^v?1\\.18\\.\\d+(-\\d+)?$";

/** Whether sites peer with their routers over BGP when nothing says otherwise. */
export const DEFAULT_CILIUM_BGP = true;

/** Cilium on the hybrid nodes: the chart version and whether sites peer over BGP. */
export interface CiliumArgs {
    /** Chart version of AWS's Cilium 1.18 build, without the image tag's "v" (default 1.18.9-1). */
    chartVersion?: string;
    /** Whether sites peer with their routers over BGP (default true). */
    bgp?: boolean;
}

/** Options of the Cilium values. */
export interface CiliumValuesOptions {
    /** Whether sites peer with their routers over BGP. */
    bgp: boolean;
    /** Registry that mirrors public.ecr.aws (the ECR pull-through cache of a private cluster). */
    imageRegistry?: string;
    /**
     * AWS's Hybrid Nodes gateway (podNetworking.mode gateway): cluster-pool IPAM over these pod
     * networks, each node a /maskSize, and VTEP towards the gateway; multi-pool otherwise.
     */
    gateway?: { podCidrs: readonly string[]; maskSize: number };
}

/** Where AWS's Cilium build keeps its images under public.ecr.aws (the operator's gets the chart's "-generic" suffix). */
export const CILIUM_IMAGE_PATHS = { agent: "eks/cilium/cilium", operator: "eks/cilium/operator" };

const HYBRID_NODES_ONLY = {
    nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: COMPUTE_TYPE_LABEL, operator: "In", values: ["hybrid"] }] }],
        },
    },
};

/** Routed pod networking: one pool per site, routed end to end. */
function routedIpam(): Record<string, unknown> {
    return {
        // One pool per site (CiliumPodIPPool, chosen per node by the site's CiliumNodeConfig), so a
        // node only ever gets pod addresses from its own site's pod CIDR, the one its VPN routes.
        ipam: { mode: "multi-pool" },
        // Multi-pool IPAM has no local node route; it needs per-endpoint routes.
        endpointRoutes: { enabled: true },
        // Masquerading off. Pod CIDRs are routed end to end (the VPN's static routes towards AWS,
        // BGP towards each site router), so pods keep their addresses to the VPC, to webhooks and
        // between sites. Cilium's iptables masquerading needs a single per-node pod CIDR or
        // egressMasqueradeInterfaces with multi-pool, and its eBPF masquerading depends on the BPF
        // NodePort datapath (kube-proxy replacement), which EKS hybrid nodes do not run: internet
        // egress NAT is the site router's job.
        enableIPv4Masquerade: false,
    };
}

/**
 * The gateway's pod networking, as its e2e suite runs Cilium (cilium-template-1.19.0.yaml:
 * cluster-pool, VTEP, no L7 proxy, masquerading on) and its CNI page asks (vtep.enabled,
 * l7Proxy false): the gateway reads each CiliumNode's spec.ipam.podCIDRs[0], which only
 * cluster-pool fills, and writes the CiliumVTEPConfig that points Cilium at the leader itself.
 */
function gatewayIpam(gateway: { podCidrs: readonly string[]; maskSize: number }): Record<string, unknown> {
    return {
        ipam: {
            mode: "cluster-pool",
            operator: { clusterPoolIPv4PodCIDRList: [...gateway.podCidrs], clusterPoolIPv4MaskSize: gateway.maskSize },
        },
        vtep: { enabled: true },
        // VTEP traffic through the L7 proxy may be intercepted and dropped (the gateway's CNI page).
        l7Proxy: false,
        // Pod traffic to anything but the VPC (VXLAN to the gateway) and the cluster leaves with the node's address.
        enableIPv4Masquerade: true,
    };
}

/** The Helm values of the Cilium release on the hybrid nodes. */
export function ciliumValues(options: CiliumValuesOptions): Record<string, unknown> {
    const registry = options.imageRegistry;
    return {
        // Without internet the images come through the cluster's own ECR pull-through cache.
        ...(registry ? { image: { repository: `${registry}/${CILIUM_IMAGE_PATHS.agent}` } } : {}),
        // Cilium is the hybrid nodes' CNI only; the cloud nodes keep the VPC CNI.
        affinity: HYBRID_NODES_ONLY,
        operator: {
            ...(registry ? { image: { repository: `${registry}/${CILIUM_IMAGE_PATHS.operator}` } } : {}),
            affinity: HYBRID_NODES_ONLY,
            // Two operators (anti-affinity puts them on different nodes) and a budget of one, so a
            // drain always finds one it may evict. The chart's default tolerations include
            // not-ready with every effect, which keeps an operator on a dead node; here it may
            // start on a node whose CNI is not ready yet (NoSchedule) but is evicted from a failed
            // one, and it never tolerates a cordon.
            replicas: 2,
            podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
            tolerations: [
                { key: "node.cilium.io/agent-not-ready", operator: "Exists" },
                { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoSchedule" },
            ],
            // Pods on cloud nodes are not Cilium's; it must not restart them.
            unmanagedPodWatcher: { restart: false },
        },
        envoy: { enabled: false },
        loadBalancer: { serviceTopology: true },
        ...(options.gateway ? gatewayIpam(options.gateway) : routedIpam()),
        routingMode: "tunnel",
        tunnelProtocol: "vxlan",
        bgpControlPlane: options.bgp
            ? { enabled: true, secretsNamespace: { create: true, name: BGP_SECRETS_NAMESPACE } }
            : { enabled: false },
        // A site whose WAN is down cannot reach the API server; its agents must keep running (and
        // keep their BGP routes), not be restarted by a liveness probe that needs the API. The
        // chart's default, set here so that no chart or values change turns it on unseen.
        livenessProbe: { requireK8sConnectivity: false },
    };
}
