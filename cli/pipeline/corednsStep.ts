import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { HubArgs } from "../../components/hub/hubArgs";
import { DEFAULT_KUBERNETES_OBJECTS } from "../../components/hub/hubConfigSchema";
import { HUB_CONFIG_KEY } from "../../components/hub/validateHub";
import { StackFile } from "../stacks/stackFolder";
import { SiteNodeLister } from "./siteNodes";
import { StackOutputsReader } from "./stackOutputs";

/**
 * A hub without cloud nodes installs no coredns until a node can run it (EKS reports the add-on
 * DEGRADED and its create fails): the step waits for the first Ready node, once the hub applies
 * Kubernetes objects and while the file does not decide (`coredns` unset).
 */
export function awaitsCoredns(hub: HubArgs): boolean {
    return hub.coredns === undefined && hub.cloudNodeGroup === undefined && (hub.kubernetesObjects ?? DEFAULT_KUBERNETES_OBJECTS);
}

/**
 * Sets one key of a stack file's hub settings, keeping the file's comments and layout (the yaml
 * library's document model): the file a symlink points at, written beside it and renamed over in
 * its own mode. A file the parser has doubts about is refused, not rewritten.
 */
export function setHubKey(stacksDir: string, file: StackFile, key: string, value: unknown): void {
    const target = fs.realpathSync(path.join(stacksDir, file.file));
    const document = YAML.parseDocument(fs.readFileSync(target, "utf8"));
    if (document.errors.length > 0) throw new Error(`${document.errors[0].message.split("\n")[0]}`);
    document.setIn(["config", HUB_CONFIG_KEY, key], value);
    const text = document.toString();
    const mode = fs.statSync(target).mode & 0o777;
    const work = `${target}.new-${process.pid}`;
    try {
        fs.writeFileSync(work, text, { flag: "wx", mode });
        fs.chmodSync(work, mode);
        fs.renameSync(work, target);
    } finally {
        fs.rmSync(work, { force: true });
    }
    (file.config[HUB_CONFIG_KEY] as Record<string, unknown>)[key] = value;
}

/**
 * Before an `up`: each hub waiting for coredns whose cluster has a Ready node gets `coredns: true`
 * in its stack file (the up then installs it), said in one line to commit; a cluster not yet
 * deployed is left alone, and one whose nodes cannot be listed is said so and left waiting.
 */
export async function corednsOnceNodesReady(
    hubs: readonly StackFile[],
    stacksDir: string,
    reader: StackOutputsReader,
    listerFor: (kubeconfig: string) => SiteNodeLister,
    print: (line: string) => void,
): Promise<void> {
    for (const hub of hubs) {
        if (!awaitsCoredns(hub.config[HUB_CONFIG_KEY] as HubArgs)) continue;
        let kubeconfig: unknown;
        try {
            kubeconfig = (await reader.outputs(hub.stack)).kubeconfig?.value;
        } catch {
            continue;
        }
        if (typeof kubeconfig !== "string") continue;
        const where = path.join(stacksDir, hub.file);
        let ready: string[];
        try {
            ready = await listerFor(kubeconfig).readyNodes();
        } catch (e) {
            print(
                `${hub.stack}: coredns still waits: the cluster's nodes cannot be listed through its API ` +
                    `(${(e as Error).message.split("\n")[0]}); run where that API is reachable, or set coredns: true in ${where}`,
            );
            continue;
        }
        if (ready.length === 0) continue;
        const nodes = `${ready.length} node${ready.length === 1 ? "" : "s"} Ready (${ready.join(", ")})`;
        try {
            setHubKey(stacksDir, hub, "coredns", true);
        } catch (e) {
            print(`${hub.stack}: ${nodes}, but ${where} could not be changed (${(e as Error).message}); set coredns: true in it yourself`);
            continue;
        }
        print(
            `${hub.stack}: ${nodes}: wrote coredns: true under ${HUB_CONFIG_KEY} in ${where}, so this up installs coredns; ` +
                "commit that change",
        );
    }
}
