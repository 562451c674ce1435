// The names that tie a site together across nodeadm, Cilium and BGP, defined once.

/** Node label nodeadm sets at registration; the site's CiliumNodeConfig and BGP config select on it. */
export const SITE_LABEL_KEY = "eks-hybrid/site";

/**
 * The zone label of a site's nodes: the site is its own zone, so a whole site going dark is a zone
 * outage to Kubernetes (whose node controller slows evictions in a zone that is mostly down) and
 * zone-aware spreading and routing (topology spread, traffic distribution) treat sites apart.
 */
export const ZONE_LABEL_KEY = "topology.kubernetes.io/zone";

/** The kubelet flag that puts a node of `site` in its site and its site's zone. */
export function siteNodeLabelFlag(site: string): string {
    return `--node-labels=${SITE_LABEL_KEY}=${site},${ZONE_LABEL_KEY}=${site}`;
}

/** The node selector of everything per site: a node carries one value per key, so two sites never overlap. */
export function siteNodeSelector(site: string): { matchLabels: Record<string, string> } {
    return { matchLabels: { [SITE_LABEL_KEY]: site } };
}

/** Name of the site's CiliumPodIPPool, CiliumNodeConfig, BGP cluster and peer configs. */
export function sitePoolName(site: string): string {
    return `site-${site}`;
}

/** Name of the Secret holding a site's BGP password. */
export function siteBgpSecretName(site: string): string {
    return `bgp-site-${site}`;
}

/** Label every site pool carries; the shared CiliumBGPAdvertisement selects pools by it. */
export const ADVERTISED_POOL_LABELS: Readonly<Record<string, string>> = { "eks-hybrid/bgp-advertised": "true" };

/** Label of the shared CiliumBGPAdvertisement; each site's peer config selects it. */
export const ADVERTISEMENT_LABELS: Readonly<Record<string, string>> = { "eks-hybrid/advertisement": "site-pod-pools" };

/** Label of a site's Service advertisement; the site's peer config selects it next to the shared one. */
export function siteServiceAdvertisementLabels(site: string): Record<string, string> {
    return { [ADVERTISEMENT_LABEL_KEY]: `site-${site}-services` };
}

/** The key of ADVERTISEMENT_LABELS: every advertisement a site's nodes make carries it. */
export const ADVERTISEMENT_LABEL_KEY = "eks-hybrid/advertisement";

/**
 * The label a LoadBalancer Service carries to be served from a site (an address from the site's
 * pool, announced by its nodes): the site label nodes carry too, `eks-hybrid/site: <site>`.
 */
export const SERVICE_SITE_LABEL_KEY = SITE_LABEL_KEY;

/** Name of the shared CiliumBGPAdvertisement. */
export const ADVERTISEMENT_NAME = "site-pod-pools";

/** Where Cilium runs (and reads its CiliumNodeConfigs). */
export const CILIUM_NAMESPACE = "kube-system";

/**
 * Where the sites' BGP passwords live (the chart's bgpControlPlane.secretsNamespace, created by
 * the chart): a namespace of their own, which the agents may read, instead of kube-system, where
 * every agent can read much more.
 */
export const BGP_SECRETS_NAMESPACE = "cilium-bgp-secrets";
