import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import * as YAML from "yaml";
import { ciliumValuesErrors } from "./ciliumValuesSchema";
import { StackKind } from "../../program/stackConfig";
import { SiteOutputValues } from "../../components/site/siteOutputs";
import { OutputFile } from "../files/outputFiles";
import { siteTeamFiles } from "../files/siteTeamFiles";
import { RecordedAlias, Registration } from "./mockEngine";
import { StackRun } from "./stackRun";

/** A file of the plan: path under `out/<stack>/`, its text, and whether it holds secrets. */
export type PlanFile = OutputFile;

/** What a secret value reads as in the plan's files. */
export const REDACTED = "[secret]";

/** A value with every secret replaced by `[secret]`. */
export function redactSecrets(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(redactSecrets);
    if (value === null || typeof value !== "object") return value;
    const record = value as Record<string, unknown>;
    if (record[specialSigKey] === specialSecretSig) return REDACTED;
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, redactSecrets(v)]));
}

/**
 * The resource options a registration carried, as the engine received them (a child's inherited
 * `protect` included), under their option names: only those that are set — a flag only when true,
 * a list only when not empty — always in this order, so `{}` means every default. Resources are
 * named as in `name` and `parent`. `dependsOn` holds the explicit dependencies only, sorted (those
 * an input implies show in the inputs as `<name.attribute>`), a component standing for the custom
 * resources under it; `provider` is the explicit or inherited provider (none for the default).
 */
export interface RecordedOptions {
    dependsOn?: string[];
    protect?: true;
    deleteBeforeReplace?: true;
    ignoreChanges?: string[];
    replaceOnChanges?: string[];
    additionalSecretOutputs?: string[];
    retainOnDelete?: true;
    aliases?: RecordedAlias[];
    provider?: string;
    hooks?: { beforeUpdate: string[] };
}

/** The options of one registration as resources.json records them ({@link RecordedOptions}). */
export function recordedOptions(r: Registration): RecordedOptions {
    const nonEmpty = (list: string[] | undefined) => (list && list.length > 0 ? list : undefined);
    const options: RecordedOptions = {
        dependsOn: nonEmpty(r.explicitDependsOn),
        protect: r.protect || undefined,
        deleteBeforeReplace: r.deleteBeforeReplace || undefined,
        ignoreChanges: nonEmpty(r.ignoreChanges),
        replaceOnChanges: nonEmpty(r.replaceOnChanges),
        additionalSecretOutputs: nonEmpty(r.additionalSecretOutputs),
        retainOnDelete: r.retainOnDelete || undefined,
        aliases: r.aliases.length > 0 ? r.aliases : undefined,
        provider: r.provider || undefined,
        hooks: nonEmpty(r.beforeUpdateHooks) && { beforeUpdate: r.beforeUpdateHooks },
    };
    for (const key of Object.keys(options) as (keyof RecordedOptions)[]) if (options[key] === undefined) delete options[key];
    return options;
}

/** Every registered resource of a stack, in registration order: type, name, parent, options and inputs, secrets redacted. */
export function resourcesJson(run: StackRun): string {
    const resources = run.cloud.registrations.map((r) => ({
        type: r.type,
        name: r.name,
        parent: r.parent,
        options: recordedOptions(r),
        inputs: redactSecrets(r.inputs),
    }));
    return `${JSON.stringify(resources, null, 2)}\n`;
}

/** How many resources a stack registers (its Stack resource not counted). */
export function resourceCount(run: StackRun): number {
    return run.cloud.registrations.filter((r) => r.type !== "pulumi:pulumi:Stack").length;
}

/** The resource tree of a stack (type, name, children indented under their parent) and counts by type. */
export function resourceTree(run: StackRun): string[] {
    const regs = run.cloud.registrations;
    const children = new Map<string, Registration[]>();
    for (const r of regs) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
    const lines: string[] = [];
    const walk = (parent: string, depth: number) => {
        for (const r of children.get(parent) ?? []) {
            if (r.type === "pulumi:pulumi:Stack") continue;
            lines.push(`${"  ".repeat(depth)}${r.type} ${r.name}`);
            walk(r.name, depth + 1);
        }
    };
    const stack = regs.find((r) => r.type === "pulumi:pulumi:Stack");
    walk(stack?.name ?? "", 1);
    const counts = new Map<string, number>();
    for (const r of regs) if (r.type !== "pulumi:pulumi:Stack") counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    return [
        `${run.file.stack} (${run.kind}): ${total} resources`,
        ...lines,
        `  counts: ${[...counts]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([t, n]) => `${t} ${n}`)
            .join(", ")}`,
    ];
}

const CILIUM_KINDS = ["CiliumPodIPPool", "CiliumNodeConfig", "CiliumBGPClusterConfig", "CiliumBGPPeerConfig", "CiliumBGPAdvertisement"];

/** The rendered artefacts of a stack: what a person or a site team reads or applies. */
export function stackArtefacts(run: StackRun): PlanFile[] {
    const files: PlanFile[] = [];
    const regs = run.cloud.registrations;
    const release = regs.find((r) => r.type === "kubernetes:helm.sh/v3:Release");
    if (release) {
        const errors = ciliumValuesErrors(release.inputs.values);
        if (errors.length > 0) throw new Error(`${run.file.stack}: the Cilium values do not validate: ${errors.join("; ")}`);
        files.push({ path: "cilium/values.yaml", text: YAML.stringify(redactSecrets(release.inputs.values)), secret: false });
    }
    for (const r of regs.filter((r) => CILIUM_KINDS.some((kind) => r.type.endsWith(`:${kind}`)))) {
        const { apiVersion, kind, metadata, spec } = redactSecrets(r.inputs) as Record<string, unknown>;
        files.push({
            path: `cilium/${(kind as string).toLowerCase()}-${(metadata as { name: string }).name}.yaml`,
            text: YAML.stringify({ apiVersion, kind, metadata, spec }),
            secret: false,
        });
    }
    if (run.kind === StackKind.Site) {
        files.push(...siteTeamFiles(run.file.stack, run.outputs as Partial<SiteOutputValues>, run.secretOutputs, true));
    }
    files.push({ path: "outputs.json", text: `${JSON.stringify(redactOutputs(run), null, 2)}\n`, secret: false });
    return files;
}

/** The stack outputs, secret ones redacted (the artefacts carry what a site needs). */
function redactOutputs(run: StackRun): Record<string, unknown> {
    return Object.fromEntries(Object.entries(run.outputs).map(([k, v]) => [k, run.secretOutputs.includes(k) ? REDACTED : v]));
}
