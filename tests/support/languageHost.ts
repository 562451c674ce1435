import * as grpc from "@grpc/grpc-js";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engine from "@pulumi/pulumi/proto/engine_pb";
import { ResourceMonitorService } from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resource from "@pulumi/pulumi/proto/resource_pb";

/** Pulumi.yaml's runtime options the Node.js language host reads. */
export interface RuntimeOptions {
    typescript?: boolean;
    tsconfig?: string;
    nodeargs?: string;
}

/** What a start reads from Pulumi.yaml, optionally replaced (a benchmark's comparison). */
export interface ProjectOverride {
    main?: string;
    options?: RuntimeOptions;
    /** Variables set on top of the language host's, e.g. PULUMI_NODEJS_TRANSPILE_ONLY. */
    env?: Record<string, string>;
}

/** The moment the program's entry module had loaded. */
export interface LoadMark {
    /** Seconds from the process's start. */
    seconds: number;
    /** Peak resident memory until then, in MB. */
    peakRssMb: number;
}

/** What one program start under the language host's path showed. */
export interface ProgramStart {
    /** Seconds from spawning node to the program's first registration after the stack's own. */
    secondsToFirstResource: number;
    /** The process's peak resident memory at that moment (Linux VmHWM), in MB. */
    peakRssMb: number;
    /** The type of that first registration. */
    firstType: string;
    /** When the entry module (Pulumi.yaml's main) had loaded, as the process itself measured it. */
    loaded: LoadMark;
    stdout: string;
    stderr: string;
}

/**
 * The environment and arguments Pulumi's Node.js language host gives the program, from the
 * project's Pulumi.yaml as pulumi-language-nodejs reads it (`parseOptions`: `typescript` defaults
 * to true, `tsconfig` sets PULUMI_NODEJS_TSCONFIG_PATH; `constructArguments`; config keys in the
 * `<namespace>:config:<name>` form of `constructConfig`).
 */
