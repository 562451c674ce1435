import { ChildProcess, execFileSync, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RenderedFile } from "../../components/onprem/vpnServerInputs";

/** The daemons and tools the network tests need. */
export const REQUIRED_TOOLS = [
    "ip",
    "nft",
    "charon-systemd",
    "swanctl",
    "ping",
    "gobgpd",
    "gobgp",
    "/usr/lib/frr/bgpd",
    "/usr/lib/frr/zebra",
    "vtysh",
];

/** Why the network tests cannot run here, or undefined when they can. */
export function labUnavailable(): string | undefined {
    if (process.getuid?.() !== 0) return "not root (network namespaces need root)";
    const missing = REQUIRED_TOOLS.filter((t) => spawnSync("sh", ["-c", `command -v ${t}`]).status !== 0);
    if (missing.length > 0)
        return (
            `missing ${missing.join(", ")} (apt-get install charon-systemd libcharon-extra-plugins ` +
            `libstrongswan-standard-plugins strongswan-swanctl frr gobgpd iproute2 iputils-ping nftables)`
        );
    return undefined;
}

/**
 * Skips the suite with one clear line on a developer machine that cannot run it; in CI
 * (CI=true) a missing tool or missing root fails instead.
 */
export function requireLab(suite: Mocha.Context): void {
    const why = labUnavailable();
    if (why === undefined) return;
    if (process.env.CI === "true") throw new Error(`network tests cannot run: ${why}`);
    console.log(`    skipping network tests: ${why}`);
    suite.skip();
}

/**
 * Network namespaces, links and daemons of one test run, all removed again by `destroy()` —
 * namespaces are deleted (taking their links along) and every daemon started is killed.
 * Traffic stays between these namespaces: no link leads out.
 */
let labs = 0;

export class Lab {
    // Short (interface names are built from it) and unique per lab, so labs never share a namespace.
    readonly prefix = `e${process.pid % 100000}${String.fromCharCode(97 + (labs++ % 26))}`;
    readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-"));
    private readonly namespaces: string[] = [];

    constructor() {
        // FRR drops to its own user: it must be able to pass through to its run directory.
        fs.chmodSync(this.dir, 0o711);
    }
    private readonly daemons = new Map<string, ChildProcess>();

    ns(name: string): string {
        return `${this.prefix}-${name}`;
    }

    addNamespace(name: string): void {
        execFileSync("ip", ["netns", "add", this.ns(name)]);
        this.namespaces.push(this.ns(name));
        this.exec(name, "ip", "link", "set", "lo", "up");
    }

    /** A veth pair between two namespaces, with addresses. */
    link(a: string, aDev: string, aAddrs: string[], b: string, bDev: string, bAddrs: string[]): void {
        execFileSync("ip", [
            "link",
            "add",
            `${this.prefix}t`,
            "netns",
            this.ns(a),
            "type",
            "veth",
            "peer",
            "name",
            `${this.prefix}u`,
            "netns",
            this.ns(b),
        ]);
        this.exec(a, "ip", "link", "set", `${this.prefix}t`, "name", aDev);
        this.exec(b, "ip", "link", "set", `${this.prefix}u`, "name", bDev);
        for (const addr of aAddrs) this.exec(a, "ip", "addr", "add", addr, "dev", aDev);
        for (const addr of bAddrs) this.exec(b, "ip", "addr", "add", addr, "dev", bDev);
        this.exec(a, "ip", "link", "set", aDev, "up");
        this.exec(b, "ip", "link", "set", bDev, "up");
    }

    /** Runs a command in a namespace and returns its output; throws with the output on failure. */
    exec(name: string, ...cmd: string[]): string {
        const result = spawnSync("ip", ["netns", "exec", this.ns(name), ...cmd], { encoding: "utf8", env: process.env });
        if (result.status !== 0) throw new Error(`[${name}] ${cmd.join(" ")}: exit ${result.status}\n${result.stdout}${result.stderr}`);
        return result.stdout;
    }

    /** Runs a command in a namespace and returns its exit status and output, whatever they are. */
    run(name: string, ...cmd: string[]): { status: number | null; output: string } {
        const result = spawnSync("ip", ["netns", "exec", this.ns(name), ...cmd], { encoding: "utf8" });
        return { status: result.status, output: `${result.stdout}${result.stderr}` };
    }

    /** Like exec, but returns whether it succeeded. */
    tryExec(name: string, ...cmd: string[]): boolean {
        return spawnSync("ip", ["netns", "exec", this.ns(name), ...cmd], { encoding: "utf8" }).status === 0;
    }

    /** Starts a long-running daemon in a namespace; it is killed by destroy() or stop(). */
    start(key: string, name: string, cmd: string[], env: Record<string, string> = {}): void {
        const log = fs.openSync(path.join(this.dir, `${key}.log`), "a");
        const child = spawn("ip", ["netns", "exec", this.ns(name), ...cmd], {
            env: { ...process.env, ...env },
            stdio: ["ignore", log, log],
        });
        this.daemons.set(key, child);
    }

    /** Stops a daemon started with start(): SIGTERM, or SIGKILL when `hard`. */
    async stop(key: string, hard = false): Promise<void> {
        const child = this.daemons.get(key);
        if (!child) return;
        this.daemons.delete(key);
        await killAndWait(child.pid!, hard);
    }

    /** Kills a process by the pid in a file (daemons a generated script started). */
    async killPidFile(file: string, hard = false): Promise<void> {
        if (!fs.existsSync(file)) return;
        const pid = Number(fs.readFileSync(file, "utf8").trim());
        fs.rmSync(file);
        await killAndWait(pid, hard);
    }

    /** Writes rendered files under the lab dir and returns where. */
    writeFiles(sub: string, files: RenderedFile[]): string {
        const root = path.join(this.dir, sub);
        for (const f of files) {
            fs.mkdirSync(path.dirname(path.join(root, f.path)), { recursive: true });
            fs.writeFileSync(path.join(root, f.path), f.content, { mode: f.mode });
        }
        return root;
    }

    async destroy(): Promise<void> {
        for (const key of [...this.daemons.keys()]) await this.stop(key, true);
        // Daemons started by generated scripts keep their pids under the lab dir.
        for (const pidFile of findFiles(this.dir, ".pid")) await this.killPidFile(pidFile, true);
        for (const ns of this.namespaces.splice(0)) {
            // Anything still running in the namespace goes with it.
            const pids = spawnSync("ip", ["netns", "pids", ns], { encoding: "utf8" }).stdout.split("\n").filter(Boolean);
            for (const pid of pids) spawnSync("kill", ["-9", pid]);
            spawnSync("ip", ["netns", "del", ns]);
        }
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

function findFiles(dir: string, suffix: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? findFiles(p, suffix) : e.name.endsWith(suffix) ? [p] : [];
    });
}

async function killAndWait(pid: number, hard: boolean): Promise<void> {
    // `ip netns exec` execs the command, so the pid is the daemon's own.
    try {
        process.kill(pid, hard ? "SIGKILL" : "SIGTERM");
    } catch {
        return;
    }
    for (let i = 0; i < 100; i++) {
        try {
            process.kill(pid, 0);
        } catch {
            return;
        }
        await sleep(50);
    }
    try {
        process.kill(pid, "SIGKILL");
    } catch {
        /* gone */
    }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it is true or `timeoutMs` passes; returns the milliseconds it took, or throws. */
export async function waitFor(what: string, check: () => boolean, timeoutMs: number, stepMs = 100): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
        if (check()) return Date.now() - started;
        await sleep(stepMs);
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
