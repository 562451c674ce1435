import * as pulumi from "@pulumi/pulumi";

/** IAM Roles Anywhere trust: exactly one of a CA bundle or an ACM Private CA. */
export interface IamRolesAnywhereArgs {
    /** PEM of the CA that signs the hybrid nodes' certificates (may be an Output). */
    caBundlePem?: pulumi.Input<string>;
    /** ARN of an ACM Private CA that signs the hybrid nodes' certificates (may be an Output). */
    acmPcaArn?: pulumi.Input<string>;
}
