import * as YAML from "yaml";

/** The nodeadm NodeConfig a cloud node merges with EKS's own: here only the kubelet's max pods. */
export function cloudNodeConfig(maxPods: number): Record<string, unknown> {
    return { apiVersion: "node.eks.aws/v1alpha1", kind: "NodeConfig", spec: { kubelet: { flags: [`--max-pods=${maxPods}`] } } };
}

const BOUNDARY = "eks-hybrid-sites";

/**
 * Launch template user data (base64 MIME multipart) for AL2023 nodes: the NodeConfig with max
 * pods when given, and shell scripts that run at boot (cloud-init runs text/x-shellscript parts).
 */
export function cloudNodeUserData(maxPods: number | undefined, scripts: readonly string[] = []): string {
    const parts = [
        ...(maxPods === undefined
            ? []
            : [["Content-Type: application/node.eks.aws", "", YAML.stringify(cloudNodeConfig(maxPods)).trimEnd()]]),
        ...scripts.map((script) => ['Content-Type: text/x-shellscript; charset="us-ascii"', "", script]),
    ];
    const mime = [
        "MIME-Version: 1.0",
        `Content-Type: multipart/mixed; boundary="${BOUNDARY}"`,
        "",
        ...parts.flatMap((part) => [`--${BOUNDARY}`, ...part]),
        `--${BOUNDARY}--`,
        "",
    ].join("\n");
    return Buffer.from(mime).toString("base64");
}

/**
 * A shell part for a cloud node's user data: turns off the source/destination check of the
 * instance's primary ENI, for a node that forwards traffic it neither sends nor receives (AWS's
 * Hybrid Nodes gateway, which never changes the check itself). The ENI, not the instance: ModifyInstanceAttribute fails on
 * an instance with several ENIs, which the VPC CNI adds.
 */
export const SOURCE_DEST_CHECK_OFF = [
    "#!/bin/bash",
    "set -euo pipefail",
    'imds() { curl -sf -H "X-aws-ec2-metadata-token: $TOKEN" "http://169.254.169.254/latest/meta-data/$1"; }',
    'TOKEN=$(curl -sf -X PUT -H "X-aws-ec2-metadata-token-ttl-seconds: 300" http://169.254.169.254/latest/api/token)',
    "MAC=$(imds mac)",
    'ENI=$(imds "network/interfaces/macs/$MAC/interface-id")',
    "REGION=$(imds placement/region)",
    // IMDS and EC2 may not answer at the first try while the node boots: a few tries, then the check.
    "for try in 1 2 3 4 5 6; do",
    '    aws ec2 modify-network-interface-attribute --region "$REGION" --network-interface-id "$ENI" --no-source-dest-check && break',
    "    sleep $((try * 5))",
    "done",
    'test "$(aws ec2 describe-network-interfaces --region "$REGION" --network-interface-ids "$ENI" ' +
        '--query "NetworkInterfaces[0].SourceDestCheck" --output text)" = False',
].join("\n");
