// The AWS Load Balancer Controller, for NLBs and ALBs with IP targets that reach pods on hybrid
// nodes (EKS user guide, hybrid-nodes-load-balancing / hybrid-nodes-ingress; docs/design.md).
import * as fs from "fs";
import * as path from "path";
import { PolicyDocument } from "../cluster/iamPolicies";
import { COMPUTE_TYPE_LABEL } from "../cluster/clusterDefaults";
import { REF_DIR } from "../config/crdSchema";

/** The chart's repository (aws/eks-charts). */
export const LBC_CHART_REPOSITORY = "https://aws.github.io/eks-charts";
/** The chart's name there, also the release's. */
export const LBC_CHART = "aws-load-balancer-controller";
/** The newest chart confirmed in the repository's index (appVersion v3.5.0); its IAM policy is in ref/. */
export const DEFAULT_LBC_CHART_VERSION = "3.5.0";
/** Where it runs, as AWS's install guide installs it. */
export const LBC_NAMESPACE = "kube-system";
/** The service account Pod Identity hands its role to, as the install guide names it. */
export const LBC_SERVICE_ACCOUNT = "aws-load-balancer-controller";
/** The controller's image under public.ecr.aws (the chart's `image.repository`). */
export const LBC_IMAGE_PATH = "eks/aws-load-balancer-controller";

/** Chart versions whose IAM policy is in ref/: the policy follows the controller's version. */
export const LBC_CHART_VERSIONS = [DEFAULT_LBC_CHART_VERSION];

/**
 * The controller's IAM policy, as its project publishes it for that version (ref/SOURCES.md),
 * its ARNs in the cluster's partition (the file names the commercial one).
 */
export function loadBalancerControllerPolicy(partition = "aws"): PolicyDocument {
    const text = fs.readFileSync(path.join(REF_DIR, "aws-load-balancer-controller-3.5.0/iam_policy.json"), "utf8");
    return JSON.parse(text.replace(/"arn:aws:/g, `"arn:${partition}:`));
}

/** What the chart's values need to know. */
export interface LoadBalancerControllerValuesOptions {
    clusterName: string;
    region: string;
    vpcId: string;
    /** Registry mirroring public.ecr.aws (a private cluster's pull-through cache). */
    imageRegistry?: string;
}

/**
 * The chart's values: the cluster, region and VPC given (a pod on a hybrid node has no instance
 * metadata to find them), the service account Pod Identity is associated with, and the pods kept
 * on cloud nodes, so a site's outage never takes the controller down (AWS's mixed-mode guidance).
 */
export function loadBalancerControllerValues(o: LoadBalancerControllerValuesOptions): Record<string, unknown> {
    return {
        clusterName: o.clusterName,
        region: o.region,
        vpcId: o.vpcId,
        serviceAccount: { create: true, name: LBC_SERVICE_ACCOUNT },
        // Its webhook would make the controller the class of every new LoadBalancer Service, a
        // site's Cilium-served ones too: NLBs are asked for by annotation instead.
        enableServiceMutatorWebhook: false,
        affinity: {
            nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                    nodeSelectorTerms: [{ matchExpressions: [{ key: COMPUTE_TYPE_LABEL, operator: "NotIn", values: ["hybrid"] }] }],
                },
            },
        },
        ...(o.imageRegistry ? { image: { repository: `${o.imageRegistry}/${LBC_IMAGE_PATH}` } } : {}),
    };
}
