import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { BgpPeeringArgs, KubeObject, SiteCiliumSettings, siteCiliumObjects } from "./ciliumObjects";
import { BGP_SECRETS_NAMESPACE, siteBgpSecretName } from "./names";
import { poolGuardHooks } from "./poolGuard";

/** Arguments of {@link SiteCilium}. */
export interface SiteCiliumArgs {
    /** Site name (the node label value). */
    site: string;
    /** The site's pod CIDR, its pool's (routed pod networking); no pool with AWS's gateway, whose cluster pool is the hub's. */
    podCidr?: string;
    /** Per-node slice of the pod CIDR (with podCidr). */
    podMaskSize?: number;
    /** BGP peering with the site router; none when absent. */
    bgp?: BgpPeeringArgs;
    /** BGP password (secret), shared with the site router. */
    bgpPassword?: pulumi.Input<string>;
    /** Addresses for the site's LoadBalancer Services (with bgp). */
    loadBalancerCidr?: string;
}

/**
 * A site's part of Cilium: its pod pool, the node config that makes it its nodes' default pool,
 * and BGP peering of its nodes with the site router (cluster config, peer config, password Secret).
 * The objects are applied with the Kubernetes provider of `opts.providers` (a site builds one from
 * the hub's kubeconfig).
 */
export class SiteCilium extends pulumi.ComponentResource {
    /** Name of the site's CiliumPodIPPool. */
    public readonly poolName: pulumi.Output<string>;

    constructor(name: string, args: SiteCiliumArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-hybrid-sites:index:SiteCilium", name, {}, opts);
        const settings: SiteCiliumSettings = {
            site: args.site,
            podCidr: args.podCidr,
            podMaskSize: args.podMaskSize,
            bgp: args.bgp,
            bgpPassword: args.bgp !== undefined && args.bgpPassword !== undefined,
            loadBalancerCidr: args.loadBalancerCidr,
        };

        const dependsOn: pulumi.Resource[] = [];
        if (settings.bgpPassword) {
            dependsOn.push(
                new k8s.core.v1.Secret(
                    `${name}-bgp-password`,
                    {
                        metadata: { name: siteBgpSecretName(args.site), namespace: BGP_SECRETS_NAMESPACE },
                        stringData: { password: pulumi.secret(args.bgpPassword!) },
                    },
                    { parent: this },
                ),
            );
        }
        let poolName = pulumi.output("");
        for (const object of siteCiliumObjects(settings)) {
            const isPool = object.kind === "CiliumPodIPPool";
            const resource = new k8s.apiextensions.CustomResource(
                `${name}-${kebab(object.kind)}`,
                { ...(object as KubeObject) },
                {
                    parent: this,
                    dependsOn: [...dependsOn],
                    ...(isPool ? { hooks: { beforeUpdate: poolGuardHooks(object.metadata.name) } } : {}),
                },
            );
            if (isPool) poolName = resource.metadata.name;
        }

        this.poolName = poolName;
        this.registerOutputs({ poolName: this.poolName });
    }
}

/** `CiliumBGPPeerConfig` → `cilium-bgp-peer-config`. */
function kebab(kind: string): string {
    return kind
        .replace(/BGP/g, "Bgp")
        .replace(/IP/g, "Ip")
        .replace(/([a-z])([A-Z])/g, "$1-$2")
        .toLowerCase();
}
