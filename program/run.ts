import * as pulumi from "@pulumi/pulumi";
import { NodeCredentials } from "../components/cluster/enums";
import { Hub, hubOutputs } from "../components/hub/hub";
import { GatewayType } from "../components/network/enums";
import { Site } from "../components/site/site";
import { SiteSettings } from "../components/site/siteArgs";
import { parseConfigValues, readStackConfig, StackKind } from "./stackConfig";

type StackOutputs = Record<string, pulumi.Output<unknown>>;

/**
 * The Pulumi program: reads this stack's config, dispatches on `eks-hybrid:kind` and returns
 * the stack outputs. Invalid config throws before any resource registers.
 */
export async function runStack(): Promise<StackOutputs> {
    const config = readStackConfig(parseConfigValues(pulumi.runtime.allConfig()));
    if (config.kind === StackKind.Hub) return hubOutputs(new Hub(config.hub.clusterName, config.hub));
    return runSite(config.site);
}

/** A site stack: reads the hub through a StackReference (never changing it) and builds the site. */
async function runSite(settings: SiteSettings): Promise<StackOutputs> {
    const hub = new pulumi.StackReference(settings.hubStack);
    // These two decide which resources exist, so they are needed as plain values.
    const gatewayType = await plainHubOutput(hub, settings.hubStack, "gatewayType", Object.values(GatewayType));
    const nodeCredentials = await plainHubOutput(hub, settings.hubStack, "nodeCredentials", Object.values(NodeCredentials));
    const site = new Site(settings.name, {
        site: settings,
        hub: {
            clusterName: hub.requireOutput("clusterName") as pulumi.Output<string>,
            clusterArn: hub.requireOutput("clusterArn") as pulumi.Output<string>,
            region: hub.requireOutput("region") as pulumi.Output<string>,
            gatewayType: gatewayType as GatewayType,
            gatewayId: hub.requireOutput("gatewayId") as pulumi.Output<string>,
            transitGatewayRouteTableId: hub.requireOutput("transitGatewayRouteTableId") as pulumi.Output<string>,
            nodeCredentials: nodeCredentials as NodeCredentials,
            hybridNodeRoleName: hub.requireOutput("hybridNodeRoleName") as pulumi.Output<string>,
            hybridNodeRoleArn: hub.requireOutput("hybridNodeRoleArn") as pulumi.Output<string>,
            trustAnchorArn: hub.requireOutput("trustAnchorArn") as pulumi.Output<string>,
            profileArn: hub.requireOutput("profileArn") as pulumi.Output<string>,
        },
    });
    return {
        customerGatewayId: site.customerGatewayId,
        vpnConnectionId: site.vpnConnectionId,
        tunnel1Address: site.tunnel1Address,
        tunnel2Address: site.tunnel2Address,
        tunnel1PresharedKey: site.tunnel1PresharedKey,
        tunnel2PresharedKey: site.tunnel2PresharedKey,
        activationId: site.activationId,
        activationCode: site.activationCode,
        nodeConfig: site.nodeConfig,
        hostNodeConfigs: site.hostNodeConfigs,
        nodeLabel: site.nodeLabel,
    };
}

async function plainHubOutput(hub: pulumi.StackReference, stack: string, name: string, valid: string[]): Promise<string> {
    const details = await hub.getOutputDetails(name);
    const value = details.value ?? details.secretValue;
    if (typeof value !== "string" || !valid.includes(value)) {
        throw new Error(`hub stack ${stack}: output ${name} is ${JSON.stringify(value)}; expected one of: ${valid.join(", ")} (is ${stack} a hub stack, deployed?)`);
    }
    return value;
}
