import * as grpc from "@grpc/grpc-js";
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import type { Registration } from "../../cli/plan/mockEngine";

/** The policy pack shipped in the repository. */
export const POLICY_PACK_DIR = path.join(__dirname, "../../policy");

/** One violation as the engine receives it. */
export interface Violation {
    policy: string;
    /** Name of the resource analysed. */
    resource: string;
    /** The policy's description, a newline, and what it reported: as the preview prints it. */
    message: string;
    enforcement: string;
}

const ENFORCEMENT = Object.fromEntries(Object.entries(analyzer.EnforcementLevel).map(([k, v]) => [v, k.toLowerCase()]));

/** Plain JSON for a protobuf Struct: unknowns and undefined dropped, secrets kept as the engine marks them. */
function struct(value: Record<string, unknown>): Struct {
    return Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
}

/**
 * The policy pack run as the Pulumi CLI runs it: the Node.js SDK's policy-pack host loads the
 * pack's `index.ts` with ts-node (type-checked) in the pack's folder and serves the Analyzer gRPC
 * service; registrations recorded by the mock engine are sent as the engine sends them in a preview.
 */
export class PolicyHost {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: AnalyzerClient,
    ) {}

    /** Starts the pack and connects to it; rejects with its stderr when it does not come up. */
    static async start(packDir = POLICY_PACK_DIR, timeoutMs = 60000): Promise<PolicyHost> {
        const host = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
        // The first argument is the engine's address, which the host drops: nothing calls back.
        const child = spawn(process.execPath, [host, "127.0.0.1:0", "."], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        child.stderr!.on("data", (d) => (stderr += d));
        const port = await new Promise<string>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`the pack did not start in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
            let stdout = "";
            child.stdout!.on("data", (d) => {
                stdout += d;
                const m = /^(\d+)\s*$/m.exec(stdout);
                if (m) {
                    clearTimeout(timer);
                    resolve(m[1]);
                }
            });
            child.on("exit", (code) => {
                clearTimeout(timer);
                reject(new Error(`the pack exited with ${code}: ${stderr}`));
            });
        });
        return new PolicyHost(child, new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()));
    }

    /** The pack's name and its policies' names with their enforcement levels. */
    async info(): Promise<{ name: string; policies: string[] }> {
        const info = await new Promise<analyzer.AnalyzerInfo>((resolve, reject) =>
            this.client.getAnalyzerInfo(new Empty(), (err, res) => (err ? reject(err) : resolve(res!))),
        );
        return {
            name: info.getName(),
            policies: info.getPoliciesList().map((p) => `${p.getName()} ${ENFORCEMENT[p.getEnforcementlevel()]}`),
        };
    }

    /** Sets the pack's policy config, as `--policy-pack-config` does. */
    async configure(config: Record<string, Record<string, unknown>>): Promise<void> {
        const req = new analyzer.ConfigureAnalyzerRequest();
        const map = req.getPolicyconfigMap();
        for (const [policy, properties] of Object.entries(config)) {
            const c = new analyzer.PolicyConfig();
            c.setEnforcementlevel(analyzer.EnforcementLevel.MANDATORY);
            c.setProperties(struct(properties));
            map.set(policy, c);
        }
        await new Promise<void>((resolve, reject) => this.client.configure(req, (err) => (err ? reject(err) : resolve())));
    }

    /** The violations the pack reports for one registered resource. */
    async analyze(r: Registration, providers: readonly Registration[] = []): Promise<Violation[]> {
        const options = new analyzer.AnalyzerResourceOptions();
        options.setProtect(r.protect);
        options.setAdditionalsecretoutputsList(r.additionalSecretOutputs);
        options.setIgnorechangesList(r.ignoreChanges);
        const req = new analyzer.AnalyzeRequest();
        req.setType(r.type);
        req.setName(r.name);
        req.setUrn(r.urn);
        req.setProperties(struct(r.inputs));
        req.setOptions(options);
        const provider = providers.find((p) => p.name === r.provider);
        if (provider) {
            const p = new analyzer.AnalyzerProviderResource();
            p.setType(provider.type);
            p.setName(provider.name);
            p.setUrn(provider.urn);
            p.setProperties(struct(provider.inputs));
            req.setProvider(p);
        }
        const res = await new Promise<analyzer.AnalyzeResponse>((resolve, reject) =>
            this.client.analyze(req, (err, out) => (err ? reject(err) : resolve(out!))),
        );
        // A resource's diagnostics carry no URN: the engine attaches them to the resource it asked about.
        return res.getDiagnosticsList().map((d) => ({
            policy: d.getPolicyname(),
            resource: r.name,
            message: d.getMessage(),
            enforcement: ENFORCEMENT[d.getEnforcementlevel()],
        }));
    }

    /** The violations over every registration of a program (providers resolved among them). */
    async analyzeAll(registrations: readonly Registration[]): Promise<Violation[]> {
        const providers = registrations.filter((r) => r.type.startsWith("pulumi:providers:"));
        const out: Violation[] = [];
        for (const r of registrations) out.push(...(await this.analyze(r, providers)));
        return out;
    }

    /** Stops the pack. */
    stop(): void {
        this.client.close();
        this.child.kill();
    }
}
