import * as YAML from "yaml";

/** Whom a kubeconfig authenticates as: `aws eks get-token --role-arn`, and the AWS CLI profile. */
export interface KubeconfigIdentityArgs {
    /**
     * A role `aws eks get-token` assumes to sign the token (`--role-arn`), so a deployer that runs
     * under another role authenticates as this one: the role that created the cluster, or one of
     * `clusterAdmins`; the deployer needs sts:AssumeRole on it.
     */
    roleArn?: string;
    /** The AWS CLI profile the token is signed with (`AWS_PROFILE` in the kubeconfig's exec). */
    profile?: string;
}

/** What a kubeconfig for an EKS cluster needs. */
export interface KubeconfigInputs {
    clusterName: string;
    endpoint: string;
    certificateAuthorityData: string;
    region: string;
    /** Whom it authenticates as (default: the credentials of whoever runs it). */
    identity?: KubeconfigIdentityArgs;
}

/**
 * A kubeconfig that authenticates with `aws eks get-token` (the AWS CLI the pipeline already
 * has), so it holds no long-lived credential. It is still exported as a secret: it names the
 * private endpoint and is what every site stack uses to reach the cluster.
 */
export function renderKubeconfig(k: KubeconfigInputs): string {
    const user = `${k.clusterName}-aws`;
    return YAML.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: k.clusterName, cluster: { server: k.endpoint, "certificate-authority-data": k.certificateAuthorityData } }],
        contexts: [{ name: k.clusterName, context: { cluster: k.clusterName, user } }],
        "current-context": k.clusterName,
        users: [
            {
                name: user,
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args: [
                            "eks",
                            "get-token",
                            "--cluster-name",
                            k.clusterName,
                            "--region",
                            k.region,
                            ...(k.identity?.roleArn ? ["--role-arn", k.identity.roleArn] : []),
                            "--output",
                            "json",
                        ],
                        ...(k.identity?.profile ? { env: [{ name: "AWS_PROFILE", value: k.identity.profile }] } : {}),
                        interactiveMode: "Never",
                    },
                },
            },
        ],
    });
}

/** What a kubeconfig's current context points at: its cluster and its user entries. */
export interface KubeconfigTarget {
    cluster?: { server?: string; "certificate-authority-data"?: string };
    user?: { token?: string; exec?: { command: string; args?: string[]; env?: { name: string; value: string }[] } };
}

/** The cluster and user of a kubeconfig's current context (its first cluster and user without one). */
export function kubeconfigTarget(kubeconfig: string): KubeconfigTarget {
    const config = YAML.parse(kubeconfig);
    if (!config || typeof config !== "object") return {};
    const context = config.contexts?.find((c: any) => c.name === config["current-context"])?.context;
    const cluster = config.clusters?.find((c: any) => c.name === context?.cluster) ?? config.clusters?.[0];
    const user = config.users?.find((u: any) => u.name === context?.user) ?? config.users?.[0];
    return { cluster: cluster?.cluster, user: user?.user };
}

/** The API server a kubeconfig's current context points at. */
export function kubeconfigServer(kubeconfig: string): string | undefined {
    return kubeconfigTarget(kubeconfig).cluster?.server;
}
