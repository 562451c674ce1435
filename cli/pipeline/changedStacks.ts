import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { SiteStackConfig } from "../../components/site/siteArgs";
import { SITE_CONFIG_KEY } from "../../components/site/validateSite";
import { KIND_KEY, StackKind } from "../../program/stackConfig";
import { StackFile } from "../stacks/stackFolder";

// Which stacks a change touches: the stacks whose file changed, every site of a hub whose file
// changed (sites read the hub's outputs), and every stack when the package's own code changed.

/** Paths of the package whose change changes what every stack's program does. */
export const PACKAGE_CODE = [
    /^components\//,
    /^program\//,
    /^cli\//,
    /^policy\//,
    /^ref\//,
    /^bin\//,
    /^package(-lock)?\.json$/,
    /^tsconfig\.json$/,
    /^Pulumi\.yaml$/,
];

/** The files of the repository that differ from `ref`: committed, staged, changed or new (git's paths, from the top). */
export function changedFiles(ref: string, cwd: string): { root: string; files: string[] } {
    const git = (dir: string, ...args: string[]) =>
        execFileSync("git", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    let root: string;
    try {
        root = git(cwd, "rev-parse", "--show-toplevel").trim();
    } catch {
        throw new Error(`--changed-since: ${cwd} is not in a git repository`);
    }
    try {
        git(root, "rev-parse", "--verify", "--quiet", `${ref}^{commit}`);
    } catch {
        throw new Error(`--changed-since ${ref}: no such commit, branch or tag in ${root}`);
    }
    const lines = (text: string) => text.split("\n").filter((l) => l !== "");
    // Both from the top of the repository: ls-files would name paths from the current folder.
    const files = [
        ...lines(git(root, "diff", "--name-only", "--no-renames", ref, "--")),
        ...lines(git(root, "ls-files", "--others", "--exclude-standard")),
    ];
    return { root, files: [...new Set(files)].sort() };
}

/** Why each stack runs, by stack name, for the stacks a change to `files` touches; in folder order. */
export function stacksTouched(
    changed: readonly string[],
    stackFiles: readonly StackFile[],
    stacksDirFromRoot: string,
): { stacks: string[]; reasons: Map<string, string> } {
    const reasons = new Map<string, string>();
    const prefix = stacksDirFromRoot === "" || stacksDirFromRoot === "." ? "" : `${stacksDirFromRoot.replace(/\/$/, "")}/`;
    const code = changed.filter((f) => PACKAGE_CODE.some((p) => p.test(f)));
    const hubOf = (f: StackFile) => ((f.config[SITE_CONFIG_KEY] as SiteStackConfig).hubStack ?? "").split("/").pop();
    for (const f of stackFiles) {
        if (code.length > 0) reasons.set(f.stack, `the package's code changed (${code[0]}${code.length > 1 ? ", …" : ""})`);
    }
    for (const f of stackFiles) {
        if (changed.includes(`${prefix}${f.file}`) && !reasons.has(f.stack)) reasons.set(f.stack, `${f.file} changed`);
    }
    for (const hub of stackFiles.filter((f) => f.config[KIND_KEY] === StackKind.Hub && changed.includes(`${prefix}${f.file}`)))
        for (const site of stackFiles.filter((f) => f.config[KIND_KEY] === StackKind.Site && hubOf(f) === hub.stack))
            if (!reasons.has(site.stack)) reasons.set(site.stack, `its hub's ${hub.file} changed`);
    return { stacks: stackFiles.filter((f) => reasons.has(f.stack)).map((f) => f.stack), reasons };
}

/** The stacks folder as a path from the repository's top, git's way (forward slashes). */
export function fromRoot(root: string, stacksDir: string): string {
    return path.relative(fs.realpathSync(root), fs.realpathSync(stacksDir)).split(path.sep).join("/");
}
