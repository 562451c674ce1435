import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import { parseYamlFast } from "../config/fastYaml";
import { REF_DIR } from "../config/crdSchema";
import { CiliumArgs, ciliumValues, CILIUM_CHART, DEFAULT_CILIUM_BGP, DEFAULT_CILIUM_CHART_VERSION } from "./ciliumValues";
import { podPoolAdvertisement } from "./ciliumObjects";
import { CILIUM_NAMESPACE } from "./names";
import { DEFAULT_CLUSTER_POOL_MASK_SIZE } from "../gateway/gatewayChart";

/** The CRDs of the objects this package creates; the operator creates them only once it runs. */
export const SEEDED_CRDS = [
    "v2alpha1-ciliumpodippools.yaml",
    "v2-ciliumnodeconfigs.yaml",
    "v2-ciliumbgpclusterconfigs.yaml",
    "v2-ciliumbgppeerconfigs.yaml",
    "v2-ciliumbgpadvertisements.yaml",
];

/** Arguments of {@link CiliumRelease}. */
export interface CiliumReleaseArgs extends CiliumArgs {
    /** Registry mirroring public.ecr.aws (a private cluster's pull-through cache); images come from public.ecr.aws otherwise. */
    imageRegistry?: pulumi.Input<string>;
    /**
     * With AWS's Hybrid Nodes gateway (podNetworking.mode gateway): the pod networks of the
     * cluster pool; multi-pool with a pool per site when absent.
     */
    clusterPoolCidrs?: string[];
    /** With clusterPoolCidrs: the prefix length of each node's pod CIDR (default 25). */
    clusterPoolMaskSize?: number;
}

/**
 * Cilium on the hybrid nodes, from the hub: the Helm release of AWS's Cilium build with
 * multi-pool IPAM, the Cilium CRDs the site stacks need before any hybrid node (and so any Cilium
 * operator) exists, and the BGP advertisement every site's peering uses. Everything is applied
 * with the Kubernetes provider of `opts.providers` (the hub passes its cluster's).
 */
export class CiliumRelease extends pulumi.ComponentResource {
    /** Helm release name. */
    public readonly releaseName: pulumi.Output<string>;

    constructor(name: string, args: CiliumReleaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-hybrid-sites:index:CiliumRelease", name, {}, opts);
        const parent = { parent: this };
        const bgp = args.bgp ?? DEFAULT_CILIUM_BGP;
        const gateway = args.clusterPoolCidrs
            ? { podCidrs: args.clusterPoolCidrs, maskSize: args.clusterPoolMaskSize ?? DEFAULT_CLUSTER_POOL_MASK_SIZE }
            : undefined;

        // The operator owns these once it runs (it upgrades them with the chart): Pulumi seeds them,
        // then leaves their content and their existence alone.
        const crds = SEEDED_CRDS.map((file) => {
            const crd = parseYamlFast(fs.readFileSync(path.join(REF_DIR, "cilium-1.18/crds", file), "utf8")) as any;
            return new k8s.apiextensions.v1.CustomResourceDefinition(
                `${name}-crd-${crd.spec.names.plural}`,
                { metadata: { name: crd.metadata.name, labels: crd.metadata.labels }, spec: crd.spec },
                { ...parent, ignoreChanges: ["spec", "metadata"], retainOnDelete: true },
            );
        });

        const release = new k8s.helm.v3.Release(
            `${name}-cilium`,
            {
                name: "cilium",
                chart: CILIUM_CHART,
                version: args.chartVersion ?? DEFAULT_CILIUM_CHART_VERSION,
                namespace: CILIUM_NAMESPACE,
                values:
                    args.imageRegistry === undefined
                        ? ciliumValues({ bgp, gateway })
                        : pulumi.output(args.imageRegistry).apply((imageRegistry) => ciliumValues({ bgp, imageRegistry, gateway })),
                // Cilium's pods only run once hybrid nodes join, after the site stacks: waiting
                // for them here would time out.
                skipAwait: true,
            },
            { ...parent, dependsOn: crds },
        );

        // The pools' advertisement: with the gateway there are no per-site pools to announce.
        if (bgp && !gateway) {
            const ad = podPoolAdvertisement();
            new k8s.apiextensions.CustomResource(`${name}-advertisement`, { ...ad }, { ...parent, dependsOn: [release, ...crds] });
        }

        this.releaseName = release.name;
        this.registerOutputs({ releaseName: this.releaseName });
    }
}
