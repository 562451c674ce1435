/**
 * The tags that name the hub or site a resource belongs to: the components put one on everything
 * taggable they create, the deployer's policy allows changes and deletions only on resources
 * carrying one, and the policy pack requires one (it keeps its own copy: it loads no package code).
 */
export const OWNER_TAG = { hub: "eks-hybrid:cluster", site: "eks-hybrid:site" } as const;
