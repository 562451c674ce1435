// The runbooks give one order for each thing a person does, whichever document they read.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

const DOCS = path.join(__dirname, "../../docs");
const read = (file: string) => fs.readFileSync(path.join(DOCS, file), "utf8");
const runbooks = ["site-runbook.md", "real-account.md", "operations.md"];

describe("the runbooks agree", () => {
    it("store a BGP password only once the stack exists: after the pipeline's preview created it, before its up", () => {
        for (const file of ["site-runbook.md", "real-account.md"]) {
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
    it("hold the same checks of a site, command for command", () => {
        const runbook = read("site-runbook.md").replace(/\s+/g, " ");
        for (const command of [
            "sudo swanctl --list-sas",
            "npm run status -- --live",
            'sudo vtysh -c "show bgp summary"',
            'sudo vtysh -c "show ip route bgp"',
            "cilium bgp peers",
            "sudo ./nodeadm debug -c file:///etc/eks-hybrid/nodeConfig.yaml",
            "kubectl get nodes -l eks-hybrid/site=<name> -L topology.kubernetes.io/zone",
            "sh -c 'nslookup kubernetes.default.svc.cluster.local && nc -z -w 5 kubernetes.default.svc.cluster.local 443'",
            "/etc/iam/pki/server.pem",
            "/etc/iam/pki/server.key",
            "--credential-provider ssm",
        ])
            assert.ok(runbook.includes(command), command);
    });
});
