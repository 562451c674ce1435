import { strict as assert } from "assert";
import { NodeCredentials } from "../../components/cluster/enums";
import { nodeSkewProblem, upgradeSteps } from "../../components/cluster/versionSkew";
import { renderUpgradeRunbook } from "../../components/onprem/upgradeRunbook";

describe("version skew of hybrid nodes", () => {
    it("allows nodes up to three minors behind the control plane, never ahead (table)", () => {
        const cases: [string, string, boolean][] = [
            ["1.33", "1.33", true],
            ["1.30", "1.33", true],
            ["1.29", "1.33", false],
            ["1.34", "1.33", false],
        ];
        for (const [node, cluster, ok] of cases) assert.equal(nodeSkewProblem(node, cluster) === undefined, ok, `${node} under ${cluster}`);
    });

    it("steps one minor at a time", () => {
        assert.deepEqual(upgradeSteps("1.31", "1.33"), ["1.32", "1.33"]);
        assert.deepEqual(upgradeSteps("1.33", "1.33"), []);
    });
});

describe("a site's upgrade runbook", () => {
    it("walks a site's declared nodes to the control plane's version, minor by minor, with the exact commands", () => {
        const text = renderUpgradeRunbook({
            site: "munich",
            clusterName: "hybrid-prod",
            clusterVersion: "1.33",
            nodeVersion: "1.32",
            credentials: NodeCredentials.Ssm,
            maxUnavailable: 2,
        });
        assert.equal(
            text,
            [
                "# munich: upgrading Kubernetes",
                "",
                "Cluster hybrid-prod, control plane 1.33. This site's nodes run 1.32 (nodes.kubernetesVersion).",
                "",
                "**Skew rule.** Nodes are never newer than the control plane and at most 3 minors older; both move one minor at a " +
                    "time. The hub's validation refuses a kubernetesVersion that would break a site's declared nodes.",
                "",
                "## A cluster upgrade, in order",
                "1. Control plane: raise `kubernetesVersion` in the hub's stack file by one minor, `npm run pipeline -- up --hub-only`.",
                "2. Cilium: if the new version needs it, raise `cilium.chartVersion` in the hub's stack file and bring the hub up again.",
                "3. Add-ons (kube-proxy, coredns, vpc-cni): `npm run pipeline -- up --hub-only` updates them with the hub.",
                "4. Nodes, site by site; at this site at most 2 nodes out of service at once.",
                "",
                "## This site's nodes (credential provider ssm, which an upgrade keeps)",
                "1. To 1.33, for each node:",
                "   - `kubectl drain --ignore-daemonsets --delete-emptydir-data <node>`",
                "   - on the host: `sudo nodeadm upgrade 1.33 --config-source file:///etc/eks-hybrid/nodeConfig.yaml`",
                "   - `kubectl uncordon <node>`, then `kubectl get node <node>` until it is Ready on v1.33",
                '   Then set `nodes.kubernetesVersion: "1.33"` in the site\'s stack file.',
                "",
                "A node that cannot be drained in place can instead be replaced: `nodeadm install <version> --credential-provider ssm` " +
                    'and `nodeadm init` on a new host, then remove the old node (docs/site-runbook.md, "Removing a site", step 1).',
                "",
            ].join("\n"),
        );
    });

    it("says so when nothing is to do, and asks for the version when the site declares none", () => {
        const base = {
            site: "berlin",
            clusterName: "c",
            clusterVersion: "1.33",
            credentials: NodeCredentials.IamRolesAnywhere,
            maxUnavailable: 1,
        };
        const upToDate = renderUpgradeRunbook({ ...base, nodeVersion: "1.33" });
        assert.match(upToDate, /This site's nodes run 1\.33 \(nodes\.kubernetesVersion\): up to date\./);
        assert.match(upToDate, /\nNothing to do until the control plane moves\.\n/);
        assert.match(upToDate, /credential provider iam-ra/);
        const undeclared = renderUpgradeRunbook(base);
        assert.match(undeclared, /does not declare its nodes' version .*`kubectl get nodes -l eks-hybrid\/site=berlin`/);
        assert.match(undeclared, /sudo nodeadm upgrade 1\.33 --config-source/);
    });
});
