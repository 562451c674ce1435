// The runbooks give one order for each thing a person does, whichever document they read.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { siteTeamFiles } from "../../cli/files/siteTeamFiles";

const DOCS = path.join(__dirname, "../../docs");
const read = (file: string) => fs.readFileSync(path.join(DOCS, file), "utf8");
const runbooks = ["site-runbook.md", "real-account.md", "operations.md"];

describe("the runbooks agree", () => {
    it("store a BGP password only once the stack exists: after the pipeline's preview created it, before its up", () => {
        for (const file of ["site-runbook.md", "real-account.md", "../README.md"]) {
            const text = read(file);
            const set = text.indexOf("pulumi config set --secret eks-hybrid:bgpPassword");
            assert.ok(set > 0, file);
            const named = text.indexOf("eks-hybrid:bgpPassword");
            assert.equal(named, set + "pulumi config set --secret ".length, `${file} sets the password somewhere else first`);
            const preview = text.lastIndexOf("npm run pipeline -- preview", set);
            assert.ok(preview >= 0 && preview > text.lastIndexOf("npm run pipeline -- up", set), `${file}: no preview before the password`);
            assert.ok(text.indexOf("npm run pipeline -- up", set) > set, `${file}: no up after the password`);
        }
    });

    it("renew an SSM activation one way, nodes.activationGeneration, and --replace only as what not to do", () => {
        for (const file of runbooks) {
            for (const m of read(file).matchAll(/--replace/g)) {
                const before = read(file).slice(Math.max(0, m.index! - 40), m.index);
                assert.match(before, /Do not use `pulumi up $/, `${file}: --replace offered as a way`);
            }
        }
        assert.match(read("site-runbook.md"), /raise\s+`nodes\.activationGeneration`/);
    });

    it("hand the site team the artefacts' folder, never the plan's", () => {
        for (const file of runbooks) assert.doesNotMatch(read(file), /copy the plan's/, file);
    });
});

describe("the runbook and the site README", () => {
    it("hold the same install commands and checks of a site, command for command", () => {
        const runbook = read("site-runbook.md").replace(/\s+/g, " ");
        for (const nodeCredentials of ["ssm", "iam-ra"]) {
            // A site named <name>: the README's commands as the runbook writes them.
            const readme = siteTeamFiles(
                "site-<name>",
                {
                    nodeLabel: "eks-hybrid/site=<name>",
                    nodeCredentials,
                    nodeKubernetesVersion: "<version>",
                    vpnServerConfig: { "setup.sh": "", "strongswan.service.d/eks-hybrid.conf": "" },
                    routerConfig: "! frr\n",
                    nodeConfig: "kind: NodeConfig\n",
                    hostNodeConfigs: nodeCredentials === "iam-ra" ? { h1: "" } : undefined,
                },
                [],
            ).find((f) => f.path === "README.md")!.text;
            const commands = [
                ...[...readme.matchAll(/^ {2}`([^`]+)`$/gm)].map((m) => m[1]),
                ...[...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1].split("\n")),
            ].filter((c) => c !== "" && !c.startsWith("#") && !c.includes("<node>") && !c.startsWith("sudo apt-get"));
            assert.ok(commands.length > 10, nodeCredentials);
            // The runbook names the uplink where the README shows the default.
            const missing = commands.filter((c) => !runbook.includes(c.replace("UPLINK=eth0", "UPLINK=<uplink interface>")));
            assert.deepEqual(missing, [], nodeCredentials);
        }
    });
});