export function languageHostCommand(
    root: string,
    stack: string,
    config: Record<string, string>,
    monitor: string,
    override: ProjectOverride = {},
): { args: string[]; env: NodeJS.ProcessEnv; main: string } {
    const project = yaml.load(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as {
        name: string;
        main?: string;
        runtime: string | { options?: RuntimeOptions };
    };
    const options = override.options ?? (typeof project.runtime === "string" ? {} : (project.runtime.options ?? {}));
    const main = override.main ?? project.main ?? ".";
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        PULUMI_CONFIG: JSON.stringify(
            Object.fromEntries(Object.entries(config).map(([k, v]) => [k.replace(/^([^:]+):/, "$1:config:"), v])),
        ),
        PULUMI_CONFIG_SECRET_KEYS: "[]",
    };
    delete env.PULUMI_NODEJS_TYPESCRIPT;
    delete env.PULUMI_NODEJS_TSCONFIG_PATH;
    delete env.PULUMI_NODEJS_TRANSPILE_ONLY;
    delete env.TS_NODE_TRANSPILE_ONLY;
    if (options.typescript ?? true) env.PULUMI_NODEJS_TYPESCRIPT = "true";
    if (options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;
    Object.assign(env, override.env);
    const runPath = require.resolve("@pulumi/pulumi/cmd/run", { paths: [root] });
    const nodeArgs = options.nodeargs ? options.nodeargs.split(/\s+/).filter(Boolean) : [];
    const args = [
        ...nodeArgs,
        runPath,
        ...["--monitor", monitor, "--engine", monitor, "--project", project.name, "--root-directory", root],
        ...["--stack", stack, "--pwd", root, "--dry-run", "--parallel", "16"],
        main,
    ];
    return { args, env, main };
}

/** The file Node loads for a program's main (a folder's index.js, else its index.ts). */
function entryFile(root: string, main: string): string {
    const full = path.resolve(root, main);
    if (!fs.statSync(full).isDirectory()) return full;
    const js = path.join(full, "index.js");
    return fs.existsSync(js) ? js : path.join(full, "index.ts");
}

/**
 * Runs a Pulumi project's program as `pulumi preview` does, through `@pulumi/pulumi/cmd/run`, with
 * a stand-in engine: a gRPC resource monitor and engine that answer each registration with its
 * inputs. Stops the program at its first registration after the root stack's: the moment the
 * program has loaded and started, which is what the start-up figures measure.
 */
export async function startProgram(
    root: string,
    stack: string,
    config: Record<string, string>,
    override: ProjectOverride = {},
    timeoutMs = 120000,
): Promise<ProgramStart> {
    const server = new grpc.Server();
    let rootUrn = "";
    let first: ((type: string) => void) | undefined;
    server.addService(EngineService, {
        log: (_call: unknown, cb: grpc.sendUnaryData<Empty>) => cb(null, new Empty()),
        getRootResource: (_call: unknown, cb: grpc.sendUnaryData<engine.GetRootResourceResponse>) =>
            cb(null, new engine.GetRootResourceResponse().setUrn(rootUrn)),
        setRootResource: (
            call: grpc.ServerUnaryCall<engine.SetRootResourceRequest, unknown>,
            cb: grpc.sendUnaryData<engine.SetRootResourceResponse>,
        ) => {
            rootUrn = call.request.getUrn();
            cb(null, new engine.SetRootResourceResponse());
        },
    });
    server.addService(ResourceMonitorService, {
        supportsFeature: (_call: unknown, cb: grpc.sendUnaryData<resource.SupportsFeatureResponse>) =>
            cb(null, new resource.SupportsFeatureResponse().setHassupport(false)),
        registerResource: (
            call: grpc.ServerUnaryCall<resource.RegisterResourceRequest, unknown>,
            cb: grpc.sendUnaryData<resource.RegisterResourceResponse>,
        ) => {
            const req = call.request;
            const res = new resource.RegisterResourceResponse()
                .setUrn(`urn:pulumi:${stack}::program::${req.getType()}::${req.getName()}`)
                .setObject(req.getObject());
            if (req.getCustom()) res.setId(`${req.getName()}-id`);
            if (req.getType() !== "pulumi:pulumi:Stack") first?.(req.getType());
            cb(null, res);
        },
        registerResourceOutputs: (_call: unknown, cb: grpc.sendUnaryData<Empty>) => cb(null, new Empty()),
    });
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    const { args, env, main } = languageHostCommand(root, stack, config, `127.0.0.1:${port}`, override);
    const markDir = fs.mkdtempSync(path.join(os.tmpdir(), "load-mark-"));
    const markFile = path.join(markDir, "mark.json");
    env.LOAD_MARK_FILE = markFile;
    env.LOAD_MARK_MODULE = entryFile(root, main);
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --require ${path.join(__dirname, "loadMark.js")}`.trim();
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    try {
        const firstType = await new Promise<string>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`no registration in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
            first = (type) => {
                clearTimeout(timer);
                resolve(type);
            };
            child.on("exit", (code) => {
                clearTimeout(timer);
                reject(new Error(`the program exited with ${code} before registering anything:\n${stdout}\n${stderr}`));
            });
        });
        const secondsToFirstResource = Number(process.hrtime.bigint() - started) / 1e9;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"));
        const mark = JSON.parse(fs.readFileSync(markFile, "utf8")) as { seconds: number; peakRssKb: number };
        return {
            secondsToFirstResource,
            peakRssMb: hwm ? Math.round(Number(hwm[1]) / 1024) : NaN,
            firstType,
            loaded: { seconds: mark.seconds, peakRssMb: Math.round(mark.peakRssKb / 1024) },
            stdout,
            stderr,
        };
    } finally {
        child.removeAllListeners("exit");
        child.kill("SIGKILL");
        server.forceShutdown();
        fs.rmSync(markDir, { recursive: true, force: true });
    }
}
