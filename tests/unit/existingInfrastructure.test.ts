import { strict as assert } from "assert";
import * as YAML from "yaml";
import { ConfigError } from "../../components/config/problems";
import { checkExistingInfrastructure, ExistingInfrastructureLookup, FoundEndpoint } from "../../components/hub/existingInfrastructure";
import { Hub } from "../../components/hub/hub";
import { HubArgs } from "../../components/hub/hubArgs";
import { parseHubConfig } from "../../components/hub/validateHub";
import { runProgramStopping } from "../support/programRun";
import { validHub } from "../support/fixtures";
import { ACCOUNT, MockCloud, REGION } from "../support/mockCloud";

const H = "eks-hybrid:hub";
const OTHER_ACCOUNT = "210987654321";
const EXISTING_VPC = { cidr: "10.1.0.0/16", id: "vpc-0abc", privateSubnetIds: ["subnet-01", "subnet-02"], routeTableIds: ["rtb-01"] };

function hub(change: (h: any) => void): HubArgs {
    const h = validHub();
    change(h);
    return parseHubConfig(h);
}

/** AWS as a participant of a shared transit gateway sees it: the deployer's account, who owns what, which endpoints exist. */
function lookup(
    owners: Record<string, string>,
    endpoints: Record<string, FoundEndpoint> = {},
): ExistingInfrastructureLookup & { asked: string[] } {
    const asked: string[] = [];
    return {
        asked,
        accountId: async () => ACCOUNT,
        transitGatewayOwner: async (id) => (asked.push(`owner ${id}`), owners[id]),
        interfaceEndpoint: async (vpcId, service) => (asked.push(`endpoint ${vpcId} ${service}`), endpoints[service]),
    };
}

const messages = async (h: HubArgs, l: ExistingInfrastructureLookup) =>
    (await checkExistingInfrastructure(h, H, l)).map((p) => `${p.key}: ${p.message}`);

describe("a transit gateway shared from another account (AWS RAM)", () => {
    const shared = (h: any) => (h.gateway = { type: "tgw", id: "tgw-0abc123" });

    it("refuses one another account owns, before anything registers, saying what would work", async () => {
        assert.deepEqual(await messages(hub(shared), lookup({ "tgw-0abc123": OTHER_ACCOUNT })), [
            `${H}.gateway.id: "tgw-0abc123" belongs to account ${OTHER_ACCOUNT}, not to ${ACCOUNT} that deploys: a transit gateway ` +
                "shared through AWS RAM takes VPN attachments only in its owner's account, and no other account may change its " +
                `route tables; deploy the hub and its sites with credentials of ${OTHER_ACCOUNT}, or remove gateway.id so the hub ` +
                "creates a transit gateway of its own",
        ]);
    });

    it("takes the owner from gateway.ownerAccountId without asking, and accepts this account's own", async () => {
        const stated = lookup({});
        const ownedElsewhere = hub((h) => (h.gateway = { type: "tgw", id: "tgw-0abc123", ownerAccountId: OTHER_ACCOUNT }));
        assert.match((await messages(ownedElsewhere, stated))[0], /^eks-hybrid:hub\.gateway\.ownerAccountId: "tgw-0abc123" belongs to/);
        assert.deepEqual(stated.asked, []);
        assert.deepEqual(await messages(hub(shared), lookup({ "tgw-0abc123": ACCOUNT })), []);
        assert.deepEqual(await messages(hub(shared), lookup({})), [
            `${H}.gateway.id: "tgw-0abc123" is not a transit gateway account ${ACCOUNT} can see in this region; ` +
                "check the id and aws:region",
        ]);
    });

    it("stops the hub stack's program with the report and registers nothing", async () => {
        const config = {
            "eks-hybrid:kind": "hub",
            "eks-hybrid:hub": JSON.stringify({ ...validHub(), gateway: { type: "tgw", id: "tgw-0abc123", ownerAccountId: OTHER_ACCOUNT } }),
        };
        const { error, registered } = await runProgramStopping({ config, stack: "hub" });
        assert.equal(error?.constructor.name, "RunError");
        assert.match(
            error!.message,
            /^stack hub: what the hub takes as existing: 1 problem\n {2}- eks-hybrid:hub\.gateway\.ownerAccountId: /,
        );
        assert.deepEqual(registered, []);
    });

    it("says when AWS could not be asked, instead of advice that rests on a guess", async () => {
        const denied: ExistingInfrastructureLookup = {
            accountId: async () => ACCOUNT,
            transitGatewayOwner: async () => {
                throw new Error("UnauthorizedOperation: You are not authorized to perform this operation.\nstatus code: 403");
            },
            interfaceEndpoint: async () => undefined,
        };
        assert.deepEqual(await messages(hub(shared), denied), [
            `${H}.gateway.id: could not be checked: UnauthorizedOperation: You are not authorized to perform this operation.; ` +
                "the deployer needs ec2:Describe*",
        ]);
    });

    it("refuses an owner without a transit gateway id", () => {
        assert.throws(
            () => hub((h) => (h.gateway = { type: "tgw", ownerAccountId: OTHER_ACCOUNT })),
            (e: ConfigError) =>
                e.problems[0].key === `${H}.gateway.ownerAccountId` &&
                e.problems[0].message ===
                    `"${OTHER_ACCOUNT}" is set without gateway.id; the owner is that of an existing transit gateway, give its id or ` +
                        "remove ownerAccountId",
        );
    });
});

