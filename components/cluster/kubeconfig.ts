import * as YAML from "yaml";

/** What a kubeconfig for an EKS cluster needs. */
export interface KubeconfigInputs {
    clusterName: string;
    endpoint: string;
    certificateAuthorityData: string;
    region: string;
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
                        args: ["eks", "get-token", "--cluster-name", k.clusterName, "--region", k.region, "--output", "json"],
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
