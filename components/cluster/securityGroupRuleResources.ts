import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlannedSgRule } from "./securityGroupRules";

/**
 * The planned rules as resources of `securityGroupId`, one per rule, named `${prefix}-${rule.key}`
 * (by content, so another rule never renames one) and parented as `opts` says.
 */
export function registerSgRules(
    prefix: string,
    securityGroupId: pulumi.Input<string>,
    rules: readonly PlannedSgRule[],
    tags: Record<string, string>,
    opts: pulumi.CustomResourceOptions,
): void {
    for (const rule of rules) {
        const args = {
            securityGroupId,
            ipProtocol: rule.protocol,
            fromPort: rule.port,
            toPort: rule.port,
            cidrIpv4: rule.cidr,
            description: rule.description,
            tags,
        };
        if (rule.direction === "ingress") new aws.vpc.SecurityGroupIngressRule(`${prefix}-${rule.key}`, args, opts);
        else new aws.vpc.SecurityGroupEgressRule(`${prefix}-${rule.key}`, args, opts);
    }
}