describe("interface endpoints the existing VPC already has", () => {
    const withExisting = (existing: string[]) =>
        hub((h) => ((h.vpc = { ...EXISTING_VPC }), (h.privateEndpoints = { existing }), (h.gateway = { type: "tgw" })));
    const available = { state: "available", privateDnsEnabled: true };

    it("creates none for them, and every other endpoint still", async () => {
        const { cloud } = await MockCloud.run(() => new Hub("hub", withExisting(["ecr.api", "ecr.dkr", "s3"])));
        const services = cloud
            .ofType("aws:ec2/vpcEndpoint:VpcEndpoint")
            .map((r) => r.inputs.serviceName.replace(`com.amazonaws.${REGION}.`, ""));
        assert.deepEqual(services, ["eks", "sts", "logs", "ssm", "ssmmessages"]);
    });

    it("checks each exists, available, with private DNS", async () => {
        const l = lookup(
            {},
            {
                "ecr.api": available,
                "ecr.dkr": { state: "pending", privateDnsEnabled: true },
                sts: { ...available, privateDnsEnabled: false },
            },
        );
        assert.deepEqual(await messages(withExisting(["ecr.api", "ecr.dkr", "sts", "logs"]), l), [
            `${H}.privateEndpoints.existing[1]: "ecr.dkr": its endpoint in vpc-0abc is pending, not available; remove it from ` +
                "existing so the hub creates one",
            `${H}.privateEndpoints.existing[2]: "sts": its endpoint in vpc-0abc has private DNS off, so nodes would not resolve the ` +
                "service to it; remove it from existing so the hub creates one",
            `${H}.privateEndpoints.existing[3]: "logs": vpc-0abc has no interface endpoint for it; remove it from existing so the ` +
                "hub creates one",
        ]);
        assert.deepEqual(l.asked, [
            "endpoint vpc-0abc ecr.api",
            "endpoint vpc-0abc ecr.dkr",
            "endpoint vpc-0abc sts",
            "endpoint vpc-0abc logs",
        ]);
    });

    it("refuses them with a new VPC, and names a service this hub does not need", () => {
        assert.throws(
            () => hub((h) => (h.privateEndpoints = { existing: ["ecr.api"] })),
            (e: ConfigError) =>
                e.problems.map((p) => `${p.key}: ${p.message}`).join("\n") ===
                `${H}.privateEndpoints.existing: ["ecr.api"] is set but the hub creates its VPC; existing endpoints come with an ` +
                    "existing VPC (vpc.id)",
        );
        assert.throws(
            () => withExisting(["rolesanywhere"]),
            (e: ConfigError) =>
                e.problems.map((p) => `${p.key}: ${p.message}`).join("\n") ===
                `${H}.privateEndpoints.existing[0]: "rolesanywhere" is not an endpoint this hub needs; it needs: eks, ecr.api, ` +
                    "ecr.dkr, s3, sts, logs, ssm, ssmmessages",
        );
    });
});

