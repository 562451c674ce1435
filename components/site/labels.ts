// The names that tie a site together across nodeadm, Cilium and BGP, defined once.

/** Node label nodeadm sets at registration; Cilium's pool and BGP config select on it. */
export const SITE_LABEL_KEY = "eks-hybrid/site";

/** The kubelet flag that puts a node of `site` in its site. */
export function siteNodeLabelFlag(site: string): string {
    return `--node-labels=${SITE_LABEL_KEY}=${site}`;
}
