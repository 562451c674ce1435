import * as crypto from "crypto";
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
 * The file each folder of `out/` gets last: every file's path and SHA-256. A folder without a
 * complete one (missing, unreadable, or a file that differs) was never fully written.
 */
export const MANIFEST = "MANIFEST.json";

/** The fleet's cost estimate, at the top of `out/`. */
export const COST_FILES = { markdown: "cost.md", json: "cost.json" } as const;

/** The folder of `out/` where the plan keeps each stack's digest between runs (plan/planCache.ts). */
export const PLAN_CACHE_FOLDER = ".plan-cache";

/** What the plan writes at the top of `out/`: no stack may be named like one. */
export const TOP_LEVEL_FILES: readonly string[] = [...Object.values(COST_FILES), "README.md", PLAN_CACHE_FOLDER];

const sha256 = (text: string | Buffer) => crypto.createHash("sha256").update(text).digest("hex");

/** Whether `dir` holds a manifest whose every file is there with its content. */
export function folderComplete(dir: string): boolean {
    try {
        const manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), "utf8")) as { files: Record<string, string> };
        return Object.entries(manifest.files).every(([file, hash]) => sha256(fs.readFileSync(path.join(dir, file))) === hash);
    } catch {
        return false;
    }
}

// A folder is written as `.NAME.new-PID` and renamed into place; the one it replaces is first
// renamed to `.NAME.old-PID`. A killed writer leaves those behind: recoverOutFolder tidies them.
const WORK = /^\.(.+)\.(new|old)-(\d+)$/;

/** Whether another process of that id runs (another writer may be at work in the same folder). */
export function running(pid: number): boolean {
    if (pid === process.pid) return false;
    try {
        process.kill(pid, 0);
        return true;
    } catch (e) {
        return (e as NodeJS.ErrnoException).code === "EPERM";
    }
}

/** Whether anything, a dangling symlink too, is at `p`. */
function present(p: string): boolean {
    try {
        fs.lstatSync(p);
        return true;
    } catch {
        return false;
    }
}

/**
 * Finishes what a killed writer left in `outDir` (a running writer's work is left alone). When
 * NAME is missing, the kill came between the two renames: the complete new folder goes into
 * place, else the old one back (complete or not: it is what the folder was). Otherwise the
 * leftovers are removed.
 */
export function recoverOutFolder(outDir: string): void {
    if (!fs.existsSync(outDir)) return;
    const entries = fs.readdirSync(outDir).sort();
    const work = entries.map((e) => ({ entry: e, match: WORK.exec(e) })).filter((w) => w.match && !running(Number(w.match[3])));
    // New ones first: a complete new folder wins over the old one it was to replace.
    for (const kind of ["new", "old"])
        for (const { entry, match } of work.filter((w) => w.match![2] === kind)) {
            const source = path.join(outDir, entry);
            const target = path.join(outDir, match![1]);
            const restore = !present(target) && (kind === "old" || folderComplete(source));
            if (restore) fs.renameSync(source, target);
            else fs.rmSync(source, { recursive: true, force: true });
        }
}

/** Whether `dir` is complete and holds exactly `files` (paths under `folder`), content and mode. */
function folderHolds(dir: string, files: readonly OutputFile[], folder: string): boolean {
    if (!folderComplete(dir)) return false;
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), "utf8")) as { files: Record<string, string> };
    if (Object.keys(manifest.files).length !== files.length) return false;
    return files.every((f) => {
        const rel = f.path.slice(folder.length + 1);
        const mode = f.mode ?? (f.secret ? 0o600 : 0o644);
        return manifest.files[rel] === sha256(f.text) && (fs.statSync(path.join(dir, rel)).mode & 0o777) === mode;
    });
}

/** Refuses, before anything is written, a path that leads outside `outDir` or a folder named like a file. */
function checkOutputPaths(outDir: string, files: readonly OutputFile[]): void {
    // Nothing is written or removed outside outDir, whatever a path holds (`..`, an absolute path).
    const root = path.resolve(outDir);
    const inside = root.endsWith(path.sep) ? root : root + path.sep;
    for (const f of files) {
        const target = path.resolve(root, f.path);
        const folder = path.resolve(root, f.path.split("/")[0]);
        if (!target.startsWith(inside) || folder === root || !folder.startsWith(inside))
            throw new Error(`refusing to write ${JSON.stringify(f.path)}: it leads outside ${outDir}`);
        if (WORK.test(f.path.split("/")[0]) || f.path.endsWith(`/${MANIFEST}`))
            throw new Error(`refusing to write ${JSON.stringify(f.path)}: the writer keeps that name for itself`);
    }
    const topFiles = new Set(files.filter((f) => !f.path.includes("/")).map((f) => f.path));
    for (const f of files) {
        const folder = f.path.split("/")[0];
        if (f.path.includes("/") && topFiles.has(folder))
            throw new Error(`refusing to write ${JSON.stringify(f.path)}: ${folder} is also a file of ${outDir}`);
    }
}

