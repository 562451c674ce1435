import * as pulumi from "@pulumi/pulumi";
import * as ipaddr from "ipaddr.js";
import { MockCallArgs, MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";
import { deserializeProperties, specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import * as debuggableModule from "@pulumi/pulumi/runtime/debuggable";
import * as settings from "@pulumi/pulumi/runtime/settings";
import * as state from "@pulumi/pulumi/runtime/state";

// Resolves once every outstanding resource registration and RPC has finished. Exported by the
// SDK's settings module but left out of its typings; checked here so an SDK change is loud.
const waitForRPCs: () => Promise<void> = (settings as any).waitForRPCs;
if (typeof waitForRPCs !== "function") throw new Error("@pulumi/pulumi no longer exports runtime/settings.waitForRPCs");

// The SDK's promise bookkeeping and resource source positions, which a run without stack traces
// replaces (see MockEngine.run). Its modules call them through the module object and the class.
const debuggable = debuggableModule as unknown as { debuggablePromise: (p: Promise<unknown>, ctx?: unknown) => Promise<unknown> };
const resourceClass = pulumi.Resource as unknown as { callsites: () => unknown[] };
if (typeof debuggable.debuggablePromise !== "function" || typeof resourceClass.callsites !== "function")
    throw new Error("@pulumi/pulumi no longer has runtime/debuggable.debuggablePromise or Resource.callsites");

/**
 * How values only AWS could know are filled in. Tests use realistic values whose origin shows
 * (`<name>-id`); a plan marks every such value (`<name.id>`, account `<account>`) so that no one
 * mistakes it for a real one.
 */
export enum Placeholders {
    Realistic = "realistic",
    Marked = "marked",
}

const REALISTIC_ACCOUNT = "123456789012";
const MARKED_ACCOUNT = "<account>";
const DEFAULT_REGION = "eu-central-1";
const ZONE_SUFFIXES = ["a", "b", "c"];

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
    /**
     * Names of every resource this one waits for, as the engine receives them: those of its
     * `dependsOn` option (a component stands for the custom resources under it) and those its
     * inputs come from.
     */
    dependsOn: string[];
    /**
     * The part of {@link dependsOn} no input accounts for: the `dependsOn` option (a resource also
     * passed as an input counts as an input's). Sorted by name.
     */
    explicitDependsOn: string[];
    /** Whether a replacement deletes the old resource before creating the new (`deleteBeforeReplace`). */
    deleteBeforeReplace: boolean;
    /** Name of the explicit or inherited provider (empty for the default provider). */
    provider: string;
    /** Names of the hooks that run before an update. */
    beforeUpdateHooks: string[];
    /** Properties whose change replaces the resource (`replaceOnChanges`). */
    replaceOnChanges: string[];
    /** Whether the engine refuses to replace or delete the resource (`protect`). */
    protect: boolean;
    /** Outputs the state keeps as secrets besides those the provider marks (`additionalSecretOutputs`). */
    additionalSecretOutputs: string[];
    /** Input properties whose changes are ignored (`ignoreChanges`). */
    ignoreChanges: string[];
    /** Whether deleting the resource leaves the cloud object in place (`retainOnDelete`). */
    retainOnDelete: boolean;
    /** The `aliases` option as the engine receives it: earlier identities of this resource. */
    aliases: RecordedAlias[];
    custom: boolean;
}

/**
 * One alias: a whole URN, or a spec whose empty parts default to the resource's own (its name,
 * type, parent). `noParent` says the resource had none; `parentUrn`, which parent it had.
 */
export interface RecordedAlias {
    urn?: string;
    name?: string;
    type?: string;
    parentUrn?: string;
    noParent?: true;
}

/**
 * An alias of a RegisterResourceRequest as a {@link RecordedAlias}. The SDK sends the resource's own
 * parent with every spec that names none (for older engines); that default is left out.
 */
function recordedAlias(alias: any, parentUrn: string): RecordedAlias {
    if (alias.getUrn()) return { urn: alias.getUrn() };
    const spec = alias.getSpec();
    const recorded: RecordedAlias = {};
    if (spec.getName()) recorded.name = spec.getName();
    if (spec.getType()) recorded.type = spec.getType();
    if (spec.getNoparent()) recorded.noParent = true;
    else if (spec.getParenturn() && spec.getParenturn() !== parentUrn) recorded.parentUrn = spec.getParenturn();
    return recorded;
}

// Provider-computed attributes the components read, filled as AWS would; everything else echoes
// the inputs.
function computed(args: MockResourceArgs, p: PlaceholderValues): Record<string, any> {
    const arn = (service: string, resource: string) => `arn:aws:${service}:${p.region}:${p.account}:${resource}`;
    const v = (attribute: string, realistic: string) => p.value(args.name, attribute, realistic);
    switch (args.type) {
        case "aws:eks/cluster:Cluster":
            return {
                arn: arn("eks", `cluster/${args.inputs.name}`),
                endpoint: v("endpoint", `https://${args.inputs.name}.gr7.${p.region}.eks.amazonaws.com`),
                certificateAuthority: { data: v("certificateAuthority", "Q0EtREFUQQ==") },
                vpcConfig: { ...args.inputs.vpcConfig, clusterSecurityGroupId: v("clusterSecurityGroupId", "sg-eks-cluster") },
            };
        case "aws:iam/role:Role":
            return { name: args.inputs.name ?? v("name", `${args.name}-role-name`), arn: `arn:aws:iam::${p.account}:role/${args.name}` };
        case "aws:eks/nodeGroup:NodeGroup":
            return { nodeGroupName: v("nodeGroupName", `${args.name}-ng`) };
        case "aws:ec2/vpnConnection:VpnConnection":
            return {
                arn: arn("ec2", `vpn-connection/${args.name}`),
                ...tunnelAddresses(args, 1, v),
                ...tunnelAddresses(args, 2, v),
                ...(args.inputs.transitGatewayId
                    ? { transitGatewayAttachmentId: v("transitGatewayAttachmentId", `${args.name}-tgw-attachment-id`) }
                    : {}),
            };
        case "aws:ssm/activation:Activation":
            // A new activation: nothing registered with it yet.
            return { activationCode: v("activationCode", `${args.name}-code`), registrationCount: 0 };
        case "aws:route53/resolverEndpoint:ResolverEndpoint":
            return {
                arn: arn("route53resolver", `resolver-endpoint/${args.name}`),
                ipAddresses: (args.inputs.ipAddresses ?? []).map((a: { subnetId: string }, i: number) => ({
                    ...a,
                    ip: v(`ipAddresses[${i}].ip`, `10.0.${i * 32}.53`),
                })),
            };
        case "aws:cloudwatch/logGroup:LogGroup":
            return { arn: arn("logs", `log-group:${args.inputs.name}`) };
        case "aws:ecr/pullThroughCacheRule:PullThroughCacheRule":
            return { registryId: p.account };
        case "aws:ec2/launchTemplate:LaunchTemplate":
            return { arn: arn("ec2", `launch-template/${args.name}`), latestVersion: 1 };
        case "random:index/randomPassword:RandomPassword":
            // In AWS's pre-shared key alphabet (letters, digits, . and _), as the components ask random for.
            return {
                result: v("result", `${args.name.replace(/[^A-Za-z0-9]/g, "_")}.Secret_${"x".repeat(20)}`.replace(/^0/, "K").slice(0, 64)),
            };
        default: {
            const [service] = args.type.split(":")[1].split("/");
            return { arn: arn(service, `${args.name}`) };
        }
    }
}

/**
 * AWS's end of a tunnel takes the first address of its inside /30, the customer's end the second;
 * without configured inside CIDRs AWS picks them (a placeholder here). Outside addresses are AWS's.
 */
function tunnelAddresses(args: MockResourceArgs, n: 1 | 2, v: (attribute: string, realistic: string) => string): Record<string, string> {
    const inside: string | undefined = args.inputs[`tunnel${n}InsideCidr`];
    const hosts = inside ? ipaddr.IPv4.networkAddressFromCIDR(inside).toByteArray() : undefined;
    const host = (last: number) => (hosts ? [...hosts.slice(0, 3), hosts[3] + last].join(".") : undefined);
    return {
        [`tunnel${n}Address`]: v(`tunnel${n}Address`, `198.18.0.${n}`),
        [`tunnel${n}VgwInsideAddress`]: host(1) ?? v(`tunnel${n}VgwInsideAddress`, `169.254.${n}0.1`),
        [`tunnel${n}CgwInsideAddress`]: host(2) ?? v(`tunnel${n}CgwInsideAddress`, `169.254.${n}0.2`),
    };
}

interface PlaceholderValues {
    account: string;
    region: string;
    id(name: string): string;
    value(name: string, attribute: string, realistic: string): string;
}

function placeholderValues(style: Placeholders, region: string): PlaceholderValues {
    const marked = style === Placeholders.Marked;
    return {
        account: marked ? MARKED_ACCOUNT : REALISTIC_ACCOUNT,
        region,
        id: (name) => (marked ? `<${name}.id>` : `${name}-id`),
        value: (name, attribute, realistic) => (marked ? `<${name}.${attribute}>` : realistic),
    };
}

/**
 * A StackReference answers with the outputs a test gives for that stack name, those in `secrets`
 * marked secret as the engine marks them; an unknown stack fails.
 */
function stackReference(args: MockResourceArgs, stacks: Record<string, Record<string, unknown>>, secrets: Record<string, string[]>) {
    const outputs = stacks[args.inputs.name];
    if (!outputs) throw new Error(`no outputs mocked for stack ${args.inputs.name}`);
    return { id: args.inputs.name, state: { name: args.inputs.name, outputs, secretOutputNames: secrets[args.inputs.name] ?? [] } };
}

// The invokes the components make. Zones are the region's first three letters; a plan cannot
// know which zones an account really has, so that is all it claims.
const INVOKES: Record<string, (inputs: any, region: string, p: PlaceholderValues) => Record<string, any>> = {
    "aws:index/getCallerIdentity:getCallerIdentity": (_, __, p) => ({
        accountId: p.account,
        arn: `arn:aws:iam::${p.account}:role/deployer`,
        userId: "deployer",
    }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": (_, region) => ({ names: ZONE_SUFFIXES.map((z) => `${region}${z}`) }),
    "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com" }),
    "aws:index/getRegion:getRegion": (_, region) => ({ name: region, region }),
    // What the stack file says exists: offline nothing can be looked up, so the plan takes it as
    // stated (owned by this account, available with private DNS); the real run asks AWS.
    "aws:ec2transitgateway/getTransitGateway:getTransitGateway": (inputs, _, p) => ({ id: inputs.id, ownerId: p.account }),
    "aws:ec2/getVpcEndpoint:getVpcEndpoint": (inputs) => ({
        vpcId: inputs.vpcId,
        serviceName: inputs.serviceName,
        state: "available",
        privateDnsEnabled: true,
    }),
    // An existing subnet's zone: one of the three, fixed by its id.
    "aws:ec2/getSubnet:getSubnet": (inputs, region) => ({
        id: inputs.id,
        availabilityZone: `${region}${ZONE_SUFFIXES[charSum(String(inputs.id)) % ZONE_SUFFIXES.length]}`,
    }),
};

