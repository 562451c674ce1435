import { execFile } from "child_process";
import * as https from "https";
import { SITE_LABEL_KEY } from "../../components/cilium/names";
import { kubeconfigTarget } from "../../components/cluster/kubeconfig";

/** Nodes of the cluster, by name: a site's registered ones, and those Ready. */
export interface SiteNodeLister {
    /** The nodes a site still has registered. */
    nodesOfSite(site: string): Promise<string[]>;
    /** Every node whose Ready condition is True. */
    readyNodes(): Promise<string[]>;
}

const TIMEOUT_MS = 15000;

/** The bearer token a kubeconfig user entry gives: its own, or what its exec plugin prints (`aws eks get-token`). */
function userToken(user: NonNullable<ReturnType<typeof kubeconfigTarget>["user"]>): Promise<string> {
    if (user.token) return Promise.resolve(user.token);
    const exec = user.exec;
    if (!exec) return Promise.reject(new Error("the kubeconfig's user has neither a token nor an exec plugin"));
    const env = { ...process.env, ...Object.fromEntries((exec.env ?? []).map((e) => [e.name, e.value])) };
    return new Promise((resolve, reject) =>
        execFile(exec.command, exec.args ?? [], { env, timeout: TIMEOUT_MS }, (error, stdout, stderr) => {
            if (error) return reject(new Error(`${exec.command} failed: ${(stderr || error.message).trim().split("\n")[0]}`));
            const token = JSON.parse(stdout)?.status?.token;
            return token ? resolve(token) : reject(new Error(`${exec.command} printed no status.token`));
        }),
    );
}

function getJson(url: URL, ca: Buffer | undefined, token: string): Promise<any> {
    return new Promise((resolve, reject) => {
        const request = https.get(url, { ca, headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } }, (response) => {
            let body = "";
            response.setEncoding("utf8");
            response.on("data", (chunk) => (body += chunk));
            response.on("end", () => {
                let parsed: any;
                try {
                    parsed = JSON.parse(body);
                } catch {
                    parsed = undefined;
                }
                if (response.statusCode === 200 && parsed) resolve(parsed);
                else reject(new Error(`HTTP ${response.statusCode}${parsed?.message ? `: ${parsed.message}` : ""}`));
            });
        });
        request.setTimeout(TIMEOUT_MS, () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
        request.on("error", reject);
    });
}

interface NodeList {
    items?: { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[] } }[];
}

/**
 * Lists nodes through the API a kubeconfig names (the hub's `kubeconfig` output), with the
 * credentials it names: nodes carry their site in the `eks-hybrid/site` label, set by the site's
 * NodeConfig.
 */
export function kubeconfigNodeLister(kubeconfig: string): SiteNodeLister {
    const list = async (labelSelector?: string): Promise<NonNullable<NodeList["items"]>> => {
        const { cluster, user } = kubeconfigTarget(kubeconfig);
        if (!cluster?.server) throw new Error("the kubeconfig names no API server");
        if (!user) throw new Error("the kubeconfig names no user");
        const token = await userToken(user);
        const url = new URL("/api/v1/nodes", cluster.server);
        if (labelSelector !== undefined) url.searchParams.set("labelSelector", labelSelector);
        const caData = cluster["certificate-authority-data"];
        const nodes: NodeList = await getJson(url, caData ? Buffer.from(caData, "base64") : undefined, token);
        return nodes.items ?? [];
    };
    return {
        nodesOfSite: async (site) => (await list(`${SITE_LABEL_KEY}=${site}`)).map((n) => n.metadata.name).sort(),
        readyNodes: async () =>
            (await list())
                .filter((n) => n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"))
                .map((n) => n.metadata.name)
                .sort(),
    };
}
