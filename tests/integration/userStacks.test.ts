import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FIXTURE_STACKS } from "../support/fixtures";

const ROOT = path.join(__dirname, "../..");
/** What the repository's own tooling leaves that a copy does without. */
const NOT_COPIED = new Set(["node_modules", "bin", "out", ".git"]);

/** A site a user adds as the runbook says: its own name, address and ranges inside the hub's supernets. */
const HAMBURG = `config:
  aws:region: eu-central-1
  eks-hybrid:kind: site
  eks-hybrid:site:
    name: hamburg
    hubStack: hub
    vpnServer: { publicIp: 203.0.113.30, asn: 65000 }
    nodeCidr: 10.80.9.0/24
    podCidr: 10.96.9.0/24
    podMaskSize: 26
    bgp: { routerAddress: 10.80.9.1, routerAsn: 65000, nodesAsn: 65010 }
    tunnels: { insideCidrs: [169.254.10.64/30, 169.254.10.68/30] }
    nodes: { count: 2 }
`;

// The unit tests read fixtures of their own; this proves it by running them in a copy of the
// repository whose stacks/ holds one more site than they know of.
describe("a site added to stacks/, as the runbook says", function () {
    this.timeout(600000);
    let copy: string;

    before(() => {
        copy = fs.mkdtempSync(path.join(os.tmpdir(), "eks-hybrid-sites-copy-"));
        for (const entry of fs.readdirSync(ROOT)) {
            if (!NOT_COPIED.has(entry)) fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
        }
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"));
        const stacks = path.join(copy, "stacks");
        fs.rmSync(stacks, { recursive: true, force: true });
        fs.cpSync(FIXTURE_STACKS, stacks, { recursive: true });
        fs.writeFileSync(path.join(stacks, "Pulumi.site-hamburg.yaml"), HAMBURG);
    });

    after(() => fs.rmSync(copy, { recursive: true, force: true }));

    it("is a valid site next to the others", () => {
        const validate = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "cli/validate.ts"], {
            cwd: copy,
            encoding: "utf8",
        });
        assert.equal(validate.status, 0, validate.stdout + validate.stderr);
        assert.match(validate.stdout, /^site-hamburg \(site hamburg of hub\): nodes 10\.80\.9\.0\/24, pods 10\.96\.9\.0\/24 \/26, /m);
    });

    it("leaves every unit test green", () => {
        const mocha = spawnSync(
            process.execPath,
            [
                path.join(ROOT, "node_modules/mocha/bin/mocha.js"),
                "--no-config",
                "-r",
                "ts-node/register/transpile-only",
                "-r",
                "tests/support/pinnedDate.ts",
                "--extension",
                "ts",
                "--timeout",
                "120000",
                "--reporter",
                "dot",
                "tests/unit/**/*.test.ts",
            ],
            { cwd: copy, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
        );
        assert.equal(mocha.status, 0, mocha.stdout.slice(-4000) + mocha.stderr.slice(-2000));
        assert.match(mocha.stdout, /\d+ passing/);
        assert.doesNotMatch(mocha.stdout, /failing/);
    });
});
