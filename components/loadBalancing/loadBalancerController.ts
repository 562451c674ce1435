import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { podIdentityRole } from "../cluster/podIdentityRole";
import {
    DEFAULT_LBC_CHART_VERSION,
    LBC_CHART,
    LBC_CHART_REPOSITORY,
    LBC_NAMESPACE,
    LBC_SERVICE_ACCOUNT,
    loadBalancerControllerPolicy,
    loadBalancerControllerValues,
} from "./loadBalancerControllerChart";

/** Arguments of {@link LoadBalancerController}. */
export interface LoadBalancerControllerComponentArgs {
    /** The cluster the controller runs in. */
    clusterName: pulumi.Input<string>;
    /** The cluster's region: a pod on a hybrid node has no instance metadata to find it. */
    region: pulumi.Input<string>;
    /** The cluster's VPC, where the load balancers and their target groups go. */
    vpcId: pulumi.Input<string>;
    /** The cluster's AWS partition, for the ARNs of the controller's policy (default aws). */
    partition?: pulumi.Input<string>;
    /** The Pod Identity agent add-on: the controller's first calls need it running. */
    podIdentityAgent?: pulumi.Resource;
    /** The chart's version (default 3.5.0). */
    chartVersion?: string;
    /** Registry mirroring public.ecr.aws (a private cluster's pull-through cache); public.ecr.aws otherwise. */
    imageRegistry?: pulumi.Input<string>;
    /** A permissions boundary (IAM policy ARN) the controller's role carries; none when absent. */
    permissionsBoundary?: pulumi.Input<string>;
    /** Tags for every taggable resource. */
    tags?: { [key: string]: string };
}

/**
 * The AWS Load Balancer Controller: its Helm release on the cloud nodes and its IAM through EKS
 * Pod Identity. With it, a Service of `aws-load-balancer-type: external` and
 * `aws-load-balancer-nlb-target-type: ip` (or an Ingress with `alb.ingress.kubernetes.io/target-type:
 * ip`) gets an NLB or ALB whose targets are pod addresses, on hybrid nodes too. The Kubernetes
 * provider comes through `opts.providers`.
 */
export class LoadBalancerController extends pulumi.ComponentResource {
    /** The controller's IAM role. */
    public readonly roleArn: pulumi.Output<string>;

    constructor(name: string, args: LoadBalancerControllerComponentArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-hybrid-sites:index:LoadBalancerController", name, {}, opts);
        const { role, association } = podIdentityRole(
            name,
            {
                clusterName: args.clusterName,
                namespace: LBC_NAMESPACE,
                serviceAccount: LBC_SERVICE_ACCOUNT,
                policy: pulumi.output(args.partition ?? "aws").apply((p) => loadBalancerControllerPolicy(p)),
                permissionsBoundary: args.permissionsBoundary,
                tags: { ...args.tags },
            },
            this,
        );
        const values = pulumi
            .all([args.clusterName, args.region, args.vpcId, args.imageRegistry])
            .apply(([clusterName, region, vpcId, imageRegistry]) =>
                loadBalancerControllerValues({ clusterName, region, vpcId, imageRegistry: imageRegistry || undefined }),
            );
        new k8s.helm.v3.Release(
            `${name}-release`,
            {
                name: LBC_CHART,
                chart: LBC_CHART,
                repositoryOpts: { repo: LBC_CHART_REPOSITORY },
                version: args.chartVersion ?? DEFAULT_LBC_CHART_VERSION,
                namespace: LBC_NAMESPACE,
                values,
            },
            // The controller's first calls need its rights.
            { parent: this, dependsOn: [association, ...(args.podIdentityAgent ? [args.podIdentityAgent] : [])] },
        );
        this.roleArn = role.arn;
        this.registerOutputs({ roleArn: this.roleArn });
    }
}
