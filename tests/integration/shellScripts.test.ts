import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { IpsecMode } from "../../components/onprem/enums";
import { renderVpnServerConfig } from "../../components/onprem/vpnServerConfig";
import { TunnelEndpoint } from "../../components/onprem/vpnServerInputs";
import { DEFAULT_TUNNEL_OPTIONS } from "../../components/vpn/tunnelOptions";

const real = (n: 1 | 2): TunnelEndpoint => ({
    outsideAddress: `198.18.0.${n}`,
    presharedKey: `key.${n}_of_AWS`,
    cgwInsideAddress: `169.254.10.${4 * n - 2}`,
    vgwInsideAddress: `169.254.10.${4 * n - 3}`,
});
const placeholder = (n: 1 | 2): TunnelEndpoint => ({
    outsideAddress: `<munich-vpn-vpn.tunnel${n}Address>`,
    presharedKey: `<munich-vpn-tunnel${n}-psk.result>`,
    cgwInsideAddress: `<munich-vpn-vpn.tunnel${n}CgwInsideAddress>`,
    vgwInsideAddress: `<munich-vpn-vpn.tunnel${n}VgwInsideAddress>`,
});

describe("the VPN server's scripts under shellcheck (POSIX sh)", function () {
    before(function () {
        if (spawnSync("sh", ["-c", "command -v shellcheck"]).status === 0) return;
        if (process.env.CI === "true") throw new Error("shellcheck is missing (apt-get install shellcheck)");
        console.log("    skipping: shellcheck is missing (apt-get install shellcheck)");
        this.skip();
    });

    for (const mode of [IpsecMode.Kernel, IpsecMode.Userspace])
        for (const [what, tunnel] of [
            ["AWS's values", real],
            ["the offline plan's placeholders", placeholder],
        ] as const)
            it(`finds nothing in ${mode} mode's scripts with ${what}`, () => {
                const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shellcheck-"));
                const files = renderVpnServerConfig({
                    site: "munich",
                    mode,
                    localId: "203.0.113.10",
                    nodeCidr: "10.80.1.0/24",
                    vpcCidrs: ["10.0.0.0/16", "100.64.0.0/16"],
                    otherSiteCidrs: ["10.81.0.0/16"],
                    podCidr: "10.96.1.0/24",
                    podRouter: "10.80.1.1",
                    tunnels: [tunnel(1), tunnel(2)],
                    options: DEFAULT_TUNNEL_OPTIONS,
                }).filter((f) => f.path.endsWith(".sh"));
                assert.ok(files.length >= 2);
                const paths = files.map((f) => {
                    const p = path.join(dir, f.path);
                    fs.writeFileSync(p, f.content);
                    return p;
                });
                const result = spawnSync("shellcheck", ["--shell=sh", "--severity=info", ...paths], { encoding: "utf8" });
                fs.rmSync(dir, { recursive: true });
                assert.equal(result.stdout, "");
                assert.equal(result.status, 0);
            });
});
