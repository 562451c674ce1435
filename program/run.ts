import * as pulumi from "@pulumi/pulumi";
import * as runtimeConfig from "@pulumi/pulumi/runtime/config";
import { NodeCredentials } from "../components/cluster/enums";
import { Hub, hubOutputs } from "../components/hub/hub";
import { GatewayType } from "../components/network/enums";
import { Site } from "../components/site/site";
import { SiteSettings } from "../components/site/siteArgs";
import { BGP_PASSWORD_NAME, parseConfigValues, PROJECT, readStackConfig, StackKind } from "./stackConfig";

type StackOutputs = Record<string, pulumi.Output<unknown>>;

/**
 * The Pulumi program: reads this stack's config, dispatches on `eks-hybrid:kind` and returns
 * the stack outputs. Invalid config throws before any resource registers.
 */
export async function runStack(): Promise<StackOutputs> {
    const all = pulumi.runtime.allConfig();
    const config = readStackConfig(parseConfigValues(all, configSecretKeys(all)));
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
            kubeconfig: hub.requireOutput("kubeconfig") as pulumi.Output<string>,
            vpcCidr: hub.requireOutput("vpcCidr") as pulumi.Output<string>,
        },
        bgpPassword: new pulumi.Config(PROJECT).getSecret(BGP_PASSWORD_NAME),
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
        podPoolName: site.podPoolName,
        vpnServerConfig: site.vpnServerConfig,
        routerConfig: site.routerConfig,
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

// Whether Pulumi decrypted a config key for this run: exported by the SDK's runtime config module
// but left out of its typings; checked so an SDK change is loud.
const isConfigSecret: (key: string) => boolean = (runtimeConfig as any).isConfigSecret;
if (typeof isConfigSecret !== "function") throw new Error("@pulumi/pulumi no longer exports runtime/config.isConfigSecret");

/** The config keys Pulumi decrypted for this run. */
function configSecretKeys(config: Record<string, string>): string[] {
    return Object.keys(config).filter((key) => isConfigSecret(key));
}
