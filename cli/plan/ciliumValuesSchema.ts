import Ajv, { ValidateFunction } from "ajv";
import standaloneCode from "ajv/dist/standalone";
import { createHash } from "crypto";
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import { REF_DIR } from "../../components/config/crdSchema";
import { parseYamlFast } from "../../components/config/fastYaml";

/** The chart's values.schema.json: what `helm` itself enforces on the values. */
export const CILIUM_VALUES_SCHEMA_FILE = path.join(REF_DIR, "cilium-1.18/values.schema.json");

/** Where the build puts the schema's validator as code, next to this module's JavaScript. */
export const PRECOMPILED_VALIDATOR = path.join(__dirname, "valuesValidator.js");

/** Ajv's options for the values schema, the same compiled at run time and precompiled. */
const ajvOptions = { allErrors: true, strict: false };

/** The schema's text and a hash of it: a precompiled validator is used only for the same text. */
function schemaSource(): { text: string; sha256: string } {
    const text = fs.readFileSync(CILIUM_VALUES_SCHEMA_FILE, "utf8");
    return { text, sha256: createHash("sha256").update(text).digest("hex") };
}

/** The values schema as a CommonJS module (Ajv's standalone code) stamped with the schema's hash. */
export function precompiledValidatorSource(): string {
    const { text, sha256 } = schemaSource();
    const ajv = new Ajv({ ...ajvOptions, code: { source: true } });
    return `${standaloneCode(ajv, ajv.compile(JSON.parse(text)))}\nmodule.exports.schemaSha256 = ${JSON.stringify(sha256)};\n`;
}

// Compiling the 150 KB schema takes about half a second; the build's precompiled validator loads
// in a few milliseconds. Run from the sources, or after ref/ changed, it is compiled here.
function loadValidator(): ValidateFunction {
    const { text, sha256 } = schemaSource();
    if (fs.existsSync(PRECOMPILED_VALIDATOR)) {
        const built = createRequire(__filename)(PRECOMPILED_VALIDATOR);
        if (built.schemaSha256 === sha256) return built as ValidateFunction;
    }
    return new Ajv(ajvOptions).compile(JSON.parse(text));
}

const validate = loadValidator();

/** Every problem of `values` against the Cilium 1.18 chart's schema, as `path: message` lines. */
export function ciliumValuesErrors(values: unknown): string[] {
    if (validate(values)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || "/"}: ${e.message}`);
}

const defaults = parseYamlFast(fs.readFileSync(path.join(REF_DIR, "cilium-1.18/values.yaml"), "utf8")) as any;
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
