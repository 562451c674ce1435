import * as path from "path";
import { SiteStackConfig } from "../../components/site/siteArgs";
import { SITE_CONFIG_KEY } from "../../components/site/validateSite";
import { StackFile } from "../stacks/stackFolder";
import { SiteNodeLister } from "./siteNodes";
import { StackOutputsReader } from "./stackOutputs";

/** Where the steps of taking a site away are written down. */
export const REMOVAL_RUNBOOK = 'docs/site-runbook.md, "Removing a site"';

/**
 * Why these site stacks may not be destroyed yet: a line per site whose nodes are still
 * registered in the cluster (they would lose their pod network and VPN under them, and their
 * node objects and SSM registrations would linger), or whose nodes cannot be listed. Each site's
 * hub stack gives the kubeconfig; a hub without one (never deployed) has no nodes.
 */
export async function sitesStillInUse(
    sites: readonly StackFile[],
    reader: StackOutputsReader,
    listerFor: (kubeconfig: string) => SiteNodeLister,
): Promise<string[]> {
    const hubs = new Map<string, Promise<unknown>>();
    const lines: string[] = [];
    for (const file of sites) {
        const { name, hubStack } = file.config[SITE_CONFIG_KEY] as SiteStackConfig;
        if (!hubs.has(hubStack))
            hubs.set(
                hubStack,
                reader.outputs(hubStack).then((o) => o.kubeconfig?.value),
            );
        try {
            const kubeconfig = await hubs.get(hubStack)!;
            if (typeof kubeconfig !== "string") continue;
            const nodes = await listerFor(kubeconfig).nodesOfSite(name);
            if (nodes.length === 0) continue;
            lines.push(
                `${file.stack}: ${nodes.length} node${nodes.length === 1 ? "" : "s"} of site ${name} still registered ` +
                    `(${nodes.join(", ")}): per node, kubectl drain --ignore-daemonsets <node>, nodeadm uninstall on the host, ` +
                    "kubectl delete node <node>; then destroy again",
            );
        } catch (e) {
            lines.push(
                `${file.stack}: the nodes of site ${name} cannot be listed through ${hubStack}'s API ` +
                    `(${(e as Error).message.split("\n")[0]}); run where that API is reachable, or add --skip-node-check ` +
                    "if the cluster is gone",
            );
        }
    }
    return lines;
}

/** What is left to do by hand once a site stack is destroyed. */
export function siteRemovalFollowUps(sites: readonly StackFile[], stacksDir: string): string[] {
    return sites.map(
        (f) =>
            `next for ${f.stack}: delete ${path.join(stacksDir, f.file)} and the empty stack (pulumi stack rm ${f.stack}), ` +
            "and stop the site's VPN server (setup.sh stop)",
    );
}
