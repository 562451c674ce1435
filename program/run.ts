import * as pulumi from "@pulumi/pulumi";
import * as runtimeConfig from "@pulumi/pulumi/runtime/config";
import { ConfigError } from "../components/config/problems";
import { awsLookup, checkExistingInfrastructure } from "../components/hub/existingInfrastructure";
import { Hub, hubOutputs } from "../components/hub/hub";
import { HubArgs } from "../components/hub/hubArgs";
import { HUB_CONFIG_KEY as HUB_KEY } from "../components/hub/validateHub";
import { HUB_OPTIONAL_SITE_OUTPUTS, HUB_PLAIN_OUTPUTS, HUB_SITE_OUTPUT_NAMES, HubSiteOutputs } from "../components/hub/hubOutputs";
import { bgpPasswordProblem } from "../components/onprem/bgpPassword";
import { PodNetworkingMode } from "../components/network/enums";
import { Site } from "../components/site/site";
import { SiteStackConfig } from "../components/site/siteArgs";
import { siteOutputs } from "../components/site/siteOutputs";
import { BGP_PASSWORD_NAME, parseConfigValues, PROJECT, readStackConfig, StackConfig, StackKind } from "./stackConfig";

/**
 * The Pulumi program: reads this stack's config, dispatches on `eks-hybrid:kind` and returns
 * the stack outputs. Invalid config throws before any resource registers, as a RunError: Pulumi
 * prints its message (the whole report) without a stack trace.
 */
export async function runStack(): Promise<Record<string, unknown>> {
    const config = stackConfig();
    if (config.kind === StackKind.Hub) return runHub(config.hub);
    return runSite(config.site);
}

/** A hub stack: what it takes as existing is checked against AWS first, then the hub is built. */
async function runHub(hub: HubArgs): Promise<Record<string, unknown>> {
    const problems = await checkExistingInfrastructure(hub, HUB_KEY, awsLookup());
    if (problems.length > 0) {
        throw new pulumi.RunError(`stack ${pulumi.getStack()}: ${new ConfigError("what the hub takes as existing", problems).message}`);
    }
    return hubOutputs(new Hub(hub.clusterName, hub));
}

function stackConfig(): StackConfig {
    const all = pulumi.runtime.allConfig();
    try {
        return readStackConfig(parseConfigValues(all, configSecretKeys(all)));
    } catch (e) {
        if (e instanceof ConfigError) throw new pulumi.RunError(`stack ${pulumi.getStack()}: ${e.message}`);
        throw e;
    }
}

/** A site stack: reads the hub through a StackReference (never changing it) and builds the site. */
async function runSite(settings: SiteStackConfig): Promise<Record<string, unknown>> {
    const { hubStack, ...site } = settings;
    // The decrypted value is checked here, before anything registers, and never printed.
    const raw = pulumi.runtime.allConfig()[`${PROJECT}:${BGP_PASSWORD_NAME}`];
    const passwordProblem = raw === undefined ? undefined : bgpPasswordProblem(raw);
    if (passwordProblem) throw new pulumi.RunError(`stack ${pulumi.getStack()}: ${PROJECT}:${BGP_PASSWORD_NAME}: ${passwordProblem}`);
    const hub = await readHubOutputs(new pulumi.StackReference(hubStack), hubStack);
    const password = new pulumi.Config(PROJECT).getSecret(BGP_PASSWORD_NAME);
    return siteOutputs(new Site(site.name, { site, hub, bgpPassword: password }));
}

/** The hub's outputs a site reads, by the contract's names; the two modes as checked plain values. */
async function readHubOutputs(ref: pulumi.StackReference, stack: string): Promise<HubSiteOutputs> {
    const outputs: Record<string, unknown> = Object.fromEntries(
        HUB_SITE_OUTPUT_NAMES.map((name) => [
            name,
            HUB_OPTIONAL_SITE_OUTPUTS.includes(name) ? ref.getOutput(name) : ref.requireOutput(name),
        ]),
    );
    for (const [name, valid] of Object.entries(HUB_PLAIN_OUTPUTS)) outputs[name] = await plainHubOutput(ref, stack, name, valid);
    outputs.kubernetesObjects = await kubernetesObjectsOutput(ref, stack);
    outputs.podNetworkingMode = await podNetworkingModeOutput(ref, stack);
    // Every name of the contract is read above (HUB_SITE_OUTPUT_NAMES is checked against it by
    // the compiler); a stack reference's outputs are untyped, so this is where they get the type.
    return outputs as unknown as HubSiteOutputs;
}

/** These decide which resources exist, so they are needed as plain values. */
async function plainHubOutput(hub: pulumi.StackReference, stack: string, name: string, valid: readonly string[]): Promise<string> {
    const details = await hub.getOutputDetails(name);
    const value = details.value ?? details.secretValue;
    if (typeof value !== "string" || !valid.includes(value)) {
        throw new pulumi.RunError(
            `hub stack ${stack}: output ${name} is ${JSON.stringify(value)}; expected one of: ${valid.join(", ")} (is ${stack} a ` +
                `hub stack, deployed?)`,
        );
    }
    return value;
}

/** The hub's kubernetesObjects as a plain boolean: true when a hub that predates it has none. */
async function kubernetesObjectsOutput(hub: pulumi.StackReference, stack: string): Promise<boolean> {
    const value = (await hub.getOutputDetails("kubernetesObjects")).value;
    if (value === undefined) return true;
    if (typeof value !== "boolean") {
        throw new pulumi.RunError(`hub stack ${stack}: output kubernetesObjects is ${JSON.stringify(value)}; expected true or false`);
    }
    return value;
}

/** routed for a hub that predates the output; a plain value, as it decides which resources a site has. */
async function podNetworkingModeOutput(hub: pulumi.StackReference, stack: string): Promise<PodNetworkingMode> {
    const value = (await hub.getOutputDetails("podNetworkingMode")).value;
    if (value === undefined) return PodNetworkingMode.Routed;
    if (!(Object.values(PodNetworkingMode) as unknown[]).includes(value)) {
        throw new pulumi.RunError(
            `hub stack ${stack}: output podNetworkingMode is ${JSON.stringify(value)}; expected one of: ` +
                Object.values(PodNetworkingMode).join(", "),
        );
    }
    return value as PodNetworkingMode;
}

// Whether Pulumi decrypted a config key for this run: exported by the SDK's runtime config module
// but left out of its typings; checked so an SDK change is loud.
const isConfigSecret: (key: string) => boolean = (runtimeConfig as any).isConfigSecret;
if (typeof isConfigSecret !== "function") throw new Error("@pulumi/pulumi no longer exports runtime/config.isConfigSecret");

/** The config keys Pulumi decrypted for this run. */
function configSecretKeys(config: Record<string, string>): string[] {
    return Object.keys(config).filter((key) => isConfigSecret(key));
}
