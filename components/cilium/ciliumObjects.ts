import {
    ADVERTISED_POOL_LABELS,
    ADVERTISEMENT_LABELS,
    ADVERTISEMENT_LABEL_KEY,
    ADVERTISEMENT_NAME,
    CILIUM_NAMESPACE,
    SERVICE_SITE_LABEL_KEY,
    siteServiceAdvertisementLabels,
    siteBgpSecretName,
    siteNodeSelector,
    sitePoolName,
} from "./names";

/** A Kubernetes object as plain data: what Pulumi applies and what the CRD schemas check. */
export interface KubeObject {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string; labels?: Record<string, string> };
    spec: Record<string, unknown>;
}

/** BGP session settings shared by the site's CiliumBGPPeerConfig and the router config. */
export const BGP_SESSION = {
    // A LAN peer: fail over in seconds, not in Cilium's default 90.
    timers: { connectRetryTimeSeconds: 5, holdTimeSeconds: 9, keepAliveTimeSeconds: 3 },
    gracefulRestart: { enabled: true, restartTimeSeconds: 120 },
};

/** BGP between a site's router and its hybrid nodes (Cilium's BGP control plane). */
export interface BgpPeeringArgs {
    /** Router address the nodes peer with. */
    routerAddress: string;
    /** Router ASN. */
    routerAsn: number;
    /** ASN of the site's hybrid nodes. */
    nodesAsn: number;
}

/** What the site's Cilium objects are made of. */
export interface SiteCiliumSettings {
    site: string;
    /** The site's pod pool (routed pod networking); none with AWS's gateway. */
    podCidr?: string;
    podMaskSize?: number;
    bgp?: BgpPeeringArgs;
    /** Whether a BGP password Secret exists for the peer config to reference. */
    bgpPassword: boolean;
    /** Addresses for the site's LoadBalancer Services (with bgp). */
    loadBalancerCidr?: string;
}

/** The site's pod pool: the site's pod CIDR, carved into per-node slices of `podMaskSize`. */
export function sitePodIpPool(s: SiteCiliumSettings): KubeObject {
    return {
        apiVersion: "cilium.io/v2alpha1",
        kind: "CiliumPodIPPool",
        metadata: { name: sitePoolName(s.site), labels: { ...ADVERTISED_POOL_LABELS } },
        spec: { ipv4: { cidrs: [s.podCidr], maskSize: s.podMaskSize } },
    };
}

/** Makes the site's pool the default pool of the site's nodes (and pre-allocates from it). */
export function siteNodeConfig(s: SiteCiliumSettings): KubeObject {
    const pool = sitePoolName(s.site);
    return {
        apiVersion: "cilium.io/v2",
        kind: "CiliumNodeConfig",
        metadata: { name: pool, namespace: CILIUM_NAMESPACE },
        spec: {
            nodeSelector: siteNodeSelector(s.site),
            defaults: { "ipam-default-ip-pool": pool, "ipam-multi-pool-pre-allocation": `${pool}=8` },
        },
    };
}

/** The site's nodes (by label) peer, with the nodes' ASN, with the site router. */
export function siteBgpClusterConfig(s: SiteCiliumSettings): KubeObject {
    const bgp = s.bgp!;
    const name = sitePoolName(s.site);
    return {
        apiVersion: "cilium.io/v2",
        kind: "CiliumBGPClusterConfig",
        metadata: { name },
        spec: {
            nodeSelector: siteNodeSelector(s.site),
            bgpInstances: [
                {
                    name,
                    localASN: bgp.nodesAsn,
                    peers: [{ name: "site-router", peerASN: bgp.routerAsn, peerAddress: bgp.routerAddress, peerConfigRef: { name } }],
                },
            ],
        },
    };
}

/** Timers, graceful restart, IPv4 unicast with the shared advertisement, and the password if set. */
export function siteBgpPeerConfig(s: SiteCiliumSettings): KubeObject {
    return {
        apiVersion: "cilium.io/v2",
        kind: "CiliumBGPPeerConfig",
        metadata: { name: sitePoolName(s.site) },
        spec: {
            timers: { ...BGP_SESSION.timers },
            gracefulRestart: { ...BGP_SESSION.gracefulRestart },
            families: [{ afi: "ipv4", safi: "unicast", advertisements: advertisementSelector(s) }],
            ...(s.bgpPassword ? { authSecretRef: siteBgpSecretName(s.site) } : {}),
        },
    };
}

/** The one advertisement all sites share: every pool carrying ADVERTISED_POOL_LABELS. */
export function podPoolAdvertisement(): KubeObject {
    return {
        apiVersion: "cilium.io/v2",
        kind: "CiliumBGPAdvertisement",
        metadata: { name: ADVERTISEMENT_NAME, labels: { ...ADVERTISEMENT_LABELS } },
        spec: { advertisements: [{ advertisementType: "CiliumPodIPPool", selector: { matchLabels: { ...ADVERTISED_POOL_LABELS } } }] },
    };
}

/** The advertisements a site's nodes make: the shared pod pools', and with a load balancer CIDR the site's Services'. */
function advertisementSelector(s: SiteCiliumSettings): Record<string, unknown> {
    if (s.loadBalancerCidr === undefined) return { matchLabels: { ...ADVERTISEMENT_LABELS } };
    const values = [ADVERTISEMENT_LABELS[ADVERTISEMENT_LABEL_KEY], siteServiceAdvertisementLabels(s.site)[ADVERTISEMENT_LABEL_KEY]];
    return { matchExpressions: [{ key: ADVERTISEMENT_LABEL_KEY, operator: "In", values }] };
}

/** The site's LoadBalancer addresses: Cilium's LB IPAM gives them to Services labelled for the site. */
export function siteLoadBalancerPool(s: SiteCiliumSettings): KubeObject {
    return {
        apiVersion: "cilium.io/v2",
        kind: "CiliumLoadBalancerIPPool",
        metadata: { name: sitePoolName(s.site) },
        spec: { blocks: [{ cidr: s.loadBalancerCidr }], serviceSelector: { matchLabels: { [SERVICE_SITE_LABEL_KEY]: s.site } } },
    };
}

/** The site's nodes announce its Services' LoadBalancer addresses to the site router. */
export function siteServiceAdvertisement(s: SiteCiliumSettings): KubeObject {
    return {
        apiVersion: "cilium.io/v2",
        kind: "CiliumBGPAdvertisement",
        metadata: { name: `${sitePoolName(s.site)}-services`, labels: siteServiceAdvertisementLabels(s.site) },
        spec: {
            advertisements: [
                {
                    advertisementType: "Service",
                    service: { addresses: ["LoadBalancerIP"] },
                    selector: { matchLabels: { [SERVICE_SITE_LABEL_KEY]: s.site } },
                },
            ],
        },
    };
}

/** Every Cilium object of a site, in the order they are created. */
export function siteCiliumObjects(s: SiteCiliumSettings): KubeObject[] {
    const services = s.bgp && s.loadBalancerCidr !== undefined ? [siteLoadBalancerPool(s), siteServiceAdvertisement(s)] : [];
    const pool = s.podCidr === undefined ? [] : [sitePodIpPool(s), siteNodeConfig(s)];
    return [...pool, ...services, ...(s.bgp ? [siteBgpPeerConfig(s), siteBgpClusterConfig(s)] : [])];
}
