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

/** The API server a kubeconfig's current context points at (its first cluster without one). */
export function kubeconfigServer(kubeconfig: string): string {
    const config = YAML.parse(kubeconfig);
    const context = config?.contexts?.find((c: any) => c.name === config["current-context"])?.context;
    const cluster = config?.clusters?.find((c: any) => c.name === context?.cluster) ?? config?.clusters?.[0];
    return cluster?.cluster?.server;
}
