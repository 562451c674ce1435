import * as pulumi from "@pulumi/pulumi";
import { MockCallArgs, MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";
import { deserializeProperties, specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import * as settings from "@pulumi/pulumi/runtime/settings";

// Resolves once every outstanding resource registration and RPC has finished. Exported by the
// SDK's settings module but left out of its typings; checked here so an SDK change is loud.
const waitForRPCs: () => Promise<void> = (settings as any).waitForRPCs;
if (typeof waitForRPCs !== "function") throw new Error("@pulumi/pulumi no longer exports runtime/settings.waitForRPCs");

export const ACCOUNT = "123456789012";
export const REGION = "eu-central-1";
export const ZONES = ["eu-central-1a", "eu-central-1b", "eu-central-1c"];

/** How a secret input reaches the engine: a recorded input equals this when it was secret. */
export function secretInput(value: unknown): Record<string, unknown> {
    return { [specialSigKey]: specialSecretSig, value };
}

/** One resource as the engine saw it: what was registered, under which parent, wired to what. */
export interface Registration {
    type: string;
    name: string;
    urn: string;
    inputs: Record<string, any>;
    /** Name of the parent resource (the stack's name for top-level resources). */
    parent: string;
    /** Names of the resources this one explicitly depends on. */
    dependsOn: string[];
    deleteBeforeReplace: boolean;
    /** Names of the hooks that run before an update. */
    beforeUpdateHooks: string[];
    custom: boolean;
}

// Provider-computed attributes the components read, filled as AWS would; everything else echoes
// the inputs. Ids are `<name>-id`, so a test can see which resource an id came from.
function computed(args: MockResourceArgs): Record<string, any> {
    const arn = (service: string, resource: string, region = REGION) => `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;
    switch (args.type) {
        case "aws:eks/cluster:Cluster":
            return {
                arn: arn("eks", `cluster/${args.inputs.name}`),
                endpoint: `https://${args.inputs.name}.gr7.${REGION}.eks.amazonaws.com`,
                certificateAuthority: { data: "Q0EtREFUQQ==" },
                vpcConfig: { ...args.inputs.vpcConfig, clusterSecurityGroupId: "sg-eks-cluster" },
            };
        case "aws:iam/role:Role":
            return { name: args.inputs.name ?? `${args.name}-role-name`, arn: `arn:aws:iam::${ACCOUNT}:role/${args.name}` };
        case "aws:eks/nodeGroup:NodeGroup":
            return { nodeGroupName: `${args.name}-ng` };
        case "aws:ec2/vpnConnection:VpnConnection":
            return {
                arn: arn("ec2", `vpn-connection/${args.name}`),
                tunnel1Address: "198.18.0.1",
                tunnel2Address: "198.18.0.2",
                tunnel1CgwInsideAddress: "169.254.10.2",
                tunnel1VgwInsideAddress: "169.254.10.1",
                tunnel2CgwInsideAddress: "169.254.10.6",
                tunnel2VgwInsideAddress: "169.254.10.5",
                ...(args.inputs.transitGatewayId ? { transitGatewayAttachmentId: `${args.name}-tgw-attachment-id` } : {}),
            };
        case "aws:ssm/activation:Activation":
            return { activationCode: `${args.name}-code` };
        case "random:index/randomPassword:RandomPassword":
            return { result: `${args.name}.Secret_${"x".repeat(20)}` };
        default: {
            const [service] = args.type.split(":")[1].split("/");
            return { arn: arn(service, `${args.name}`) };
        }
    }
}

/** A StackReference answers with the outputs a test gives for that stack name; an unknown stack fails. */
function stackReference(args: MockResourceArgs, stacks: Record<string, Record<string, unknown>>) {
    const outputs = stacks[args.inputs.name];
    if (!outputs) throw new Error(`no outputs mocked for stack ${args.inputs.name}`);
    return { id: args.inputs.name, state: { name: args.inputs.name, outputs, secretOutputNames: [] } };
}

