import { strict as assert } from "assert";
import { Site } from "../../components/site/site";
import { awsRefusal, changeKind, changedInputs, ChangeKind, dependentChange, replacementSteps } from "../support/changeModel";
import { siteHubArgs, siteSettings } from "../support/fixtures";
import { MockCloud, Registration } from "../support/mockCloud";

const CGW = "aws:ec2/customerGateway:CustomerGateway";
const VPN = "aws:ec2/vpnConnection:VpnConnection";

async function plan(change: (s: any) => void = () => {}) {
    const site = siteSettings();
    change(site);
    const { cloud } = await MockCloud.run(() => new Site("munich", { site, hub: siteHubArgs(), activationExpiry: "2026-12-22T00:00:00Z" }));
    return cloud;
}

describe("a deployed site's VPN server changes its public IP, ASN or device name", () => {
    for (const [what, change, inputs] of [
        ["a new public IP", (s: any) => (s.vpnServer.publicIp = "198.51.100.77"), ["ipAddress"]],
        ["a new ASN", (s: any) => (s.vpnServer.asn = 65001), ["bgpAsn"]],
        ["a new device name", (s: any) => (s.vpnServer.deviceName = "munich-vpn-2"), ["deviceName", "tags"]],
    ] as const) {
        it(`${what}: a new customer gateway first, the VPN connection moved to it in place, the old gateway deleted last`, async () => {
            const [before, after] = [await plan(), await plan(change)];
            const [oldGateway, newGateway] = [before.ofType(CGW)[0], after.ofType(CGW)[0]];
            assert.deepEqual(changedInputs(oldGateway, newGateway), [...inputs]);
            assert.equal(changeKind(oldGateway, newGateway), ChangeKind.Replace);
            assert.equal(newGateway.deleteBeforeReplace, false);

            const vpn = after.ofType(VPN)[0];
            const readers = after.registrations.filter((r: Registration) => r.dependsOn.includes(newGateway.name));
            assert.deepEqual(
                readers.map((r) => r.name),
                [vpn.name],
            );
            // The connection keeps its outside addresses and keys: customerGatewayId is updated in place.
            assert.deepEqual(dependentChange(vpn, "munich-gateway-cgw-id"), { kind: ChangeKind.Update, inputs: ["customerGatewayId"] });
            const steps = replacementSteps(newGateway, readers);
            assert.deepEqual(steps, ["create munich-gateway-cgw", "update munich-vpn-vpn", "delete munich-gateway-cgw (old)"]);
            assert.equal(awsRefusal(steps, "munich-gateway-cgw", "munich-vpn-vpn"), undefined);
        });
    }

    it("would be refused by AWS with delete-before-replace: the old gateway is still in use (the model can fail)", async () => {
        const gateway = { ...(await plan()).ofType(CGW)[0], deleteBeforeReplace: true };
        const steps = replacementSteps(gateway, [{ ...gateway, name: "munich-vpn-vpn" }]);
        assert.equal(
            awsRefusal(steps, "munich-gateway-cgw", "munich-vpn-vpn"),
            "delete munich-gateway-cgw: refused, VPN connection munich-vpn-vpn still uses it",
        );
    });
});
