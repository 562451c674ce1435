// The key tables of docs/CONFIG.md, generated from the two things that define the stack-file
// contract: the typed schemas (type, default, what is valid) and the doc comments of the
// argument interfaces they are typed against (what a key means).
import * as path from "path";
import * as ts from "typescript";
import { PACKAGE_ROOT } from "../../components/config/packageRoot";
import { hubConfigSchema } from "../../components/hub/hubConfigSchema";
import { siteStackSchema } from "../../components/site/siteConfigSchema";

/** One row of a key table. */
export interface KeyRow {
    key: string;
    type: string;
    required: boolean;
    default?: unknown;
    meaning: string;
    valid: string;
}

/** The areas of the contract: the config key, its schema and the interface it is typed against. */
export const CONFIG_AREAS = [
    {
        name: "hub",
        title: "Hub stack: `eks-hybrid:hub`",
        schema: hubConfigSchema as object,
        file: "components/hub/hubArgs.ts",
        type: "HubArgs",
    },
    {
        name: "site",
        title: "Site stack: `eks-hybrid:site`",
        schema: siteStackSchema as object,
        file: "components/site/siteArgs.ts",
        type: "SiteStackConfig",
    },
];

/** Every key of a schema with its row; list items appear as `key[]`. */
export function keyRows(schema: any, docs: (key: string) => string, prefix = ""): KeyRow[] {
    const rows: KeyRow[] = [];
    const required: string[] = schema.required ?? [];
    for (const [name, prop] of Object.entries<any>(schema.properties ?? {})) {
        const key = prefix ? `${prefix}.${name}` : name;
        rows.push({
            key,
            type: typeName(prop),
            required: required.includes(name),
            default: prop.default,
            meaning: docs(key),
            valid: prop.description ?? "",
        });
        if (prop.type === "object" && prop.properties) rows.push(...keyRows(prop, docs, key));
        if (prop.type === "array" && prop.items?.type === "object") rows.push(...keyRows(prop.items, docs, `${key}[]`));
    }
    return rows;
}

function typeName(prop: any): string {
    if (prop.enum) return prop.enum.join(" | ");
    if (prop.type === "array") {
        const items = prop.items ?? {};
        return `list of ${items.enum ? items.enum.join(" | ") : items.type === "object" ? "maps" : `${items.type}s`}`;
    }
    if (prop.type === "object") return "map";
    return prop.type;
}

/** The doc comment of every property reachable from `typeName` in `file`, by key path. */
export function docComments(program: ts.Program, file: string, typeName: string): Map<string, string> {
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(path.join(PACKAGE_ROOT, file));
    if (!source) throw new Error(`${file} is not in the program`);
    const decl = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === typeName);
    if (!decl) throw new Error(`${file} declares no interface ${typeName}`);
    const docs = new Map<string, string>();
    const walk = (type: ts.Type, prefix: string) => {
        for (const symbol of type.getProperties()) {
            const key = prefix ? `${prefix}.${symbol.name}` : symbol.name;
            docs.set(key, ts.displayPartsToString(symbol.getDocumentationComment(checker)).replace(/\s+/g, " ").trim());
            let inner = checker.getNonNullableType(checker.getTypeOfSymbol(symbol));
            let itemKey = key;
            if (checker.isArrayType(inner)) {
                inner = checker.getTypeArguments(inner as ts.TypeReference)[0];
                itemKey = `${key}[]`;
            }
            if (inner.isClassOrInterface()) walk(inner, itemKey);
        }
    };
    walk(checker.getTypeAtLocation(decl), "");
    return docs;
}

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function shown(value: unknown): string {
    if (value === undefined) return "";
    return `\`${Array.isArray(value) ? value.join(", ") : String(value)}\``;
}

/** The generated part of docs/CONFIG.md: one table per area. */
export function configReference(): string {
    const program = ts.createProgram(
        CONFIG_AREAS.map((a) => path.join(PACKAGE_ROOT, a.file)),
        { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, skipLibCheck: true, noEmit: true, types: [] },
    );
    const out: string[] = [];
    for (const area of CONFIG_AREAS) {
        const docs = docComments(program, area.file, area.type);
        const rows = keyRows(area.schema, (key) => {
            const text = docs.get(key.replace(/\[\]$/, ""));
            if (text === undefined) throw new Error(`${area.type} has no property for schema key ${key}`);
            return text;
        });
        out.push(`### ${area.title}`, "", "| key | type | required | default | meaning | valid values |", "|---|---|---|---|---|---|");
        for (const r of rows) {
            out.push(
                `| \`${r.key}\` | ${cell(r.type)} | ${r.required ? "yes" : ""} | ${cell(shown(r.default))} | ${cell(r.meaning)} | ` +
                    `${cell(r.valid)} |`,
            );
        }
        out.push("");
    }
    return out.join("\n");
}

/** Marker before the generated part of docs/CONFIG.md. */
export const GENERATED_BEGIN = "<!-- generated by `npm run docs` from the schemas and the argument types: do not edit by hand -->";
/** Marker after the generated part of docs/CONFIG.md. */
export const GENERATED_END = "<!-- end of generated part -->";

/** docs/CONFIG.md with its generated part replaced. */
export function withReference(document: string): string {
    const begin = document.indexOf(GENERATED_BEGIN);
    const end = document.indexOf(GENERATED_END);
    if (begin < 0 || end < begin) throw new Error(`docs/CONFIG.md has no generated part between ${GENERATED_BEGIN} and ${GENERATED_END}`);
    return `${document.slice(0, begin + GENERATED_BEGIN.length)}\n\n${configReference()}\n${document.slice(end)}`;
}
