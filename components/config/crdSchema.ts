import Ajv, { SchemaObject, ValidateFunction } from "ajv";
import * as ipaddr from "ipaddr.js";
import * as fs from "fs";
import * as path from "path";
import { parseYamlFast } from "./fastYaml";
import { PACKAGE_ROOT } from "./packageRoot";

/** The reference schemas shipped in ref/ (see ref/SOURCES.md). */
export const REF_DIR = path.join(PACKAGE_ROOT, "ref");

// CRD schemas use Kubernetes' own keywords; ajv is told they exist and carry no rule.
const ajv = new Ajv({ allErrors: true, strict: false });
for (const keyword of [
    "x-kubernetes-preserve-unknown-fields",
    "x-kubernetes-int-or-string",
    "x-kubernetes-list-type",
    "x-kubernetes-list-map-keys",
    "x-kubernetes-map-type",
    "x-kubernetes-validations",
    "x-kubernetes-embedded-resource",
]) {
    ajv.addKeyword({ keyword });
}
// The formats CRD schemas use: CIDRs are checked, integer widths are already bounded by min/max.
ajv.addFormat("cidr", (text: string) => ipaddr.isValidCIDR(text));
for (const width of ["int32", "int64"]) ajv.addFormat(width, { type: "number", validate: () => true });
ajv.addFormat("byte", /^[A-Za-z0-9+/]*={0,2}$/);
ajv.addFormat("date-time", (text: string) => !Number.isNaN(Date.parse(text)));

/**
 * Kubernetes prunes fields a structural schema does not declare, so a misspelt field is lost
 * without an error. Validation here makes every declared object closed instead, so such a
 * field fails the test that would otherwise pass.
 */
function closeObjects(schema: any): any {
    if (Array.isArray(schema)) return schema.map(closeObjects);
    if (schema === null || typeof schema !== "object") return schema;
    const out: any = {};
    for (const [k, v] of Object.entries(schema)) out[k] = closeObjects(v);
    if (out.type === "object" && out.properties && out.additionalProperties === undefined && !out["x-kubernetes-preserve-unknown-fields"]) {
        out.additionalProperties = false;
    }
    return out;
}

/** A validator for the custom resources of one CRD file: each object against its apiVersion's schema. */
export class CrdValidator {
    private readonly group: string;
    private readonly kind: string;
    private readonly versions = new Map<string, ValidateFunction>();

    constructor(file: string) {
        const crd = parseYamlFast(fs.readFileSync(path.resolve(REF_DIR, file), "utf8")) as any;
        this.group = crd.spec.group;
        this.kind = crd.spec.names.kind;
        for (const version of crd.spec.versions) {
            const schema: SchemaObject = closeObjects(version.schema.openAPIV3Schema);
            this.versions.set(`${this.group}/${version.name}`, ajv.compile(schema));
        }
    }

    /** Every problem of `object`, as `path: message` lines; empty when it is valid. */
    errors(object: any): string[] {
        if (object?.kind !== this.kind) return [`kind: ${JSON.stringify(object?.kind)} is not ${this.kind}`];
        const validate = this.versions.get(object.apiVersion);
        if (!validate)
            return [`apiVersion: ${JSON.stringify(object.apiVersion)} is not served; served: ${[...this.versions.keys()].join(", ")}`];
        if (validate(object)) return [];
        return (validate.errors ?? []).map((e) => {
            const extra = e.keyword === "additionalProperties" ? ` (${(e.params as any).additionalProperty})` : "";
            return `${e.instancePath || "/"}: ${e.message}${extra}`;
        });
    }
}
