import { NodeCredentials } from "../cluster/enums";
import { MAX_NODE_MINOR_SKEW, upgradeSteps } from "../cluster/versionSkew";
import { NODE_CONFIG_PATH } from "./nodeConfig";

/** What a site's upgrade runbook is written from. */
export interface UpgradeRunbookInputs {
    site: string;
    clusterName: string;
    /** The control plane's version: where the nodes go. */
    clusterVersion: string;
    /** The version the site's nodes run, when the site declares it. */
    nodeVersion?: string;
    credentials: NodeCredentials;
    maxUnavailable: number;
}

/**
 * The site's Kubernetes upgrade runbook (UPGRADE.md in its files): the order of a cluster upgrade,
 * then this site's nodes step by step with the exact nodeadm command per minor, following the EKS
 * user guide's "Upgrade hybrid nodes" (in place with `nodeadm upgrade` on a drained, cordoned node;
 * the credential provider cannot change in an upgrade).
 */
export function renderUpgradeRunbook(i: UpgradeRunbookInputs): string {
    const steps = i.nodeVersion ? upgradeSteps(i.nodeVersion, i.clusterVersion) : [i.clusterVersion];
    const provider = i.credentials === NodeCredentials.Ssm ? "ssm" : "iam-ra";
    const current = i.nodeVersion
        ? `This site's nodes run ${i.nodeVersion} (nodes.kubernetesVersion)${steps.length === 0 ? ": up to date" : ""}.`
        : "This site does not declare its nodes' version (nodes.kubernetesVersion): check with `kubectl get nodes -l eks-hybrid/site=" +
          `${i.site}\` and start from there.`;
    const perNode = (version: string) => [
        `   - \`kubectl drain --ignore-daemonsets --delete-emptydir-data <node>\``,
        `   - on the host: \`sudo nodeadm upgrade ${version} --config-source file://${NODE_CONFIG_PATH}\``,
        `   - \`kubectl uncordon <node>\`, then \`kubectl get node <node>\` until it is Ready on v${version}`,
    ];
    return [
        `# ${i.site}: upgrading Kubernetes`,
        "",
        `Cluster ${i.clusterName}, control plane ${i.clusterVersion}. ${current}`,
        "",
        `**Skew rule.** Nodes are never newer than the control plane and at most ${MAX_NODE_MINOR_SKEW} minors older; both move one ` +
            "minor at a time. The hub's validation refuses a kubernetesVersion that would break a site's declared nodes.",
        "",
        "## A cluster upgrade, in order",
        "1. Control plane: raise `kubernetesVersion` in the hub's stack file by one minor, `npm run pipeline -- up --hub-only`.",
        "2. Cilium: if the new version needs it, raise `cilium.chartVersion` in the hub's stack file and bring the hub up again.",
        "3. Add-ons (kube-proxy, coredns, vpc-cni): `npm run pipeline -- up --hub-only` updates them with the hub.",
        `4. Nodes, site by site; at this site at most ${i.maxUnavailable} node${i.maxUnavailable === 1 ? "" : "s"} out of service at once.`,
        "",
        `## This site's nodes (credential provider ${provider}, which an upgrade keeps)`,
        ...(steps.length === 0
            ? ["Nothing to do until the control plane moves."]
            : steps.flatMap((version, n) => [
                  `${n + 1}. To ${version}, for each node:`,
                  ...perNode(version),
                  `   Then set \`nodes.kubernetesVersion: "${version}"\` in the site's stack file.`,
              ])),
        "",
        "A node that cannot be drained in place can instead be replaced: `nodeadm install <version> --credential-provider " +
            `${provider}\` and \`nodeadm init\` on a new host, then remove the old node (docs/site-runbook.md, "Removing a site", step 1).`,
        "",
    ].join("\n");
}
