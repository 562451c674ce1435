import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { cidrSlug } from "./cidr";
import { PlannedSubnet, planPublicSubnets } from "./vpcPlan";

/** What NAT egress of a new VPC is built from. */
export interface NatEgressArgs {
    vpcId: pulumi.Input<string>;
    vpcCidr: string;
    /** Zone name of each zone index. */
    zones: pulumi.Output<string[]>;
    /** The private subnets (by zone) and their route tables. */
    privateSubnets: readonly { plan: PlannedSubnet; routeTableId: pulumi.Input<string> }[];
    /** One NAT gateway per zone, or one for all. */
    perZone: boolean;
    tags: (suffix: string) => Record<string, string>;
}

/**
 * Internet egress for a new VPC's private subnets: an internet gateway, small public subnets that
 * hold the NAT gateways (nothing else runs there), and a default route in every private route
 * table to its zone's NAT gateway (or the one shared gateway). Children of `parent`.
 */
export function createNatEgress(name: string, args: NatEgressArgs, parent: pulumi.Resource): void {
    const opts = { parent };
    const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: args.vpcId, tags: args.tags("igw") }, opts);
    const publicTable = new aws.ec2.RouteTable(`${name}-public`, { vpcId: args.vpcId, tags: args.tags("public") }, opts);
    new aws.ec2.Route(
        `${name}-public-to-internet`,
        { routeTableId: publicTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id },
        opts,
    );

    const publicPlans = planPublicSubnets(args.vpcCidr, args.privateSubnets.length);
    const gateways = (args.perZone ? publicPlans : publicPlans.slice(0, 1)).map((plan) => {
        const slug = cidrSlug(plan.cidr);
        const subnet = new aws.ec2.Subnet(
            `${name}-public-${slug}`,
            {
                vpcId: args.vpcId,
                cidrBlock: plan.cidr,
                availabilityZone: args.zones.apply((z) => z[plan.zoneIndex]),
                mapPublicIpOnLaunch: false,
                tags: args.tags(`public-${slug}`),
            },
            opts,
        );
        new aws.ec2.RouteTableAssociation(`${name}-public-${slug}`, { subnetId: subnet.id, routeTableId: publicTable.id }, opts);
        const eip = new aws.ec2.Eip(`${name}-nat-${slug}`, { domain: "vpc", tags: args.tags(`nat-${slug}`) }, opts);
        // A NAT gateway sends nothing out before the VPC has its internet gateway.
        return new aws.ec2.NatGateway(
            `${name}-nat-${slug}`,
            { subnetId: subnet.id, allocationId: eip.id, connectivityType: "public", tags: args.tags(`nat-${slug}`) },
            { parent, dependsOn: [igw] },
        );
    });
    for (const { plan, routeTableId } of args.privateSubnets) {
        const gateway = gateways[args.perZone ? plan.zoneIndex : 0];
        new aws.ec2.Route(
            `${name}-private-${cidrSlug(plan.cidr)}-to-internet`,
            { routeTableId, destinationCidrBlock: "0.0.0.0/0", natGatewayId: gateway.id },
            opts,
        );
    }
}
