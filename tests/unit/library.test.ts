// The components as a library: what another program that builds Hubs and Sites (not from stack
// files) gets, as pulumi-eks's and aws-cdk's users expect it.
import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { parseArn } from "../../components/cluster/clusterArn";
import { ArgumentsError } from "../../components/config/argumentsError";
import { splitOutput } from "../../components/config/knownValues";
import { Hub } from "../../components/hub/hub";
import { HubArgs } from "../../components/hub/hubArgs";
import { Site } from "../../components/site/site";
import { siteHubArgs, siteSettings, validHub } from "../support/fixtures";
import { MockCloud } from "../support/mockCloud";

/** What `fn` throws, or a failed assertion when it throws nothing. */
function thrown(fn: () => unknown): unknown {
    try {
        fn();
    } catch (e) {
        return e;
    }
    assert.fail("expected an error");
}

/** The problems of an ArgumentsError as `propertyPath: reason`, asserting it is one and an InputPropertiesError. */
function propertyErrors(error: unknown): string[] {
    assert.ok(error instanceof ArgumentsError, String(error));
    assert.ok(pulumi.InputPropertiesError.isInstance(error));
    // What @pulumi/pulumi/cmd/run asks before it prints an error's message alone, without a stack trace.
    assert.ok(pulumi.RunError.isInstance(error));
    return error.errors.map((e) => `${e.propertyPath}: ${e.reason}`);
}

/**
 * A VPC as @pulumi/awsx's `ec2.Vpc` hands it on: `vpcId` and `privateSubnetIds` as Outputs (the
 * latter an Output of a list), built from @pulumi/aws resources. awsx itself is no dependency:
 * it pulls @pulumi/docker-build, whose install script downloads a plugin (docs/using-the-package.md).
 */
function awsxShapedVpc(name: string) {
    const vpc = new aws.ec2.Vpc(name, { cidrBlock: "10.1.0.0/16" });
    const zones = ["a", "b"];
    const subnets = zones.map(
        (z, i) =>
            new aws.ec2.Subnet(`${name}-private-${z}`, {
                vpcId: vpc.id,
                cidrBlock: `10.1.${i}.0/24`,
                availabilityZone: `eu-central-1${z}`,
            }),
    );
    const tables = zones.map((z) => new aws.ec2.RouteTable(`${name}-private-${z}`, { vpcId: vpc.id }));
    return { vpcId: vpc.id, privateSubnetIds: pulumi.all(subnets.map((s) => s.id)), routeTables: tables };
}

function hubArgs(change: (h: any) => void = () => {}): HubArgs {
    const hub = validHub();
    change(hub);
    return hub;
}

describe("library: bad arguments", () => {
    it("are one pulumi.InputPropertiesError with a property path and reason per problem", () => {
        const error = thrown(
            () =>
                new Hub(
                    "hub",
                    hubArgs((h) => {
                        h.serviceCidr = "8.8.0.0/16";
                        h.gateway.amazonSideAsn = 70000;
                    }),
                ),
        );
        assert.deepEqual(propertyErrors(error), [
            'serviceCidr: "8.8.0.0/16" is outside RFC 1918; it must lie inside one of: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16',
            "gateway.amazonSideAsn: 70000 is not a private ASN AWS accepts; use 64512-65534 or 4200000000-4294967294",
        ]);
        assert.equal(
            (error as Error).message,
            'invalid arguments of Hub "hub": 2 problems\n' +
                '  - args.serviceCidr: "8.8.0.0/16" is outside RFC 1918; it must lie inside one of: 10.0.0.0/8, 172.16.0.0/12, ' +
                "192.168.0.0/16\n" +
                "  - args.gateway.amazonSideAsn: 70000 is not a private ASN AWS accepts; use 64512-65534 or 4200000000-4294967294",
        );
    });

    it("refuse an Output where the component computes with the value, saying why, and register nothing", async () => {
        let error: unknown;
        const { cloud } = await MockCloud.run(() => {
            const cidr = new aws.ec2.Vpc("other", { cidrBlock: "10.1.0.0/16" }).cidrBlock;
            error = thrown(
                () =>
                    new Hub(
                        "hub",
                        hubArgs((h) => {
                            h.vpc = {
                                cidr,
                                id: "vpc-0abc",
                                privateSubnetIds: pulumi.output(["subnet-01", "subnet-02"]),
                                routeTableIds: ["rtb-01"],
                            };
                        }),
                    ),
            );
        });
        assert.deepEqual(propertyErrors(error), [
            "vpc.cidr: is an Output or a Promise, known only once the program runs; the component computes with this value " +
                "before it registers anything, so give it as a plain value (only the ids and ARNs it passes on may be Outputs)",
            "vpc.privateSubnetIds: is an Output or a Promise of a list; the component counts this list (a zone or a route per " +
                "item) before it registers anything: give a plain list, whose items may be Outputs (splitOutput makes one of an " +
                "Output list)",
        ]);
        assert.deepEqual(cloud.inventory(), ["aws:ec2/vpc:Vpc other"]);
    });
});

describe("library: under a unit test's mocks", () => {
    it("name the cluster ARN a mock left out, instead of failing with a TypeError", () => {
        for (const arn of [undefined, "hub-eks-cluster-id", "arn:aws:eks::123456789012:cluster/hybrid-prod"]) {
            assert.throws(
                () => parseArn(arn),
                (e: Error) =>
                    pulumi.RunError.isInstance(e) &&
                    e.message ===
                        `the EKS cluster's ARN is ${arn === undefined ? "undefined" : JSON.stringify(arn)}, not ` +
                            "arn:<partition>:eks:<region>:<account>:cluster/<name>; the partition, Region and account are read " +
                            "from it (under Pulumi's mocks, return an arn for aws:eks/cluster:Cluster, as " +
                            "examples/typescript/mocks.ts does)",
            );
        }
        assert.deepEqual(parseArn("arn:aws-cn:eks:cn-north-1:123456789012:cluster/c"), {
            partition: "aws-cn",
            region: "cn-north-1",
            account: "123456789012",
        });
    });
});

