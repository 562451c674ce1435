import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as https from "https";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { kubeconfigNodeLister } from "../../cli/pipeline/siteNodes";

// The lister against a real HTTPS server on loopback with its own CA, the token from an exec
// plugin as `aws eks get-token` gives it: what the pipeline's destroy check does with the hub's kubeconfig.
describe("listing a site's nodes through the API a kubeconfig names", () => {
    let dir: string;
    let server: https.Server;
    let port: number;
    let cert: string;
    const seen: string[] = [];

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "site-nodes-"));
        execFileSync("openssl", [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"),
        ], { stdio: "ignore" }); // prettier-ignore
        cert = fs.readFileSync(path.join(dir, "cert.pem"), "utf8");
        server = https.createServer({ key: fs.readFileSync(path.join(dir, "key.pem")), cert }, (req, res) => {
            seen.push(`${req.headers.authorization} ${req.url}`);
            res.setHeader("Content-Type", "application/json");
            if (req.headers.authorization !== "Bearer t0k") {
                res.statusCode = 401;
                res.end(JSON.stringify({ kind: "Status", message: "Unauthorized" }));
                return;
            }
            const condition = (status: string) => ({
                status: {
                    conditions: [
                        { type: "MemoryPressure", status: "False" },
                        { type: "Ready", status },
                    ],
                },
            });
            const items = req.url!.includes("munich")
                ? [{ metadata: { name: "munich-2" } }, { metadata: { name: "munich-1" } }]
                : req.url === "/api/v1/nodes"
                  ? [
                        { metadata: { name: "munich-1" }, ...condition("True") },
                        { metadata: { name: "munich-2" }, ...condition("Unknown") },
                        { metadata: { name: "berlin-1" }, ...condition("True") },
                        { metadata: { name: "berlin-2" } },
                    ]
                  : [];
            res.end(JSON.stringify({ kind: "NodeList", items }));
        });
        server.listen(0, "127.0.0.1");
        await new Promise((r) => server.once("listening", r));
        port = (server.address() as net.AddressInfo).port;
    });

    after(() => {
        server.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    const kubeconfig = (token: string) =>
        YAML.stringify({
            apiVersion: "v1",
            kind: "Config",
            clusters: [
                {
                    name: "c",
                    cluster: { server: `https://127.0.0.1:${port}`, "certificate-authority-data": Buffer.from(cert).toString("base64") },
                },
            ],
            contexts: [{ name: "c", context: { cluster: "c", user: "u" } }],
            "current-context": "c",
            users: [
                {
                    name: "u",
                    user: {
                        exec: {
                            apiVersion: "client.authentication.k8s.io/v1beta1",
                            command: process.execPath,
                            args: ["-e", "process.stdout.write(JSON.stringify({ status: { token: process.env.TOKEN } }))"],
                            env: [{ name: "TOKEN", value: token }],
                        },
                    },
                },
            ],
        });

    it("asks for the nodes labelled with the site, with the exec plugin's token, trusting the kubeconfig's CA", async () => {
        seen.length = 0;
        assert.deepEqual(await kubeconfigNodeLister(kubeconfig("t0k")).nodesOfSite("munich"), ["munich-1", "munich-2"]);
        assert.deepEqual(await kubeconfigNodeLister(kubeconfig("t0k")).nodesOfSite("berlin"), []);
        assert.deepEqual(seen, [
            "Bearer t0k /api/v1/nodes?labelSelector=eks-hybrid%2Fsite%3Dmunich",
            "Bearer t0k /api/v1/nodes?labelSelector=eks-hybrid%2Fsite%3Dberlin",
        ]);
    });

    it("lists every node whose Ready condition is True, without a selector", async () => {
        seen.length = 0;
        assert.deepEqual(await kubeconfigNodeLister(kubeconfig("t0k")).readyNodes(), ["berlin-1", "munich-1"]);
        assert.deepEqual(seen, ["Bearer t0k /api/v1/nodes"]);
    });

    it("reports the API's refusal and a failing exec plugin", async () => {
        await assert.rejects(kubeconfigNodeLister(kubeconfig("wrong")).nodesOfSite("munich"), { message: "HTTP 401: Unauthorized" });
        const broken = kubeconfig("t0k").replace(process.execPath, "/nonexistent/aws");
        await assert.rejects(kubeconfigNodeLister(broken).nodesOfSite("munich"), /^Error: \/nonexistent\/aws failed: /);
    });
});