function charSum(text: string): number {
    return [...text].reduce((sum, c) => sum + c.charCodeAt(0), 0);
}

/**
 * Stands in for the SDK's callback server in a run's state. Resource hooks would make the SDK start
 * a gRPC server on loopback per run and call itself through it before the first hook registers (a
 * few milliseconds and three descriptors a stack, and a server never closed); under mocks nothing
 * ever calls a hook back, so the hook is only recorded as the engine would see it.
 */
function recordingCallbacks(hooks: { name: string; onDryRun: boolean }[]): object {
    const unsupported = (what: string) => () => {
        throw new Error(`${what} are not supported under the mock engine`);
    };
    return {
        registerResourceHook: async (hook: { name: string; opts?: { onDryRun?: boolean } }) => {
            hooks.push({ name: hook.name, onDryRun: hook.opts?.onDryRun ?? false });
        },
        awaitStackRegistrations: async () => {},
        shutdown: () => {},
        registerTransform: unsupported("resource transforms"),
        registerErrorHook: unsupported("error hooks"),
        registerStackTransform: unsupported("stack transforms"),
        registerStackInvokeTransform: unsupported("invoke transforms"),
        registerStackInvokeTransformAsync: unsupported("invoke transforms"),
    };
}

/** The SDK internals the mock engine replaces during a run. */
export enum SdkPatch {
    /** `runtime/debuggable.debuggablePromise`: a stack trace and leak-set entry per promise. */
    Promises = "promises",
    /** `Resource.callsites`: a whole stack per resource for its source position. */
    Callsites = "callsites",
    /** The run's `store.callbacks`: a gRPC callback server per run for resource hooks. */
    Callbacks = "callbacks",
}

