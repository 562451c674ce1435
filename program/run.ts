import * as pulumi from "@pulumi/pulumi";
import { Hub, hubOutputs } from "../components/hub/hub";
import { parseConfigValues, readStackConfig, StackKind } from "./stackConfig";

/**
 * The Pulumi program: reads this stack's config, dispatches on `eks-hybrid:kind` and returns
 * the stack outputs. Invalid config throws before any resource registers.
 */
export function runStack(): Record<string, pulumi.Output<unknown>> {
    const config = readStackConfig(parseConfigValues(pulumi.runtime.allConfig()));
    if (config.kind === StackKind.Hub) {
        const hub = new Hub(config.hub.clusterName, config.hub);
        return hubOutputs(hub);
    }
    throw new Error("eks-hybrid:kind site: site stacks are not implemented yet (see the README's \"Not yet\" list)");
}
