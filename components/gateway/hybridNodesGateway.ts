import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { allowActions } from "../cluster/iamPolicies";
import { podIdentityRole } from "../cluster/podIdentityRole";
import {
    DEFAULT_GATEWAY_CHART_VERSION,
    GATEWAY_CHART,
    GATEWAY_IAM_ACTIONS,
    GATEWAY_NAMESPACE,
    GATEWAY_SERVICE_ACCOUNT,
    gatewayValues,
} from "./gatewayChart";

/** Arguments of {@link HybridNodesGateway}. */
export interface HybridNodesGatewayArgs {
    /** The cluster the gateway runs in. */
    clusterName: pulumi.Input<string>;
    /** The VPC's CIDR: what Cilium on the hybrid nodes sends to the gateway over VXLAN. */
    vpcCidr: pulumi.Input<string>;
    /** The hub's remote pod networks: the routes the leading gateway points at its node. */
    podCidrs: string[];
    /** The VPC route tables that get those routes (the hub's private route tables). */
    routeTableIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The Pod Identity agent add-on: the gateway's pods exit when their first AWS calls fail. */
    podIdentityAgent?: pulumi.Resource;
    /** The gateway chart's version (default 1.0.0). */
    chartVersion?: string;
    /** Registry mirroring public.ecr.aws (a private cluster's pull-through cache); public.ecr.aws otherwise. */
    imageRegistry?: pulumi.Input<string>;
    /** A permissions boundary (IAM policy ARN) the gateway's role carries; none when absent. */
    permissionsBoundary?: pulumi.Input<string>;
    /** Tags for every taggable resource. */
    tags?: { [key: string]: string };
}

/**
 * AWS's EKS Hybrid Nodes gateway: its Helm release (two pods on the labelled cloud nodes, one
 * leading) and the IAM its pods use through EKS Pod Identity for the VPC's route tables. The
 * Kubernetes provider comes through `opts.providers`.
 */
export class HybridNodesGateway extends pulumi.ComponentResource {
    /** The gateway pods' IAM role. */
    public readonly roleArn: pulumi.Output<string>;

    constructor(name: string, args: HybridNodesGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-hybrid-sites:index:HybridNodesGateway", name, {}, opts);
        const tags = { ...args.tags };
        const { role, association } = podIdentityRole(
            name,
            {
                clusterName: args.clusterName,
                namespace: GATEWAY_NAMESPACE,
                serviceAccount: GATEWAY_SERVICE_ACCOUNT,
                policy: allowActions(GATEWAY_IAM_ACTIONS),
                permissionsBoundary: args.permissionsBoundary,
                tags,
            },
            this,
        );
        const values = pulumi
            .all([args.vpcCidr, args.routeTableIds, args.imageRegistry])
            .apply(([vpcCidr, routeTableIds, imageRegistry]) =>
                gatewayValues({ vpcCidr, podCidrs: args.podCidrs, routeTableIds, imageRegistry: imageRegistry || undefined }),
            );
        new k8s.helm.v3.Release(
            `${name}-release`,
            {
                name: GATEWAY_NAMESPACE,
                chart: GATEWAY_CHART,
                version: args.chartVersion ?? DEFAULT_GATEWAY_CHART_VERSION,
                namespace: GATEWAY_NAMESPACE,
                createNamespace: true,
                values,
            },
            // Its pods exit when their first AWS calls fail: the association comes first.
            { parent: this, dependsOn: [association, ...(args.podIdentityAgent ? [args.podIdentityAgent] : [])] },
        );
        this.roleArn = role.arn;
        this.registerOutputs({ roleArn: this.roleArn });
    }
}
