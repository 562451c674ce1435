import * as pulumi from "@pulumi/pulumi";
import { AWS_REGION_PATTERN } from "../config/schemaParts";

// The hub's outputs a site writes into its files (NodeConfigs, the upgrade runbook, the VPN
// server's scripts), parsed again as the type each must be: a hub stack's outputs are another
// stack's data, and a site's files run on its servers.

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const KUBERNETES_MINOR = /^1\.\d{1,2}$/;
/**
 * An ARN of `service` in any partition, with a 12-digit account (or the offline plan's `<account>`)
 * and a plain resource part.
 */
const arnOf = (service: string) => new RegExp(`^arn:aws(-[a-z]+)*:${service}:[a-z0-9-]*:(\\d{12}|<account>):[A-Za-z0-9+=,.@_/:-]+$`);

/** The hub values a site's files hold. */
export interface HubFileValues {
    clusterName?: unknown;
    region?: unknown;
    kubernetesVersion?: unknown;
    hybridNodeRoleArn?: unknown;
    trustAnchorArn?: unknown;
    profileArn?: unknown;
}

/** What is wrong with the hub values a site writes into its files, each named by its hub output. */
export function hubFileValueProblems(v: HubFileValues): string[] {
    const problems: string[] = [];
    const expect = (key: keyof HubFileValues, pattern: RegExp, what: string) => {
        if (!(key in v)) return;
        const value = v[key];
        if (typeof value !== "string" || !pattern.test(value))
            problems.push(`the hub's output ${key} is ${JSON.stringify(value)}, not ${what}`);
    };
    expect("clusterName", CLUSTER_NAME, "an EKS cluster name");
    expect("region", AWS_REGION_PATTERN, "an AWS Region such as eu-central-1");
    expect("kubernetesVersion", KUBERNETES_MINOR, 'a Kubernetes minor version such as "1.33"');
    expect("hybridNodeRoleArn", arnOf("iam"), "an IAM role ARN");
    expect("trustAnchorArn", arnOf("rolesanywhere"), "an IAM Roles Anywhere trust anchor ARN");
    expect("profileArn", arnOf("rolesanywhere"), "an IAM Roles Anywhere profile ARN");
    return problems;
}

/**
 * Runs `render` on values that passed hubFileValueProblems, or stops the program with one error
 * (a RunError: Pulumi prints it without a stack trace) naming the Site and every bad value.
 */
export function renderChecked<T extends HubFileValues, R>(site: string, values: T, render: (v: T) => R): R {
    const problems = hubFileValueProblems(values);
    if (problems.length > 0) throw new pulumi.RunError(`invalid hub outputs for Site "${site}": ${problems.join("; ")}`);
    try {
        return render(values);
    } catch (e) {
        // The renderers' own checks (tunnel addresses, keys, CIDRs): the same one-line error.
        throw new pulumi.RunError(`invalid inputs for Site "${site}": ${(e as Error).message}`);
    }
}