describe("library: a Hub on an awsx-shaped VPC's outputs", () => {
    let cloud: MockCloud;
    before(async () => {
        ({ cloud } = await MockCloud.run(() => {
            const vpc = awsxShapedVpc("shared");
            return new Hub(
                "hub",
                hubArgs((h) => {
                    h.vpc = {
                        cidr: "10.1.0.0/16",
                        id: vpc.vpcId,
                        privateSubnetIds: splitOutput(vpc.privateSubnetIds, 2),
                        routeTableIds: vpc.routeTables.map((t) => t.id),
                    };
                    h.gateway = { type: "tgw" };
                }),
            );
        }));
    });

    it("attaches the transit gateway to the VPC's subnets, and routes in its tables named by their place", () => {
        const attachment = cloud.named("hub-network-tgw-vpc").inputs;
        assert.deepEqual([attachment.vpcId, attachment.subnetIds], ["shared-id", ["shared-private-a-id", "shared-private-b-id"]]);
        assert.deepEqual(
            cloud.ofType("aws:ec2/route:Route").map((r) => [r.name, r.inputs.routeTableId, r.inputs.destinationCidrBlock]),
            [
                ["hub-network-route-table1-to-10-80-0-0-12", "shared-private-a-id", "10.80.0.0/12"],
                ["hub-network-route-table1-to-10-96-0-0-12", "shared-private-a-id", "10.96.0.0/12"],
                ["hub-network-route-table2-to-10-80-0-0-12", "shared-private-b-id", "10.80.0.0/12"],
                ["hub-network-route-table2-to-10-96-0-0-12", "shared-private-b-id", "10.96.0.0/12"],
            ],
        );
    });

    it("creates no VPC or subnet of its own and builds the cluster in the given subnets", () => {
        assert.deepEqual(
            cloud.ofType("aws:ec2/vpc:Vpc").map((r) => r.name),
            ["shared"],
        );
        assert.deepEqual(
            cloud.ofType("aws:ec2/subnet:Subnet").map((r) => r.name),
            ["shared-private-a", "shared-private-b"],
        );
        assert.deepEqual(cloud.named("hub-eks-cluster").inputs.vpcConfig.subnetIds, ["shared-private-a-id", "shared-private-b-id"]);
    });
});

/** Runs `program` under mocks, returning the error it threw (or undefined) and what registered. */
async function runCatching(program: () => void): Promise<{ error: unknown; cloud: MockCloud }> {
    let error: unknown;
    const { cloud } = await MockCloud.run(() => {
        try {
            program();
        } catch (e) {
            error = e;
        }
    });
    return { error, cloud };
}

const site = (change: (s: any) => void = () => {}) => {
    const settings = siteSettings();
    change(settings);
    return settings;
};

describe("library: the fleet rules between the Sites of one Hub", () => {
    it("refuse a second Site with the first's name, node CIDR and VPN server address, naming both", async () => {
        const { error, cloud } = await runCatching(() => {
            const hub = new Hub(
                "hub",
                hubArgs((h) => (h.gateway = { type: "tgw" })),
            );
            new Site("munich", { hub, site: site() });
            new Site("munich-again", { hub, site: site((s) => (s.podCidr = "10.96.2.0/24")) });
        });
        assert.deepEqual(propertyErrors(error), [
            'site.nodeCidr: "10.80.1.0/24" overlaps Site "munich" args.site.nodeCidr "10.80.1.0/24"; node and pod CIDRs of all ' +
                "sites must not overlap",
            'site.name: "munich" is also Site "munich" args.site.name; site names must be unique',
            'site.vpnServer.publicIp: "203.0.113.10" is also Site "munich" args.site.vpnServer.publicIp; each site needs its own ' +
                "VPN server address",
            'site.tunnels.insideCidrs[0]: "169.254.10.0/30" overlaps Site "munich" args.site.tunnels.insideCidrs[0] ' +
                '"169.254.10.0/30"; tunnel inside CIDRs must be unique on one gateway',
            'site.tunnels.insideCidrs[1]: "169.254.10.4/30" overlaps Site "munich" args.site.tunnels.insideCidrs[1] ' +
                '"169.254.10.4/30"; tunnel inside CIDRs must be unique on one gateway',
        ]);
        assert.match((error as Error).message, /^invalid arguments of Site "munich-again": 5 problems\n/);
        assert.deepEqual(
            cloud.inventory().filter((r) => r.includes("munich-again")),
            [],
        );
    });

    it("refuse a pod CIDR outside the hub's remotePodNetworks", async () => {
        const { error } = await runCatching(() => {
            const hub = new Hub("hub", hubArgs());
            new Site("munich", { hub, site: site((s) => (s.podCidr = "10.200.1.0/24")) });
        });
        assert.deepEqual(propertyErrors(error), [
            'site.podCidr: "10.200.1.0/24" is outside Hub "hub" args.remotePodNetworks; it must lie inside one of: 10.96.0.0/12',
        ]);
    });

    it("do not apply to a Site given the hub's outputs as values (a stack reference's: one site per stack)", async () => {
        const { error, cloud } = await runCatching(() => {
            new Site("munich", { hub: siteHubArgs(), site: site() });
            new Site("munich-again", { hub: siteHubArgs(), site: site() });
        });
        assert.equal(error, undefined);
        assert.deepEqual(
            cloud.ofType("eks-hybrid-sites:index:Site").map((r) => r.name),
            ["munich", "munich-again"],
        );
    });
});
