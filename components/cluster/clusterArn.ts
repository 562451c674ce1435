import * as pulumi from "@pulumi/pulumi";

/** The parts of the cluster's ARN the policies, the kubeconfig and the NodeConfig need. */
export interface ArnParts {
    partition: string;
    region: string;
    account: string;
}

/**
 * Splits the EKS cluster's ARN, `arn:partition:eks:region:account:cluster/name`, or fails the
 * update saying what it got: an ARN without them (a unit test's mock that echoes the inputs)
 * would give policies and a NodeConfig without a partition or Region. The account is not checked
 * for digits: the offline plan marks it `<account>`.
 */
export function parseArn(arn: unknown): ArnParts {
    const parts = typeof arn === "string" ? arn.split(":") : [];
    if (parts.length < 6 || parts[0] !== "arn" || parts[1] === "" || parts[3] === "" || parts[4] === "") {
        throw new pulumi.RunError(
            `the EKS cluster's ARN is ${arn === undefined ? "undefined" : JSON.stringify(arn)}, not ` +
                "arn:<partition>:eks:<region>:<account>:cluster/<name>; the partition, Region and account are read from it " +
                "(under Pulumi's mocks, return an arn for aws:eks/cluster:Cluster, as examples/typescript/mocks.ts does)",
        );
    }
    return { partition: parts[1], region: parts[3], account: parts[4] };
}