/**
 * Patches `bench/sdkPatches.ts` turns off to measure what each still wins
 * (`EKS_HYBRID_PLAN_UNPATCHED=promises,callsites,callbacks`); never set outside the benchmark.
 */
function unpatchedForBenchmark(): Set<string> {
    return new Set((process.env.EKS_HYBRID_PLAN_UNPATCHED ?? "").split(",").filter(Boolean));
}

/** What a run under the mock engine gets. */
export interface MockRunOptions {
    /** The stack's config, as Pulumi hands it to a program (strings, maps as JSON). */
    config?: Record<string, string>;
    /** Which config keys Pulumi would have decrypted. */
    secretKeys?: string[];
    stack?: string;
    /** Outputs of other stacks, by stack name, for StackReferences. */
    stackOutputs?: Record<string, Record<string, unknown>>;
    /** Which of those outputs are secrets, by stack name: a StackReference hands them on as secrets. */
    stackSecretOutputs?: Record<string, string[]>;
    /** How values only AWS could know are filled in (default realistic). */
    placeholders?: Placeholders;
    /** Keep the SDK's stack traces during the run (slower; what registers is the same). */
    stackTraces?: boolean;
}

/**
 * Pulumi's mock engine with a record of every registration and invoke: what tests assert on and
 * what the offline plan reports. Invokes it does not know throw, so a component cannot reach AWS
 * (or silently get nothing) unnoticed.
 */
