import * as fs from "fs";
import * as path from "path";

/** A file the commands write: path under the out folder, its text, and whether it holds secrets. */
export interface OutputFile {
    path: string;
    text: string;
    secret: boolean;
    /** The file's mode when it is not simply 0600 (secret) or 0644: scripts are 0700. */
    mode?: number;
}

/**
 * Writes files in their modes: secret ones readable by their owner only, scripts executable by it.
 * Every folder of `outDir` they go into (a stack's) is written anew: nothing of an earlier run may
 * linger next to the new files and be applied by mistake.
 */
export function writeOutputFiles(outDir: string, files: readonly OutputFile[]): void {
    // Nothing is written or removed outside outDir, whatever a path holds (`..`, an absolute path).
    const root = path.resolve(outDir);
    const inside = root.endsWith(path.sep) ? root : root + path.sep;
    for (const f of files) {
        const target = path.resolve(root, f.path);
        const folder = path.resolve(root, f.path.split("/")[0]);
        if (!target.startsWith(inside) || folder === root || !folder.startsWith(inside))
            throw new Error(`refusing to write ${JSON.stringify(f.path)}: it leads outside ${outDir}`);
    }
    const folders = new Set(files.filter((f) => f.path.includes("/")).map((f) => f.path.split("/")[0]));
    for (const folder of folders) fs.rmSync(path.join(outDir, folder), { recursive: true, force: true });
    for (const f of files) {
        const target = path.join(outDir, f.path);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const mode = f.mode ?? (f.secret ? 0o600 : 0o644);
        fs.writeFileSync(target, f.text, { mode });
        // The umask may have taken bits away, and an existing file keeps its old mode: set it.
        fs.chmodSync(target, mode);
    }
}

/** The file that marks a folder of `out/` as one stack's plan. */
export const PLAN_MARKER = "resources.json";

/** The first line of the README in a site's folder, written by the plan and by the artefacts command alike. */
export function siteReadmeTitle(stack: string): string {
    return `# ${stack}: files for the site team`;
}

/** Whether folder `name` of `outDir` was written by this package: a plan's, or a site's files. */
function writtenByUs(outDir: string, name: string): boolean {
    if (fs.existsSync(path.join(outDir, name, PLAN_MARKER))) return true;
    const readme = path.join(outDir, name, "README.md");
    return fs.existsSync(readme) && fs.readFileSync(readme, "utf8").split("\n")[0] === siteReadmeTitle(name);
}

/**
 * Folders of `outDir` written by the plan or the artefacts command for a stack not in `stacks`:
 * left from a removed stack. Folders of the user's own are never among them.
 */
export function staleStackFolders(outDir: string, stacks: readonly string[]): string[] {
    if (!fs.existsSync(outDir)) return [];
    return fs
        .readdirSync(outDir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !stacks.includes(e.name) && writtenByUs(outDir, e.name))
        .map((e) => e.name)
        .sort();
}

/** Removes the folders {@link staleStackFolders} finds and says so, one line each. */
export function removeStaleStackFolders(outDir: string, stacks: readonly string[], stacksDir: string, print: (line: string) => void): void {
    for (const stale of staleStackFolders(outDir, stacks)) {
        fs.rmSync(path.join(outDir, stale), { recursive: true, force: true });
        print(`removed ${path.join(outDir, stale)}/: ${stale} is no longer a stack in ${stacksDir}`);
    }
}