describe("cluster admins besides the creator, and whom the kubeconfig authenticates as", () => {
    const CI_ROLE = `arn:aws:iam::${ACCOUNT}:role/platform/site-pipeline`;
    const PERSON = `arn:aws:iam::${OTHER_ACCOUNT}:user/oncall`;

    it("gives each admin an access entry with the cluster-admin policy on the whole cluster", async () => {
        const { cloud } = await MockCloud.run(
            () =>
                new Hub(
                    "hub",
                    hub((h) => (h.clusterAdmins = [CI_ROLE, PERSON])),
                ),
        );
        assert.deepEqual(
            cloud.ofType("aws:eks/accessEntry:AccessEntry").map((r) => [r.name, r.inputs.principalArn, r.inputs.type]),
            [
                [`hub-eks-admin-${ACCOUNT}-role/platform/site-pipeline`, CI_ROLE, "STANDARD"],
                [`hub-eks-admin-${OTHER_ACCOUNT}-user/oncall`, PERSON, "STANDARD"],
                ["hub-hybrid-nodes-access-entry", `arn:aws:iam::${ACCOUNT}:role/hub-hybrid-nodes-role`, "HYBRID_LINUX"],
            ],
        );
        const policies = cloud.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
        assert.deepEqual(
            policies.map((r) => r.inputs),
            [CI_ROLE, PERSON].map((principalArn) => ({
                clusterName: "hybrid-prod",
                principalArn,
                policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
                accessScope: { type: "cluster" },
            })),
        );
    });

    it("signs the kubeconfig's token as the given role and profile", async () => {
        const { cloud, result } = await MockCloud.run(
            () =>
                new Hub(
                    "hub",
                    hub((h) => ((h.clusterAdmins = [CI_ROLE]), (h.kubeconfig = { roleArn: CI_ROLE, profile: "platform" }))),
                ),
        );
        // The hub's Kubernetes provider (Cilium) waits for the role's admin access, which the token is signed as.
        assert.ok(cloud.named("hub-k8s").dependsOn.includes(`hub-eks-admin-${ACCOUNT}-role/platform/site-pipeline`));
        const exec = YAML.parse(await (result.kubeconfig as any).promise()).users[0].user.exec;
        assert.deepEqual(exec.args, [
            "eks",
            "get-token",
            "--cluster-name",
            "hybrid-prod",
            "--region",
            REGION,
            "--role-arn",
            CI_ROLE,
            "--output",
            "json",
        ]);
        assert.deepEqual(exec.env, [{ name: "AWS_PROFILE", value: "platform" }]);
    });

    it("refuses an assumed-role session, a repeated admin and a profile that is not a name", () => {
        const h0Admins = [`arn:aws:sts::${ACCOUNT}:assumed-role/ci/session`, CI_ROLE, CI_ROLE];
        assert.throws(
            () => hub((h) => ((h.clusterAdmins = h0Admins), (h.kubeconfig = { profile: "x; rm -rf /" }))),
            (e: ConfigError) => {
                assert.deepEqual(
                    e.problems.map((p) => `${p.key}: ${p.message}`),
                    [
                        `${H}.clusterAdmins[0]: "arn:aws:sts::${ACCOUNT}:assumed-role/ci/session" is not valid; expected an IAM role or ` +
                            "user ARN such as arn:aws:iam::123456789012:role/platform-ci (not an sts assumed-role ARN)",
                        `${H}.clusterAdmins: ${JSON.stringify(h0Admins)} is not valid; expected a list of distinct IAM role or user ARNs ` +
                            "such as [arn:aws:iam::123456789012:role/platform-ci]",
                        `${H}.kubeconfig.profile: "x; rm -rf /" is not valid; expected an AWS CLI profile name: letters, ` +
                            "digits, _, . and -",
                    ],
                );
                return true;
            },
        );
    });
});

describe("quotas and tiers the hub states", () => {
    it("accepts 15 pod supernets once the raised security group rule quota is stated", () => {
        const pods = Array.from({ length: 15 }, (_, i) => `10.${96 + i}.0.0/16`);
        assert.doesNotThrow(() => hub((h) => ((h.remotePodNetworks = pods), (h.quotas = { securityGroupRules: 100 }))));
        assert.doesNotThrow(() => hub((h) => (h.remotePodNetworks = pods.slice(0, 14))));
    });

    it("counts the resolver's DNS rules too: 31 node supernets need 62", () => {
        const nodes = Array.from({ length: 31 }, (_, i) => `10.${64 + i}.0.0/16`);
        assert.throws(
            () => hub((h) => ((h.remoteNodeNetworks = nodes), (h.remotePodNetworks = ["10.96.0.0/12"]))),
            (e: ConfigError) => {
                assert.deepEqual(
                    e.problems.map((p) => p.message.split(";")[0]),
                    ["the resolver's security group would hold 62 inbound rules (31 node and 1 pod supernets, 4 webhook ports)"],
                );
                return true;
            },
        );
    });

    it("switches SSM to the advanced-instances tier for the account and Region with ssmInstanceTier: advanced", async () => {
        const { cloud } = await MockCloud.run(
            () =>
                new Hub(
                    "hub",
                    hub((h) => (h.ssmInstanceTier = "advanced")),
                ),
        );
        assert.deepEqual(cloud.named("hub-hybrid-nodes-activation-tier").inputs, {
            settingId: `arn:aws:ssm:${REGION}:${ACCOUNT}:servicesetting/ssm/managed-instance/activation-tier`,
            settingValue: "advanced",
        });
        const { cloud: standard } = await MockCloud.run(
            () =>
                new Hub(
                    "hub",
                    hub(() => {}),
                ),
        );
        assert.deepEqual(standard.ofType("aws:ssm/serviceSetting:ServiceSetting"), []);
    });
});
