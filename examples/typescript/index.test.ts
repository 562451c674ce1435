// The program's unit test under Pulumi's mocks: `npm test`.
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { MockedResource, REGION, setMocks } from "./mocks";

const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

describe("the hub and the munich site", () => {
    let registered: MockedResource[];
    let program: typeof import("./index");

    before(async () => {
        registered = setMocks();
        program = await import("./index");
    });

    it("registers the hub's cluster and the site's VPN on the hub's gateway", () => {
        const vpn = registered.find((r) => r.type === "aws:ec2/vpnConnection:VpnConnection");
        const gateway = registered.find((r) => r.type === "aws:ec2/vpnGateway:VpnGateway");
        assert.ok(registered.some((r) => r.type === "aws:eks/cluster:Cluster" && r.inputs.name === "hybrid-prod"));
        assert.equal(vpn?.inputs.vpnGatewayId, `${gateway?.name}-id`);
        assert.deepEqual(vpn?.inputs.staticRoutesOnly, true);
    });

    it("exports the tunnels' addresses and a NodeConfig for the cluster in its Region", async () => {
        assert.equal(await value(program.clusterName), "hybrid-prod");
        assert.deepEqual(await value(pulumi.output(program.tunnelAddresses)), ["198.18.0.1", "198.18.0.2"]);
        const nodeConfig = await value(program.nodeConfig);
        assert.match(nodeConfig, /name: hybrid-prod/);
        assert.match(nodeConfig, new RegExp(`region: ${REGION}`));
    });
});
