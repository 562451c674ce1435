import { strict as assert } from "assert";
import * as fs from "fs";
import { DEPLOYER_POLICY_FILE } from "../../cli/docs";
import { DEPLOYER_ACTIONS, deployerPolicy } from "../../cli/docs/deployerPolicy";
import { NodeCredentials } from "../../components/cluster/enums";
import { Hub } from "../../components/hub/hub";
import { GatewayType } from "../../components/network/enums";
import { Site } from "../../components/site/site";
import { siteHubArgs, siteSettings, validHub } from "../support/fixtures";
import { MockCloud } from "../support/mockCloud";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const hub = (change: (h: any) => void) => {
    const h = validHub();
    change(h);
    return () => new Hub("hub", h);
};

/** Every mode of the components: each resource type they can register appears in one of these. */
const MODES: Record<string, () => unknown> = {
    "private hub, virtual private gateway, SSM": hub(() => {}),
    "public hub, new transit gateway, IAM Roles Anywhere": hub((h) => {
        h.gateway = { type: "tgw" };
        h.endpointAccess = "public";
        h.publicAccessCidrs = ["203.0.113.0/24"];
        h.nodeCredentials = "iam-ra";
        h.iamRolesAnywhere = { caBundlePem: PEM };
    }),
    "public hub, cloud nodes, NAT per zone": hub((h) => {
        h.endpointAccess = "public";
        h.publicAccessCidrs = ["203.0.113.0/24"];
        h.cloudNodeGroup = {};
        h.vpc.egress = "nat-gateway-per-zone";
    }),
    "hub with custom networking": hub((h) => {
        h.customNetworking = { secondaryCidr: "100.64.0.0/16" };
        h.cloudNodeGroup = { instanceTypes: ["m6i.large"] };
    }),
    "site on a virtual private gateway": () => new Site("munich", { site: siteSettings(), hub: siteHubArgs() }),
    "site on a transit gateway": () =>
        new Site("munich", {
            site: { ...siteSettings(), nodes: { hosts: [{ name: "munich-1", ip: "10.80.1.11" }] } },
            hub: {
                ...siteHubArgs(),
                gatewayType: GatewayType.Tgw,
                gatewayId: "tgw-0hub",
                transitGatewayRouteTableId: "tgw-rtb-0hub",
                nodeCredentials: NodeCredentials.IamRolesAnywhere,
                trustAnchorArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:trust-anchor/ta",
                profileArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:profile/p",
            },
        }),
};

describe("the deployer's IAM policy (docs/iam/deployer-policy.json)", function () {
    this.timeout(120000);
    let registered: Set<string>;

    before(async () => {
        registered = new Set();
        for (const program of Object.values(MODES)) {
            const { cloud } = await MockCloud.run(program);
            for (const r of cloud.registrations)
                if (r.type.startsWith("aws:") || r.type === "eks:index:VpcCniAddon") registered.add(r.type);
        }
    });

    it("covers every AWS resource type the components register, and nothing they never do", () => {
        assert.deepEqual([...registered].filter((t) => !(t in DEPLOYER_ACTIONS)).sort(), []);
        assert.deepEqual(
            Object.keys(DEPLOYER_ACTIONS)
                .filter((t) => !registered.has(t))
                .sort(),
            [],
        );
    });

    it("is what npm run docs generates, a statement per service, within IAM's managed policy size", () => {
        const committed = fs.readFileSync(DEPLOYER_POLICY_FILE, "utf8");
        assert.equal(committed, `${JSON.stringify(deployerPolicy(), null, 2)}\n`, "run npm run docs");
        const policy = JSON.parse(committed);
        assert.equal(policy.Version, "2012-10-17");
        for (const statement of policy.Statement) {
            assert.deepEqual(Object.keys(statement), ["Sid", "Effect", "Action", "Resource"]);
            for (const action of statement.Action) assert.match(action, /^[a-z0-9-]+:[A-Z][A-Za-z]*\*?$|^[a-z0-9-]+:[A-Z][a-z]+\*$/);
        }
        // A customer managed policy holds at most 6,144 characters, whitespace not counted.
        assert.ok(JSON.stringify(policy).length <= 6144, `${JSON.stringify(policy).length} characters`);
    });
});
