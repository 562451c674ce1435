import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { artefactsCommand } from "../../cli/artefacts";
import { siteTeamFiles } from "../../cli/files/siteTeamFiles";
import { StackOutput, StackOutputsReader } from "../../cli/pipeline/stackOutputs";
import { IpsecMode } from "../../components/onprem/enums";
import { Site } from "../../components/site/site";
import { siteOutputs } from "../../components/site/siteOutputs";
import { siteHubArgs, siteSettings } from "../support/fixtures";
import { MockCloud } from "../support/mockCloud";

/** A deployed site stack's outputs, as the Automation API reports them: this site, rendered under mocks. */
async function deployedOutputs(): Promise<Record<string, StackOutput>> {
    const settings = siteSettings();
    settings.vpnServer.ipsecMode = IpsecMode.Userspace;
    settings.nodes = { hosts: [{ name: "munich-1", ip: "10.80.1.11" }] };
    const { result } = await MockCloud.run(
        () =>
            new Site("munich", {
                site: settings,
                hub: siteHubArgs(),
                activationExpiry: "2026-12-22T00:00:00Z",
                bgpPassword: pulumi.secret("pw"),
            }),
    );
    const outputs: Record<string, StackOutput> = {};
    for (const [name, output] of Object.entries(siteOutputs(result))) {
        const o = pulumi.output(output);
        outputs[name] = { value: await (o as any).promise(), secret: await pulumi.isSecret(o) };
    }
    return outputs;
}

class FakeReader implements StackOutputsReader {
    constructor(private readonly stacks: Record<string, Record<string, StackOutput>>) {}
    async outputs(stack: string): Promise<Record<string, StackOutput>> {
        const outputs = this.stacks[stack];
        if (!outputs) throw new Error(`no stack named '${stack}' found`);
        return outputs;
    }
}

