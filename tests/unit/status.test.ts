import { strict as assert } from "assert";
import { StackStatus, StackStatusReader } from "../../cli/pipeline/stackOutputs";
import { statusCommand } from "../../cli/status";
import { ec2TunnelStates } from "../../cli/status/tunnelStates";
import { FIXTURE_STACKS } from "../support/fixtures";

const NOW = new Date("2026-12-01T12:00:00Z");

class FakeReader implements StackStatusReader {
    constructor(private readonly stacks: Record<string, StackStatus>) {}
    async ready() {}
    async status(stack: string) {
        const status = this.stacks[stack];
        if (!status) throw new Error(`no stack named '${stack}' found`);
        return status;
    }
}

const deployed = (vpn: string, addresses: [string, string], expiry: string, left: number): StackStatus => ({
    outputs: {
        vpnConnectionId: { value: vpn },
        tunnel1Address: { value: addresses[0] },
        tunnel2Address: { value: addresses[1] },
        activationExpiry: { value: expiry },
        activationRegistrationsLeft: { value: left },
    },
    lastUpdate: "2026-11-30T08:00:00.000Z",
});

const FLEET = {
    "site-munich": deployed("vpn-0munich", ["198.18.0.1", "198.18.0.2"], "2026-12-21T12:00:00Z", 1),
    "site-berlin": deployed("vpn-0berlin", ["198.18.1.1", "198.18.1.2"], "2026-12-04T12:00:00Z", 0),
};

const run = async (
    argv: string[],
    stacks: Record<string, StackStatus>,
    tunnels = ec2TunnelStates(async () => ({ send: async () => ({}) })),
) => {
    const lines: string[] = [];
    const code = await statusCommand(
        ["--stacks", FIXTURE_STACKS, ...argv],
        () => new FakeReader(stacks),
        (l) => lines.push(l),
        NOW,
        tunnels,
    );
    return { code, lines };
};

describe("npm run status: the fleet in one table", () => {
    it("lists every site from its outputs and flags an activation about to expire, exit 1", async () => {
        const { code, lines } = await run([], FLEET);
        assert.equal(code, 1);
        assert.deepEqual(lines, [
            "site    stack        tunnel 1    tunnel 2    activation expires  registrations left  pod CIDR      last update",
            "berlin  site-berlin  198.18.1.1  198.18.1.2  2026-12-04 (3 d)    0                   10.96.2.0/23  2026-11-30T08:00:00.000Z",
            "munich  site-munich  198.18.0.1  198.18.0.2  2026-12-21 (20 d)   1                   10.96.1.0/24  2026-11-30T08:00:00.000Z",
            "attention: site-berlin: its SSM activation expires in 3 days (2026-12-04): npm run pipeline -- up --sites berlin renews it",
            "1 thing needs attention",
        ]);
    });

    it("is quiet and exits 0 when nothing needs attention", async () => {
        const { code, lines } = await run(["--warn-days", "2"], FLEET);
        assert.equal(code, 0);
        assert.equal(lines.at(-1), "all sites fine");
    });

    it("adds each tunnel's live state from EC2 with --live, one call per region, and flags a tunnel that is not UP", async () => {
        const calls: unknown[] = [];
        const tunnels = ec2TunnelStates(async (region) => ({
            send: async (command: any) => {
                calls.push([region, command.input]);
                return {
                    VpnConnections: [
                        {
                            VpnConnectionId: "vpn-0munich",
                            VgwTelemetry: [
                                { OutsideIpAddress: "198.18.0.1", Status: "UP" },
                                { OutsideIpAddress: "198.18.0.2", Status: "DOWN" },
                            ],
                        },
                        {
                            VpnConnectionId: "vpn-0berlin",
                            VgwTelemetry: [
                                { OutsideIpAddress: "198.18.1.1", Status: "UP" },
                                { OutsideIpAddress: "198.18.1.2", Status: "UP" },
                            ],
                        },
                    ],
                };
            },
        }));
        const { code, lines } = await run(["--live", "--warn-days", "2"], FLEET, tunnels);
        assert.equal(code, 1);
        assert.deepEqual(calls, [["eu-central-1", { VpnConnectionIds: ["vpn-0berlin", "vpn-0munich"] }]]);
        assert.match(lines[2], /^munich  site-munich  198\.18\.0\.1 UP  198\.18\.0\.2 DOWN  /);
        assert.deepEqual(lines.slice(-2), ["attention: site-munich: tunnel 2 (198.18.0.2) is DOWN", "1 thing needs attention"]);
    });

    it("flags a site whose stack cannot be read, and an expired activation", async () => {
        const { code, lines } = await run([], {
            "site-munich": deployed("vpn-0munich", ["198.18.0.1", "198.18.0.2"], "2026-11-20T00:00:00Z", 3),
        });
        assert.equal(code, 1);
        assert.deepEqual(lines.slice(-3), [
            "attention: site-berlin: its outputs cannot be read (no stack named 'site-berlin' found): not deployed yet, or not reachable",
            "attention: site-munich: its SSM activation expired on 2026-11-20: new nodes cannot register; npm run pipeline -- up --sites " +
                "munich renews it",
            "2 things need attention",
        ]);
    });

    it("refuses a bad --warn-days before reading anything", async () => {
        const { code, lines } = await run(["--warn-days", "soon"], FLEET);
        assert.equal(code, 1);
        assert.deepEqual(lines, [
            "--warn-days soon: expected a whole number of days; usage: npm run status [-- --stacks DIR] [--live] [--warn-days N]",
        ]);
    });
});