export class MockEngine {
    readonly registrations: Registration[] = [];
    readonly invokes: MockCallArgs[] = [];
    readonly hooks: { name: string; onDryRun: boolean }[] = [];

    /** Runs `program` as a stack under mocks and waits until every registration has finished. */
    static async run<T>(program: () => T | Promise<T>, options: MockRunOptions = {}): Promise<{ cloud: MockEngine; result: T }> {
        const saved = { limit: Error.stackTraceLimit, promise: debuggable.debuggablePromise, callsites: resourceClass.callsites };
        const unpatched = unpatchedForBenchmark();
        if (!options.stackTraces) {
            // The SDK records a stack trace for every promise it makes (several per output property
            // of every resource), tags each promise and tracks it for its leak report, and captures
            // a whole stack per resource for its source position, which the mock monitor ignores:
            // most of a run's time and memory (under ts-node each trace also goes through source
            // maps). Nothing reads them here; problems are reported by message.
            Error.stackTraceLimit = 0;
            // The same two steps as the original's then/catch, so registrations keep their order.
            if (!unpatched.has(SdkPatch.Promises))
                debuggable.debuggablePromise = (p: Promise<unknown>) =>
                    p
                        .then((value) => value)
                        .catch((err) => {
                            throw err;
                        });
            if (!unpatched.has(SdkPatch.Callsites)) resourceClass.callsites = () => [];
        }
        try {
            return await MockEngine.runWithMocks(program, options);
        } finally {
            Error.stackTraceLimit = saved.limit;
            debuggable.debuggablePromise = saved.promise;
            resourceClass.callsites = saved.callsites;
        }
    }

