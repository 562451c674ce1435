import * as YAML from "yaml";

/** The nodeadm NodeConfig a cloud node merges with EKS's own: here only the kubelet's max pods. */
export function cloudNodeConfig(maxPods: number): Record<string, unknown> {
    return { apiVersion: "node.eks.aws/v1alpha1", kind: "NodeConfig", spec: { kubelet: { flags: [`--max-pods=${maxPods}`] } } };
}

const BOUNDARY = "eks-hybrid-sites";

/** Launch template user data (base64 MIME multipart) carrying that NodeConfig to AL2023 nodes. */
export function cloudNodeUserData(maxPods: number): string {
    const mime = [
        "MIME-Version: 1.0",
        `Content-Type: multipart/mixed; boundary="${BOUNDARY}"`,
        "",
        `--${BOUNDARY}`,
        "Content-Type: application/node.eks.aws",
        "",
        YAML.stringify(cloudNodeConfig(maxPods)).trimEnd(),
        `--${BOUNDARY}--`,
        "",
    ].join("\n");
    return Buffer.from(mime).toString("base64");
}
