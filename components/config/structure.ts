import Ajv, { ErrorObject, SchemaObject } from "ajv";
import { Problems, show } from "./problems";

// One compiler for the process; every schema is compiled once and cached by ajv.
const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, useDefaults: false });

/**
 * Checks `value` against a JSON schema whose every property carries a `description` phrased as
 * what would be valid ("an IPv4 CIDR such as 10.0.0.0/16"). Each error becomes one problem
 * keyed by its config path (`root.vpc.cidr`, `root.remoteNodeNetworks[0]`).
 */
export function checkStructure(schema: object, value: unknown, root: string, problems: Problems): void {
    const id = (schema as SchemaObject).$id;
    const validate = (id === undefined ? undefined : ajv.getSchema(id)) ?? ajv.compile(withoutNullable(schema));
    if (validate(value)) return;
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
        const problem = toProblem(error, root);
        if (!problem || seen.has(problem.key)) continue;
        seen.add(problem.key);
        problems.add(problem.key, problem.message);
    }
}

/**
 * The schemas are typed with ajv's JSONSchemaType, which marks every optional key `nullable`.
 * A stack file never needs null (leaving a key out is how it is unset), so null stays an error.
 */
function withoutNullable(schema: unknown): any {
    if (Array.isArray(schema)) return schema.map(withoutNullable);
    if (schema === null || typeof schema !== "object") return schema;
    return Object.fromEntries(
        Object.entries(schema)
            .filter(([k]) => k !== "nullable")
            .map(([k, v]) => [k, withoutNullable(v)]),
    );
}

function toProblem(error: ErrorObject, root: string): { key: string; message: string } | undefined {
    const key = keyOf(root, error.instancePath);
    const parent = (error.parentSchema ?? {}) as SchemaObject;
    switch (error.keyword) {
        case "required": {
            const name = (error.params as { missingProperty: string }).missingProperty;
            return { key: `${key}.${name}`, message: `missing; expected ${expected(parent.properties?.[name])}` };
        }
        case "additionalProperties": {
            const name = (error.params as { additionalProperty: string }).additionalProperty;
            const valid = Object.keys(parent.properties ?? {}).join(", ");
            return { key: `${key}.${name}`, message: `unknown key; valid keys: ${valid}` };
        }
        case "enum":
            return { key, message: `${show(error.data)} is not valid; use one of: ${(error.schema as unknown[]).join(", ")}` };
        case "type":
            // A fraction where a count or an ASN belongs: say what is wrong with it, not what it is.
            if (parent.type === "integer" && typeof error.data === "number") {
                return { key, message: `${show(error.data)} is not a whole number; expected ${expected(parent)}` };
            }
            return { key, message: `${show(error.data)} is ${kindOf(error.data)}; expected ${expected(parent)}` };
        default:
            return { key, message: `${show(error.data)} is not valid; expected ${expected(parent)}` };
    }
}

function expected(schema: SchemaObject | undefined): string {
    return schema?.description ?? "a value of the documented form";
}

function kindOf(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "object") return "a map";
    return `a ${typeof value}`;
}

/** `/vpc/cidr` → `root.vpc.cidr`; `/remoteNodeNetworks/0` → `root.remoteNodeNetworks[0]`. */
function keyOf(root: string, pointer: string): string {
    return pointer
        .split("/")
        .slice(1)
        .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce((key, part) => (/^\d+$/.test(part) ? `${key}[${part}]` : `${key}.${part}`), root);
}