const INVOKES: Record<string, (inputs: any) => Record<string, any>> = {
    "aws:index/getAvailabilityZones:getAvailabilityZones": () => ({ names: ZONES, zoneIds: ["euc1-az2", "euc1-az3", "euc1-az1"] }),
    "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com" }),
};

/**
 * Pulumi's mock engine with a record of every registration and invoke. Invokes it does not know
 * throw, so a component cannot reach AWS (or silently get nothing) without a test noticing.
 */
export class MockCloud {
    readonly registrations: Registration[] = [];
    readonly invokes: MockCallArgs[] = [];
    readonly hooks: { name: string; onDryRun: boolean }[] = [];

    /** Runs `program` as a stack under mocks and waits until every registration has finished. */
    static async run<T>(
        program: () => T | Promise<T>,
        options: { config?: Record<string, string>; secretKeys?: string[]; stack?: string; stackOutputs?: Record<string, Record<string, unknown>> } = {},
    ) {
        const cloud = new MockCloud();
        const stack = options.stack ?? "test";
        await pulumi.runtime.setMocks(
            {
                newResource: (args) =>
                    args.type === "pulumi:pulumi:StackReference"
                        ? stackReference(args, options.stackOutputs ?? {})
                        : { id: `${args.name}-id`, state: { ...args.inputs, ...computed(args) } },
                call: (args) => {
                    cloud.invokes.push(args);
                    const answer = INVOKES[args.token];
                    if (!answer) throw new Error(`unmocked invoke ${args.token}`);
                    return answer(args.inputs);
                },
            },
            "eks-hybrid",
            stack,
            false,
        );
        pulumi.runtime.setAllConfig(options.config ?? {}, options.secretKeys ?? []);
        cloud.record(pulumi.runtime.getMonitor() as any);
        let result: T | undefined;
        await pulumi.runtime.runInPulumiStack(async () => {
            result = await program();
            return result as any;
        });
        await waitForRPCs();
        return { cloud, result: result as T };
    }

    private record(monitor: { registerResource(req: any, cb: (err: any, res: any) => void): Promise<void>; registerResourceHook?: unknown }) {
        // The mock monitor does not know resource hooks; record their names as the engine would.
        monitor.registerResourceHook = (req: any, callback: (err: any, res: any) => void) => {
            this.hooks.push({ name: req.getName(), onDryRun: req.getOnDryRun() });
            callback(null, {});
        };
        const original = monitor.registerResource.bind(monitor);
        const urnName = (urn: string) => (urn ? urn.split("::").pop()! : "");
        monitor.registerResource = (req: any, callback: (err: any, res: any) => void) =>
            original(req, (err: any, res: any) => {
                if (!err) {
                    this.registrations.push({
                        type: req.getType(),
                        name: req.getName(),
                        urn: res.getUrn(),
                        inputs: deserializeProperties(req.getObject()),
                        parent: urnName(req.getParent()),
                        dependsOn: req.getDependenciesList().map(urnName),
                        deleteBeforeReplace: req.getDeletebeforereplace(),
                        beforeUpdateHooks: req.getHooks()?.getBeforeUpdateList() ?? [],
                        custom: req.getCustom(),
                    });
                }
                callback(err, res);
            });
    }

    /** Registrations of one type. */
    ofType(type: string): Registration[] {
        return this.registrations.filter((r) => r.type === type);
    }

    /** The one registration with this name (and type, if given); fails when there is none or several. */
    named(name: string, type?: string): Registration {
        const found = this.registrations.filter((r) => r.name === name && (type === undefined || r.type === type));
        if (found.length !== 1) throw new Error(`expected one resource named ${name}, found ${found.length}`);
        return found[0];
    }

    /** `type name` of every registration, sorted: the exact set a test expects. */
    inventory(): string[] {
        return this.registrations
            .filter((r) => r.type !== "pulumi:pulumi:Stack")
            .map((r) => `${r.type} ${r.name}`)
            .sort();
    }
}
