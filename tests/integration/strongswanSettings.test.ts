import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { IpsecMode } from "../../components/onprem/enums";
import { renderVpnServerConfig } from "../../components/onprem/vpnServerConfig";
import { DEFAULT_TUNNEL_OPTIONS } from "../../components/vpn/tunnelOptions";
import { Lab, requireLab, waitFor } from "./lab";

/**
 * Kernel mode's strongSwan drop-in, read by the real daemon the way Debian's /etc/strongswan.conf
 * includes it: charon-systemd (Debian's strongswan.service) must apply its retransmit settings.
 * They decide how fast a dead tunnel is noticed, so the test watches them act: an IKE_SA_INIT to a
 * peer that never answers gives up after 3 retransmits (about 14 s) instead of 5 (about 165 s).
 */
describe("kernel mode's strongSwan settings, as charon-systemd reads them (network namespaces)", function () {
    this.timeout(90_000);
    const lab = new Lab();

    before(function () {
        requireLab(this);
    });
    after(async () => lab.destroy());

    it("installs the drop-in where Debian's strongswan.conf reads it as charon.*, and charon-systemd applies it", async () => {
        const files = renderVpnServerConfig({
            site: "munich",
            mode: IpsecMode.Kernel,
            localId: "10.9.0.1",
            nodeCidr: "10.80.1.0/24",
            vpcCidrs: ["10.0.0.0/16"],
            tunnels: [
                {
                    outsideAddress: "10.9.0.2",
                    presharedKey: "key.One_AWS",
                    cgwInsideAddress: "169.254.10.2",
                    vgwInsideAddress: "169.254.10.1",
                },
                {
                    outsideAddress: "10.9.0.3",
                    presharedKey: "key.Two_AWS",
                    cgwInsideAddress: "169.254.10.6",
                    vgwInsideAddress: "169.254.10.5",
                },
            ],
            options: DEFAULT_TUNNEL_OPTIONS,
        });
        const dropIn = files.find((f) => f.path === "strongswan.d/eks-hybrid.conf")!;
        const setup = files.find((f) => f.path === "setup.sh")!.content;
        assert.match(
            setup,
            /\ninstall -m 0644 \/etc\/eks-hybrid-vpn\/strongswan\.d\/eks-hybrid\.conf "\$STRONGSWAN_D\/eks-hybrid\.conf"\n/,
        );
        assert.match(setup, /\nSTRONGSWAN_D="\$\{STRONGSWAN_D:-\/etc\/strongswan\.d\}"\n/);

        // Debian's strongswan.conf, with its top-level include pointing at this lab's strongswan.d.
        const root = path.join(lab.dir, "etc");
        const strongswanD = path.join(root, "strongswan.d");
        fs.mkdirSync(strongswanD, { recursive: true });
        fs.writeFileSync(
            path.join(root, "strongswan.conf"),
            [
                "charon {",
                "    load_modular = yes",
                "    plugins {",
                "        include /etc/strongswan.d/charon/*.conf",
                "    }",
                "}",
                `include ${strongswanD}/*.conf`,
                "",
            ].join("\n"),
        );
        fs.writeFileSync(path.join(strongswanD, "eks-hybrid.conf"), dropIn.content);
        const run = path.join(lab.dir, "run");
        fs.mkdirSync(run);
        fs.writeFileSync(
            path.join(strongswanD, "lab.conf"),
            [
                "charon-systemd {",
                "    filelog {",
                "        log {",
                `            path = ${run}/charon.log`,
                "            default = 1",
                "            flush_line = yes",
                "        }",
                "    }",
                "    plugins {",
                "        vici {",
                `            socket = unix://${run}/charon.vici`,
                "        }",
                "    }",
                "}",
                "",
            ].join("\n"),
        );
        fs.writeFileSync(
            path.join(root, "swanctl.conf"),
            [
                "connections {",
                "    silent {",
                "        local_addrs = 10.9.0.1",
                "        remote_addrs = 10.9.0.2",
                // swanctl.conf takes one key or brace per line.
                "        local {",
                "            auth = psk",
                "        }",
                "        remote {",
                "            auth = psk",
                "        }",
                "        children {",
                "            silent {",
                "            }",
                "        }",
                "    }",
                "}",
                "",
            ].join("\n"),
        );

        lab.addNamespace("site");
        lab.addNamespace("peer");
        lab.link("site", "wan", ["10.9.0.1/24"], "peer", "wan", ["10.9.0.2/24"]);
        lab.start("charon", "site", ["charon-systemd"], { STRONGSWAN_CONF: path.join(root, "strongswan.conf") });
        await waitFor("charon", () => fs.existsSync(path.join(run, "charon.vici")), 10_000);
        const uri = `unix://${run}/charon.vici`;
        lab.exec("site", "swanctl", "--load-all", "--file", path.join(root, "swanctl.conf"), "--uri", uri);
        const started = Date.now();
        lab.run("site", "swanctl", "--initiate", "--child", "silent", "--timeout", "1", "--uri", uri);
        const log = () => fs.readFileSync(path.join(run, "charon.log"), "utf8");
        await waitFor("charon giving up on the silent peer", () => /giving up after \d+ retransmits/.test(log()), 40_000, 200).catch(
            (e) => {
                throw new Error(`${e.message}\n${log()}`);
            },
        );
        const seconds = (Date.now() - started) / 1000;
        console.log(`      IKE_SA_INIT to a silent peer given up after ${seconds.toFixed(1)} s`);
        assert.match(log(), /giving up after 3 retransmits/);
        assert.ok(seconds < 30, `${seconds} s`);
    });
});
