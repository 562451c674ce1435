import Ajv from "ajv";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { REF_DIR } from "../config/crdSchema";

// The chart's values.schema.json: what `helm` itself enforces on the values.
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(REF_DIR, "cilium-1.18/values.schema.json"), "utf8")));

/** Every problem of `values` against the Cilium 1.18 chart's schema, as `path: message` lines. */
export function ciliumValuesErrors(values: unknown): string[] {
    if (validate(values)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || "/"}: ${e.message}`);
}

const defaults = YAML.parse(fs.readFileSync(path.join(REF_DIR, "cilium-1.18/values.yaml"), "utf8"));
const commentedKeys = new Set(
    [...fs.readFileSync(path.join(REF_DIR, "cilium-1.18/values.yaml"), "utf8").matchAll(/^\s*#\s*([A-Za-z][A-Za-z0-9]*):/gm)].map(
        (m) => m[1],
    ),
);

// Subtrees that hold Kubernetes objects (affinity, tolerations), not chart settings.
const KUBERNETES_FIELDS = new Set(["affinity", "tolerations", "nodeSelector"]);

/**
 * Value paths the chart does not know. The chart's schema allows any extra key, so a misspelt
 * setting would pass it and be ignored by the templates; this compares against values.yaml
 * (keys it sets, or documents in a comment such as `# serviceTopology: false`).
 */
export function unknownValuePaths(values: Record<string, unknown>, known: any = defaults, prefix = ""): string[] {
    const unknown: string[] = [];
    for (const [key, value] of Object.entries(values)) {
        const at = prefix ? `${prefix}.${key}` : key;
        const isKnown = known !== null && typeof known === "object" && key in known;
        if (!isKnown) {
            if (!commentedKeys.has(key)) unknown.push(at);
            continue;
        }
        if (KUBERNETES_FIELDS.has(key)) continue;
        if (value !== null && typeof value === "object" && !Array.isArray(value)) {
            unknown.push(...unknownValuePaths(value as Record<string, unknown>, known[key], at));
        }
    }
    return unknown;
}