describe("npm run artefacts: the site team's files from a deployed stack", () => {
    let out: string;
    let stacksDir: string;
    let reader: FakeReader;
    const lines: string[] = [];
    const mode = (p: string) => (fs.statSync(path.join(out, "site-munich", p)).mode & 0o777).toString(8);

    before(async function () {
        this.timeout(60_000);
        out = fs.mkdtempSync(path.join(os.tmpdir(), "artefacts-"));
        reader = new FakeReader({ "site-munich": await deployedOutputs(), hub: { clusterName: { value: "hybrid-prod" } } });
        fs.mkdirSync(path.join(out, "site-munich"), { recursive: true });
        fs.writeFileSync(path.join(out, "site-munich", "stale.txt"), "from an earlier run");
        // A site taken away (its stack file gone) left its files; a folder of the user's own stays.
        fs.mkdirSync(path.join(out, "site-paris/vpn-server"), { recursive: true });
        fs.writeFileSync(path.join(out, "site-paris/README.md"), "# site-paris: files for the site team\n");
        fs.writeFileSync(path.join(out, "site-paris/vpn-server/swanctl.conf"), "secret");
        fs.mkdirSync(path.join(out, "notes"));
        fs.writeFileSync(path.join(out, "notes/README.md"), "# my notes\n");
        stacksDir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
        for (const stack of ["hub", "site-berlin"]) fs.writeFileSync(path.join(stacksDir, `Pulumi.${stack}.yaml`), "config: {}\n");
        assert.equal(
            await artefactsCommand(["--stack", "site-munich", "--out", out, "--stacks", stacksDir], reader, (l) => lines.push(l)),
            0,
        );
    });
    after(() => {
        fs.rmSync(out, { recursive: true, force: true });
        fs.rmSync(stacksDir, { recursive: true, force: true });
    });

    it("writes the plan's layout for the site, and nothing of an earlier run", () => {
        const files = (dir: string): string[] =>
            fs
                .readdirSync(path.join(out, "site-munich", dir), { withFileTypes: true })
                .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
        assert.deepEqual(files("").sort(), [
            "MANIFEST.json",
            "README.md",
            "UPGRADE.md",
            "nodeadm/nodeconfig-munich-1.yaml",
            "nodeadm/nodeconfig.yaml",
            "router/frr.conf",
            "vpn-server/eks-hybrid-vpn-setup.service",
            "vpn-server/eks-hybrid-vpn-tunnel1.service",
            "vpn-server/eks-hybrid-vpn-tunnel2.service",
            "vpn-server/load-tunnel.sh",
            "vpn-server/setup.sh",
            "vpn-server/supervise.sh",
            "vpn-server/tunnel.sh",
            "vpn-server/tunnel1/strongswan.conf",
            "vpn-server/tunnel1/swanctl.conf",
            "vpn-server/tunnel2/strongswan.conf",
            "vpn-server/tunnel2/swanctl.conf",
            "vpn-server/updown.sh",
        ]);
        assert.equal(
            lines[0],
            `artefacts: 17 files of site-munich written to ${path.join(out, "site-munich")}/ (secret ones 0600, scripts 0700)`,
        );
    });

    it("removes the files it wrote for a stack no longer in the stack folder, and keeps the user's own", () => {
        assert.deepEqual(fs.readdirSync(out).sort(), ["notes", "site-munich"]);
        assert.deepEqual(lines.slice(1), [`removed ${path.join(out, "site-paris")}/: site-paris is no longer a stack in ${stacksDir}`]);
    });

    it("keeps keys and activation codes private and makes the scripts executable", () => {
        assert.deepEqual(
            [
                "nodeadm/nodeconfig.yaml",
                "router/frr.conf",
                "vpn-server/tunnel1/swanctl.conf",
                "vpn-server/setup.sh",
                "vpn-server/updown.sh",
                "vpn-server/tunnel1/strongswan.conf",
                "README.md",
            ].map((p) => [p, mode(p)]),
            [
                ["nodeadm/nodeconfig.yaml", "600"],
                ["router/frr.conf", "600"],
                ["vpn-server/tunnel1/swanctl.conf", "600"],
                ["vpn-server/setup.sh", "700"],
                ["vpn-server/updown.sh", "700"],
                ["vpn-server/tunnel1/strongswan.conf", "644"],
                ["README.md", "644"],
            ],
        );
    });

    it("writes the deployed values: the real keys and activation code, and says where each file goes", () => {
        assert.match(
            fs.readFileSync(path.join(out, "site-munich/vpn-server/tunnel1/swanctl.conf"), "utf8"),
            /secret = "munich_vpn_tunnel1_psk\.Secret_x+"/,
        );
        assert.match(
            fs.readFileSync(path.join(out, "site-munich/nodeadm/nodeconfig.yaml"), "utf8"),
            /activationCode: munich-activation-code/,
        );
        const readme = fs.readFileSync(path.join(out, "site-munich/README.md"), "utf8");
        assert.match(readme, /^# site-munich: files for the site team\n/);
        assert.ok(readme.includes("\n| `vpn-server/` | `/etc/eks-hybrid-vpn/` on the VPN server |\n"));
        assert.ok(readme.includes("\n| `router/frr.conf` | `/etc/frr/frr.conf` on the site router |\n"));
        const hostRow = "| `nodeadm/nodeconfig-munich-1.yaml` | `/etc/eks-hybrid/nodeConfig.yaml` on the node munich-1 (its nodeName) |";
        assert.ok(readme.includes(`\n${hostRow}\n`));
        // The AWS side's addresses are the deployed ones, where the firewall must let them in.
        assert.ok(readme.includes("from AWS's two tunnel addresses `198.18.0.1` and `198.18.0.2`, UDP 500 (IKE) and UDP 4500"));
        assert.match(
            readme,
            /\nThe SSM activation in the NodeConfigs expires 2026-12-22T00:00:00Z and has 1 registrations left: run `nodeadm init`/,
        );
        assert.doesNotMatch(readme, /Not the nodes yet/);
    });

    it("tells the site team to hold the nodes back while the hub applies no Kubernetes objects", () => {
        const files = siteTeamFiles("site-munich", { podPoolName: "", vpnServerConfig: { "setup.sh": "#!/bin/sh\n" } }, []);
        assert.match(
            files.find((f) => f.path === "README.md")!.text,
            new RegExp(
                "\\n\\*\\*Not the nodes yet\\.\\*\\* The cluster's Kubernetes objects \\(Cilium, this site's pod pool\\) are not " +
                    "applied yet: a private cluster's first deployment\\. Set up the VPN server and the router now; run " +
                    "`nodeadm init` only once the platform team says they are applied",
            ),
        );
    });

    it("names a missing stack, a stack that is not a site and a missing --stack, and writes nothing", async () => {
        const said: string[] = [];
        const run = (...argv: string[]) => artefactsCommand([...argv, "--out", out, "--stacks", stacksDir], reader, (l) => said.push(l));
        assert.equal(await run("--stack", "site-paris"), 1);
        assert.equal(await run("--stack", "hub"), 1);
        assert.equal(await run(), 1);
        assert.deepEqual(said, [
            "stack site-paris: its outputs cannot be read: no stack named 'site-paris' found",
            "stack hub has no vpnServerConfig or nodeConfig output: is it a deployed site stack? " +
                "(usage: npm run artefacts -- --stack NAME [--out DIR] [--stacks DIR])",
            "--stack is missing; usage: npm run artefacts -- --stack NAME [--out DIR] [--stacks DIR]",
        ]);
        assert.equal(fs.existsSync(path.join(out, "hub")), false);
        assert.equal(fs.existsSync(path.join(out, "site-paris")), false);
    });
});
