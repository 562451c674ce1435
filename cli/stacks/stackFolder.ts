import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { parseYamlFast } from "../../components/config/fastYaml";
import { Problems } from "../../components/config/problems";
import { TOP_LEVEL_FILES } from "../files/outputFiles";

/** One stack file of a folder: `Pulumi.<stack>.yaml`. */
export interface StackFile {
    /** File name, e.g. `Pulumi.site-munich.yaml`: the prefix of every problem it has. */
    file: string;
    /** Stack name, e.g. `site-munich`. */
    stack: string;
    /** Its `config:` map. */
    config: Record<string, unknown>;
}

const STACK_FILE = /^Pulumi\.(.+)\.ya?ml$/;

/** The largest stack file read: a real one is a few kilobytes; a bigger one is a mistake or an attack. */
export const MAX_STACK_FILE_BYTES = 1024 * 1024;
/** The most values a stack file may hold once its YAML aliases are expanded (a plan serializes them all). */
export const MAX_STACK_FILE_VALUES = 100_000;

/**
 * Why the entry `file` of `dir` cannot be read as a stack file, or undefined: only a regular file
 * (a symlink to one is fine) of at most MAX_STACK_FILE_BYTES is read, so a folder, a dangling or
 * looping symlink or a FIFO gets a one-line problem instead of a crash or a hang.
 */
function unreadableStackFile(dir: string, file: string): string | undefined {
    let stat: fs.Stats;
    try {
        stat = fs.statSync(path.join(dir, file));
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "ENOENT") return "is a symlink to nothing; point it at a stack file or remove it";
        if (code === "ELOOP") return "is a symlink loop; point it at a stack file or remove it";
        return `cannot be read (${code ?? (e as Error).message})`;
    }
    if (!stat.isFile()) {
        const what = stat.isDirectory() ? "a folder" : stat.isFIFO() ? "a FIFO" : stat.isSocket() ? "a socket" : "not a regular file";
        return `is ${what}, not a stack file; a stack file is a regular file`;
    }
    if (stat.size > MAX_STACK_FILE_BYTES)
        return `is ${stat.size} bytes, more than the ${MAX_STACK_FILE_BYTES} a stack file may have (they are a few kilobytes)`;
    return undefined;
}

/**
 * How many values `value` holds with every YAML alias expanded, counted without expanding (a
 * repeated reference counts each time), stopping once past `limit`.
 */
function expandedValues(value: unknown, limit: number, sizes = new Map<object, number>()): number {
    if (value === null || typeof value !== "object") return 1;
    const known = sizes.get(value);
    if (known !== undefined) return known;
    let total = 1;
    for (const child of Object.values(value)) {
        total += expandedValues(child, limit, sizes);
        if (total > limit) break;
    }
    sizes.set(value, total);
    return total;
}

/**
 * Why `name` is not a stack name Pulumi accepts, or undefined: letters, digits, -, _ and ., at
 * most 100 characters, not `.` or `..` (the name becomes a folder of out/, and `..` would be its
 * parent).
 */
export function stackNameProblem(name: string): string | undefined {
    if (/^[A-Za-z0-9_.-]{1,100}$/.test(name) && name !== "." && name !== "..") return undefined;
    return (
        `${JSON.stringify(name)} is not a stack name: use 1 to 100 letters, digits, -, _ and ., not . or .., ` +
        "such as site-munich"
    );
}

/** YAML files and near misses of the naming scheme (`pulumi.x.yaml`, `Pulumi.x.yaml.bak`). */
function looksLikeStackFile(file: string): boolean {
    return /\.ya?ml$/i.test(file) || /^pulumi\./i.test(file);
}

/** The stack names of the stack files in `dir` (none when it is not a folder). */
export function stackNamesIn(dir: string): string[] {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
    return fs
        .readdirSync(dir)
        .map((f) => STACK_FILE.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/** Reads every stack file of `dir`, in name order; unreadable files become problems. */
export function loadStackFolder(dir: string, problems: Problems): StackFile[] {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
        problems.add(dir, "is not a folder; --stacks takes the folder that holds the Pulumi.<stack>.yaml files");
        return [];
    }
    const files: StackFile[] = [];
    for (const file of fs.readdirSync(dir).sort()) {
        const match = STACK_FILE.exec(file);
        if (!match) {
            if (looksLikeStackFile(file)) {
                problems.add(
                    file,
                    `looks like a stack file but is not named Pulumi.<stack>.yaml, so Pulumi and these commands would not read it; ` +
                        `rename it to Pulumi.<stack>.yaml or move it out of ${dir}`,
                );
            }
            continue;
        }
        const nameProblem = stackNameProblem(match[1]);
        if (nameProblem) {
            problems.add(file, `its stack name ${nameProblem}; rename the file to Pulumi.<stack>.yaml with such a name`);
            continue;
        }
        if (TOP_LEVEL_FILES.includes(match[1])) {
            problems.add(
                file,
                `its stack name ${JSON.stringify(match[1])} is the name of what the plan writes at the top of out/ ` +
                    `(${TOP_LEVEL_FILES.join(", ")}); rename the file to Pulumi.<stack>.yaml with another name`,
            );
            continue;
        }
        const unreadable = unreadableStackFile(dir, file);
        if (unreadable) {
            problems.add(file, unreadable);
            continue;
        }
        const stack = parseStackFile(file, fs.readFileSync(path.join(dir, file), "utf8"), problems);
        if (stack) files.push({ ...stack, stack: match[1] });
    }
    if (files.length === 0 && problems.all.length === 0) {
        problems.add(dir, "holds no Pulumi.<stack>.yaml files");
    }
    return files;
}

/** Parses one stack file's text. */
export function parseStackFile(file: string, text: string, problems: Problems): Omit<StackFile, "stack"> | undefined {
    let parsed: any;
    try {
        parsed = parseYamlFast(text);
    } catch {
        // yaml has the last word, and its message for a mistake is one line naming line and column.
        const doc = YAML.parseDocument(text);
        if (doc.errors.length > 0) {
            problems.add(file, `is not valid YAML: ${doc.errors[0].message.split("\n")[0].replace(/:$/, "")}`);
            return undefined;
        }
        try {
            parsed = doc.toJS({ maxAliasCount: 1000 });
        } catch (e) {
            problems.add(file, `is not a stack file Pulumi reads: ${(e as Error).message.split("\n")[0]}`);
            return undefined;
        }
    }
    if (expandedValues(parsed, MAX_STACK_FILE_VALUES) > MAX_STACK_FILE_VALUES) {
        problems.add(file, `holds more than ${MAX_STACK_FILE_VALUES} values once its YAML aliases are expanded; write the values out`);
        return undefined;
    }
    const config = (parsed ?? {}).config;
    if (config === null || typeof config !== "object" || Array.isArray(config)) {
        problems.add(`${file}: config`, "missing; a stack file holds a config: map");
        return undefined;
    }
    return { file, config };
}
