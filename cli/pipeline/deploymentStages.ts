import { awaitsCoredns } from "./corednsStep";
import { podNetworkingModeOf } from "../../components/gateway/podNetworkingArgs";
import { PodNetworkingMode } from "../../components/network/enums";
import * as path from "path";
import { EndpointAccess } from "../../components/cluster/enums";
import { HubArgs } from "../../components/hub/hubArgs";
import { DEFAULT_KUBERNETES_OBJECTS } from "../../components/hub/hubConfigSchema";
import { HUB_CONFIG_KEY } from "../../components/hub/validateHub";
import { StackFile } from "../stacks/stackFolder";
import { StackOutput } from "./stackOutputs";

// The first deployment of a private cluster happens in stages (docs/real-account.md): what the
// pipeline refuses before a stage that cannot finish, and what it says must happen after one.

const RUNBOOK = "docs/real-account.md#a-private-clusters-first-deployment";

/** The hub's settings of a hub stack file. */
function hubOf(file: StackFile): HubArgs {
    return file.config[HUB_CONFIG_KEY] as HubArgs;
}

/**
 * Why this `up` or `preview` of a hub cannot finish, or undefined. `deployed` holds the hub
 * stack's outputs, or is undefined when the stack has never been deployed.
 * - A first deployment of a private endpoint in a VPC the same run creates: no machine can reach
 *   that API yet (no VPN exists), so applying Cilium through it would stop the run after the
 *   cluster is up. Refused unless the hub defers its Kubernetes objects or opens a bootstrap window.
 * - kubernetesObjects switched back to false on a hub that applied them: that would uninstall Cilium.
 */
export function hubStageProblem(file: StackFile, stacksDir: string, deployed: Record<string, StackOutput> | undefined): string | undefined {
    const hub = hubOf(file);
    const where = path.join(stacksDir, file.file);
    const applies = hub.kubernetesObjects ?? DEFAULT_KUBERNETES_OBJECTS;
    if (deployed === undefined) {
        const unreachable =
            hub.endpointAccess === EndpointAccess.Private &&
            hub.vpc.id === undefined &&
            hub.gateway.id === undefined &&
            hub.temporaryPublicAccessCidrs === undefined &&
            applies;
        if (!unreachable) return undefined;
        return (
            `${file.stack}: a first deployment cannot finish: ${HUB_CONFIG_KEY} in ${where} has a private endpoint in a VPC this ` +
            "run creates, and no machine can reach that API until a site's VPN is up, so Cilium could not be installed. Set " +
            "kubernetesObjects: false (the Kubernetes objects follow once a network path exists) or a bootstrap window " +
            `(temporaryPublicAccessCidrs: [<this machine's public address>/32]); see ${RUNBOOK}`
        );
    }
    // A hub deployed before the output existed applied its objects too.
    if (!applies && deployed.kubernetesObjects?.value !== false) {
        return (
            `${file.stack}: kubernetesObjects: false in ${where}, but the deployed hub applied its Kubernetes objects: this up ` +
            "would uninstall Cilium and with it every hybrid node's networking; set kubernetesObjects: true again"
        );
    }
    // A hub deployed before the output existed routes pods per site.
    const mode = podNetworkingModeOf(hub.podNetworking);
    const deployedMode = deployed.podNetworkingMode?.value ?? PodNetworkingMode.Routed;
    if (deployedMode !== mode) {
        return (
            `${file.stack}: podNetworking.mode is ${mode} in ${where}, but the deployed hub runs ${deployedMode}: changing it in ` +
            "place is not built (the running nodes' Cilium IPAM cannot change, and the gateway's routes and Pulumi's would " +
            `fight over the VPC's route tables); set podNetworking.mode: ${deployedMode} again`
        );
    }
    return undefined;
}

/** What must happen after a hub stage came up, in order. */
export function hubNextSteps(file: StackFile, stacksDir: string): string[] {
    const hub = hubOf(file);
    const where = path.join(stacksDir, file.file);
    const next = (text: string) => `next for ${file.stack}: ${text}`;
    if (!(hub.kubernetesObjects ?? DEFAULT_KUBERNETES_OBJECTS)) {
        return [
            next(
                "the hub and its sites applied no Kubernetes objects (kubernetesObjects: false). 1) the sites' VPNs come with " +
                    "npm run pipeline -- up (done when this run included the sites); 2) a site team applies its VPN server and " +
                    "router files (npm run artefacts -- --stack site-<name>, site runbook steps 4.1 and 4.2, not the nodes yet) " +
                    "and forwards the cluster's endpoint name to the " +
                    "hub's resolverInboundIps; 3) from a machine on that site's node network (or inside the VPC), set " +
                    `kubernetesObjects: true under ${HUB_CONFIG_KEY} in ${where} and run npm run pipeline -- up; 4) then the ` +
                    `site's nodes join (nodeadm init); see ${RUNBOOK}`,
            ),
        ];
    }
    const steps: string[] = [];
    if (hub.temporaryPublicAccessCidrs !== undefined) {
        steps.push(
            next(
                `the API is also public for ${hub.temporaryPublicAccessCidrs.join(", ")} (bootstrap window). Once a site's VPN is ` +
                    "up, from a machine on that site's node network (or inside the VPC), remove temporaryPublicAccessCidrs from " +
                    `${HUB_CONFIG_KEY} in ${where} and run npm run pipeline -- up --hub-only (EKS closes the window in place); ` +
                    "hybrid nodes join after that, unless the site's DNS already forwards the endpoint name to the hub's " +
                    `resolverInboundIps (with the window open they resolve it to public addresses); see ${RUNBOOK}`,
            ),
        );
    }
    if (awaitsCoredns(hub)) {
        // EKS reports coredns DEGRADED while no node can run it, and the add-on's create fails.
        steps.push(
            next(
                "coredns is not installed yet; the first npm run pipeline -- up that finds a node Ready (kubectl get nodes) sets " +
                    `coredns: true under ${HUB_CONFIG_KEY} in ${where} and installs it (commit the change), or set it yourself and ` +
                    "run npm run pipeline -- up --hub-only",
            ),
        );
    }
    return steps;
}