/** Writes one file in its mode, whatever the umask or an earlier file's mode. */
function writeFile(target: string, f: OutputFile): void {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const mode = f.mode ?? (f.secret ? 0o600 : 0o644);
    fs.writeFileSync(target, f.text, { mode });
    fs.chmodSync(target, mode);
}

/**
 * Writes files in their modes: secret ones readable by their owner only, scripts executable by it.
 * Every folder of `outDir` they go into (a stack's) is written anew and whole: into a sibling,
 * its manifest last, then renamed into place, so a folder of `outDir` is always either the
 * complete earlier one or the complete new one, and nothing of an earlier run lingers in it to be
 * applied by mistake. A folder that already holds exactly the files is not touched. Files at the
 * top are each written beside and renamed over.
 */
export function writeOutputFiles(outDir: string, files: readonly OutputFile[]): void {
    checkOutputPaths(outDir, files);
    fs.mkdirSync(outDir, { recursive: true });
    recoverOutFolder(outDir);
    const byFolder = new Map<string, OutputFile[]>();
    for (const f of files) {
        if (!f.path.includes("/")) {
            const work = path.join(outDir, `.${f.path}.new-${process.pid}`);
            writeFile(work, f);
            fs.renameSync(work, path.join(outDir, f.path));
            continue;
        }
        const folder = f.path.split("/")[0];
        if (!byFolder.has(folder)) byFolder.set(folder, []);
        byFolder.get(folder)!.push(f);
    }
    for (const [folder, inside] of byFolder) {
        // A folder already holding exactly these files, in their modes, is left as it is.
        if (folderHolds(path.join(outDir, folder), inside, folder)) continue;
        const fresh = path.join(outDir, `.${folder}.new-${process.pid}`);
        const old = path.join(outDir, `.${folder}.old-${process.pid}`);
        fs.rmSync(fresh, { recursive: true, force: true });
        const hashes: Record<string, string> = {};
        for (const f of inside) {
            const rel = f.path.slice(folder.length + 1);
            writeFile(path.join(fresh, rel), f);
            hashes[rel] = sha256(f.text);
        }
        writeFile(path.join(fresh, MANIFEST), { path: MANIFEST, text: `${JSON.stringify({ files: hashes }, null, 2)}\n`, secret: false });
        const target = path.join(outDir, folder);
        if (present(target)) fs.renameSync(target, old);
        fs.renameSync(fresh, target);
        fs.rmSync(old, { recursive: true, force: true });
    }
}

/** The file that marks a folder of `out/` as one stack's plan. */
export const PLAN_MARKER = "resources.json";

/** The first line of the README in a site's folder, written by the plan and by the artefacts command alike. */
export function siteReadmeTitle(stack: string, planned = false): string {
    if (planned)
        return (
            `# ${stack}: files for review, from the offline plan (values only AWS knows are placeholders, ` +
            `<name.attribute>); the real ones come from npm run artefacts -- --stack ${stack}`
        );
    return `# ${stack}: files for the site team`;
}

/** Whether folder `name` of `outDir` was written by this package: a plan's, or a site's files. */
function writtenByUs(outDir: string, name: string): boolean {
    if (fs.existsSync(path.join(outDir, name, MANIFEST)) || fs.existsSync(path.join(outDir, name, PLAN_MARKER))) return true;
    const readme = path.join(outDir, name, "README.md");
    const first = fs.existsSync(readme) ? fs.readFileSync(readme, "utf8").split("\n")[0] : undefined;
    return first === siteReadmeTitle(name) || first === siteReadmeTitle(name, true);
}

/**
 * Folders of `outDir` written by the plan or the artefacts command for a stack not in `stacks`:
 * left from a removed stack. Folders of the user's own are never among them.
 */
export function staleStackFolders(outDir: string, stacks: readonly string[]): string[] {
    if (!fs.existsSync(outDir)) return [];
    recoverOutFolder(outDir);
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
