// CoreDNS for a cluster whose zones are the cloud's and one per site (each site's nodes carry
// topology.kubernetes.io/zone=<site>): AWS's guidance for mixed and multi-site clusters is
// replicas in every environment, spread over zones, and DNS traffic kept in the zone
// (EKS user guide, hybrid-nodes-webhooks.adoc "mixed mode"; docs/design.md).

/** The zone label every node carries: the cloud's zones, and each site's name. */
const ZONE_KEY = "topology.kubernetes.io/zone";
/** CoreDNS's pods, as the add-on labels them. */
const COREDNS_SELECTOR = { matchLabels: { "k8s-app": "kube-dns" } };

/**
 * The keys of the coredns add-on's configuration schema (`aws eks describe-addon-configuration
 * --addon-name coredns`, v1.10.1-eksbuild.11; docs/design.md): there is no Service setting.
 */
export const COREDNS_CONFIGURATION_KEYS: readonly string[] = [
    "affinity",
    "autoScaling",
    "computeType",
    "corefile",
    "nodeSelector",
    "podAnnotations",
    "podDisruptionBudget",
    "podLabels",
    "replicaCount",
    "resources",
    "tolerations",
    "topologySpreadConstraints",
];

/** Replicas when the hub does not say: the add-on's own default. */
export const DEFAULT_COREDNS_REPLICAS = 2;

/** The first Kubernetes minor with Service `trafficDistribution` on by default (beta in 1.31, GA in 1.33). */
export const TRAFFIC_DISTRIBUTION_SINCE = "1.31";

/**
 * The coredns add-on's configuration values (keys of its configuration schema: replicaCount,
 * affinity, topologySpreadConstraints). A custom `affinity` replaces the add-on's default, so its
 * terms are repeated (Linux, amd64 or arm64, apart per host) and one more added: apart per zone.
 */
export function corednsConfiguration(replicas: number = DEFAULT_COREDNS_REPLICAS): Record<string, unknown> {
    return {
        replicaCount: replicas,
        topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: ZONE_KEY, whenUnsatisfiable: "ScheduleAnyway", labelSelector: COREDNS_SELECTOR },
        ],
        affinity: {
            nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                    nodeSelectorTerms: [
                        {
                            matchExpressions: [
                                { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
                                { key: "kubernetes.io/arch", operator: "In", values: ["amd64", "arm64"] },
                            ],
                        },
                    ],
                },
            },
            podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                    { weight: 100, podAffinityTerm: { labelSelector: COREDNS_SELECTOR, topologyKey: "kubernetes.io/hostname" } },
                    { weight: 50, podAffinityTerm: { labelSelector: COREDNS_SELECTOR, topologyKey: ZONE_KEY } },
                ],
            },
        },
    };
}

/**
 * Whether the coredns add-on is installed: as the hub says, else only with cloud nodes (EKS
 * reports it DEGRADED while no node can run it, and its create fails).
 */
export function corednsInstalled(coredns: boolean | undefined, cloudNodes: boolean): boolean {
    return coredns ?? cloudNodes;
}

/** Whether a Kubernetes minor ("1.33") has Service `trafficDistribution` on by default. */
export function hasTrafficDistribution(version: string): boolean {
    const [major, minor] = version.split(".").map(Number);
    const [sinceMajor, sinceMinor] = TRAFFIC_DISTRIBUTION_SINCE.split(".").map(Number);
    return major > sinceMajor || (major === sinceMajor && minor >= sinceMinor);
}
