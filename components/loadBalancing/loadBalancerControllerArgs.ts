/** Whether the hub installs the controller, and which chart. */
export interface LoadBalancerControllerArgs {
    /** Install the AWS Load Balancer Controller on the cloud nodes, its IAM through EKS Pod Identity. */
    enabled: boolean;
    /** The aws-load-balancer-controller chart's version in https://aws.github.io/eks-charts (default 3.5.0, the one whose IAM policy is in ref/). */
    chartVersion?: string;
}
