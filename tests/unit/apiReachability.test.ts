import { strict as assert } from "assert";
import * as net from "net";
import * as pulumi from "@pulumi/pulumi";
import { apiCheck, apiUnreachableReason, Dial, DialPolicy, tcpDial } from "../../components/cluster/apiReachability";
import { renderKubeconfig } from "../../components/cluster/kubeconfig";
import { Hub } from "../../components/hub/hub";
import { Site } from "../../components/site/site";
import { siteHubArgs, siteSettings, validHub } from "../support/fixtures";
import { MockCloud } from "../support/mockCloud";

const QUICK: DialPolicy = { attempts: 2, timeoutMs: 1000, pauseMs: 10 };
const ENDPOINT_HOST = "hybrid-prod.gr7.eu-central-1.eks.amazonaws.com";

const failing =
    (code: string): Dial =>
    async () => {
        throw Object.assign(new Error(code), { code });
    };

/** A port on loopback that nothing listens on. */
async function closedPort(): Promise<number> {
    const server = net.createServer().listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((r) => server.close(r));
    return port;
}

/**
 * How a run under the mock engine ends: undefined when every registration finished, or the
 * error the program failed with. A rejected input leaves its resource's registration pending
 * under mocks (the real engine ends the run); the rejection surfaces as unhandled, as it does for
 * Pulumi's program runner, which prints a RunError's message alone.
 */
async function runError(program: () => unknown): Promise<string | undefined> {
    let record: (e: any) => void = () => {};
    const failed = new Promise<string>(
        // A RunError is printed without a stack trace; anything else would be a trace to the user.
        (resolve) => (record = (e) => resolve(`${pulumi.RunError.isInstance(e) ? "RunError" : "Error"}: ${e?.message}`)),
    );
    process.on("unhandledRejection", record);
    try {
        return await Promise.race([MockCloud.run(program).then(() => undefined), failed]);
    } finally {
        process.off("unhandledRejection", record);
    }
}

describe("API reachability: the dial", () => {
    it("reports nothing once a TCP connection opens", async () => {
        const server = net.createServer((socket) => socket.destroy()).listen(0, "127.0.0.1");
        await new Promise((r) => server.once("listening", r));
        const { port } = server.address() as net.AddressInfo;
        try {
            assert.equal(await apiUnreachableReason(`https://127.0.0.1:${port}`, tcpDial, QUICK), undefined);
        } finally {
            server.close();
        }
    });

    it("names a refused connection and how often it tried", async () => {
        const port = await closedPort();
        assert.equal(await apiUnreachableReason(`https://127.0.0.1:${port}`, tcpDial, QUICK), "the connection was refused (2 attempts)");
    });

    it("says why for a name that does not resolve and for no answer", async () => {
        assert.equal(
            await apiUnreachableReason("https://x.example", failing("ENOTFOUND"), QUICK),
            "its name does not resolve here (2 attempts)",
        );
        assert.equal(
            await apiUnreachableReason("https://x.example", failing("ETIMEDOUT"), { ...QUICK, attempts: 1 }),
            "no answer within 1 s (no route to the VPC, or a security group that does not admit this network) (1 attempt)",
        );
    });

    it("tries again, dialling port 443 of the endpoint's host, and stops at the first answer", async () => {
        const calls: string[] = [];
        const dial: Dial = async (host, port) => {
            calls.push(`${host}:${port}`);
            if (calls.length === 1) throw Object.assign(new Error(), { code: "ENOTFOUND" });
        };
        assert.equal(await apiUnreachableReason(`https://${ENDPOINT_HOST}`, dial, { ...QUICK, attempts: 3 }), undefined);
        assert.deepEqual(calls, [`${ENDPOINT_HOST}:443`, `${ENDPOINT_HOST}:443`]);
    });
});

