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

/** Edits (insert, delete, replace, swap two neighbours) between two words, case ignored. */
function editDistance(a: string, b: string): number {
    const [x, y] = [a.toLowerCase(), b.toLowerCase()];
    const d = Array.from({ length: x.length + 1 }, (_, i) =>
        Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
    );
    for (let i = 1; i <= x.length; i++)
        for (let j = 1; j <= y.length; j++) {
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
            if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[x.length][y.length];
}

/**
 * The valid key a misspelt one most likely meant: the only one within two edits (one for short
 * keys), or none when no key is that close or two are equally close.
 */
export function closestKey(name: string, keys: readonly string[]): string | undefined {
    const limit = name.length <= 4 ? 1 : 2;
    const scored = keys.map((k) => ({ k, d: editDistance(name, k) })).filter((s) => s.d <= limit);
    const best = Math.min(...scored.map((s) => s.d));
    const winners = scored.filter((s) => s.d === best);
    return winners.length === 1 ? winners[0].k : undefined;
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
            const keys = Object.keys(parent.properties ?? {});
            const near = closestKey(name, keys);
            return {
                key: `${key}.${name}`,
                message: `unknown key${near ? `; did you mean ${near}?` : ""}; valid keys: ${keys.join(", ")}`,
            };
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