    private static async runWithMocks<T>(program: () => T | Promise<T>, options: MockRunOptions) {
        const cloud = new MockEngine();
        const stack = options.stack ?? "test";
        const region = options.config?.["aws:region"] ?? DEFAULT_REGION;
        const p = placeholderValues(options.placeholders ?? Placeholders.Realistic, region);
        await pulumi.runtime.setMocks(
            {
                newResource: (args) =>
                    args.type === "pulumi:pulumi:StackReference"
                        ? stackReference(args, options.stackOutputs ?? {}, options.stackSecretOutputs ?? {})
                        : { id: p.id(args.name), state: { ...args.inputs, ...computed(args, p) } },
                call: (args) => {
                    cloud.invokes.push(args);
                    const answer = INVOKES[args.token];
                    if (!answer) throw new Error(`unmocked invoke ${args.token}`);
                    return answer(args.inputs, region, p);
                },
            },
            "eks-hybrid",
            stack,
            false,
        );
        pulumi.runtime.setAllConfig(options.config ?? {}, options.secretKeys ?? []);
        cloud.record(pulumi.runtime.getMonitor() as any);
        const store = (state as any).getStore();
        if (!unpatchedForBenchmark().has(SdkPatch.Callbacks)) store.callbacks = recordingCallbacks(cloud.hooks);
        let result: T | undefined;
        await pulumi.runtime.runInPulumiStack(async () => {
            result = await program();
            return result as any;
        });
        await waitForRPCs();
        store.callbacks = undefined;
        return { cloud, result: result as T };
    }

    private record(monitor: {
        registerResource(req: any, cb: (err: any, res: any) => void): Promise<void>;
        registerResourceHook?: unknown;
    }) {
        // The mock monitor does not know resource hooks: this makes it an engine that takes them
        // (engineTakesHooks), and recordingCallbacks records each as it is registered.
        monitor.registerResourceHook = (_req: unknown, callback: (err: unknown, res: unknown) => void) => callback(null, {});
        const original = monitor.registerResource.bind(monitor);
        const urnName = (urn: string) => (urn ? urn.split("::").pop()! : "");
        monitor.registerResource = (req: any, callback: (err: any, res: any) => void) =>
            original(req, (err: any, res: any) => {
                if (!err) {
                    const dependencies: string[] = req.getDependenciesList();
                    const viaInputs = new Set<string>();
                    req.getPropertydependenciesMap().forEach((deps: { getUrnsList(): string[] }) => {
                        for (const urn of deps.getUrnsList()) viaInputs.add(urn);
                    });
                    this.registrations.push({
                        type: req.getType(),
                        name: req.getName(),
                        urn: res.getUrn(),
                        inputs: deserializeProperties(req.getObject()),
                        parent: urnName(req.getParent()),
                        dependsOn: dependencies.map(urnName),
                        explicitDependsOn: dependencies
                            .filter((urn) => !viaInputs.has(urn))
                            .map(urnName)
                            .sort(),
                        deleteBeforeReplace: req.getDeletebeforereplace(),
                        provider: urnName((req.getProvider() ?? "").split("::").slice(0, -1).join("::")),
                        beforeUpdateHooks: req.getHooks()?.getBeforeUpdateList() ?? [],
                        replaceOnChanges: req.getReplaceonchangesList(),
                        protect: req.getProtect() ?? false,
                        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                        ignoreChanges: req.getIgnorechangesList(),
                        retainOnDelete: req.getRetainondelete() ?? false,
                        aliases: (req.getAliasesList() ?? []).map((a: unknown) => recordedAlias(a, req.getParent())),
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