describe("API reachability: the hub and a site wait for the API before applying through it", () => {
    afterEach(() => {
        delete apiCheck.dial;
        delete apiCheck.policy;
    });

    it("the hub dials its cluster's endpoint and goes on when it answers", async () => {
        const calls: string[] = [];
        apiCheck.dial = async (host, port) => void calls.push(`${host}:${port}`);
        assert.equal(await runError(() => new Hub("hub", validHub())), undefined);
        assert.deepEqual(calls, [`${ENDPOINT_HOST}:443`]);
    });

    it("the hub fails with what to do when its private endpoint does not answer", async () => {
        apiCheck.dial = failing("ETIMEDOUT");
        apiCheck.policy = { ...QUICK, attempts: 1 };
        assert.equal(
            await runError(() => new Hub("hub", validHub())),
            'RunError: error serializing property "kubeconfig": ' +
                `The Kubernetes API at https://${ENDPOINT_HOST} is not reachable from this machine: no answer within 1 s (no route to ` +
                "the VPC, or a security group that does not admit this network) (1 attempt). With endpointAccess: private, run " +
                "pulumi up where the VPC is reachable (a runner inside it, or on a network connected over VPN or Direct Connect) " +
                "and list that network in apiAccessCidrs (default: the VPC's CIDR). Before any such network exists (a first " +
                "deployment), set kubernetesObjects: false or a bootstrap window (temporaryPublicAccessCidrs: [<your " +
                "address>/32]); docs/real-account.md has the order.",
        );
    });

    it("a hub in its bootstrap window says the window admits only its CIDRs", async () => {
        apiCheck.dial = failing("ETIMEDOUT");
        apiCheck.policy = { ...QUICK, attempts: 1 };
        const error = await runError(() => new Hub("hub", { ...validHub(), temporaryPublicAccessCidrs: ["203.0.113.7/32"] }));
        assert.match(
            error!,
            new RegExp(
                "\\(1 attempt\\)\\. The bootstrap window admits only temporaryPublicAccessCidrs: this machine's public address " +
                    "must be inside them\\. With endpointAccess: private",
            ),
        );
    });

    it("neither the hub nor its site dials the API while the hub applies no Kubernetes objects", async () => {
        const calls: string[] = [];
        apiCheck.dial = async (host, port) => {
            calls.push(`${host}:${port}`);
            throw Object.assign(new Error(), { code: "ETIMEDOUT" });
        };
        assert.equal(await runError(() => new Hub("hub", { ...validHub(), kubernetesObjects: false })), undefined);
        const hub = { ...siteHubArgs("kubeconfig"), kubernetesObjects: false };
        assert.equal(await runError(() => new Site("munich", { site: siteSettings(), hub })), undefined);
        assert.deepEqual(calls, []);
    });

    it("a site dials the API its hub's kubeconfig names, and says what to do when it does not answer", async () => {
        const kubeconfig = renderKubeconfig({
            clusterName: "hybrid-prod",
            endpoint: "https://api.hybrid.internal:8443",
            certificateAuthorityData: "Q0E=",
            region: "eu-central-1",
        });
        const calls: string[] = [];
        apiCheck.dial = async (host, port) => {
            calls.push(`${host}:${port}`);
            throw Object.assign(new Error(), { code: "ECONNREFUSED" });
        };
        apiCheck.policy = { ...QUICK, attempts: 1 };
        assert.equal(
            await runError(() => new Site("munich", { site: siteSettings(), hub: siteHubArgs(kubeconfig) })),
            'RunError: error serializing property "kubeconfig": ' +
                "The Kubernetes API at https://api.hybrid.internal:8443 is not reachable from this machine: the connection was " +
                "refused (1 attempt). A site stack applies its Cilium objects through the hub's API: run pulumi up where that " +
                "API is reachable (with a private endpoint: inside the VPC, on a connected network listed in the hub's " +
                "apiAccessCidrs, or from an address of the hub's temporaryPublicAccessCidrs while that window is open).",
        );
        assert.deepEqual(calls, ["api.hybrid.internal:8443"]);
    });
});
