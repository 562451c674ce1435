import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { cidrSlug } from "./cidr";
import { EgressMode, GatewayType } from "./enums";
import { createNatEgress } from "./natEgress";
import { DEFAULT_AMAZON_SIDE_ASN, DEFAULT_AVAILABILITY_ZONES, DEFAULT_EGRESS, GatewayArgs, VpcArgs } from "./networkArgs";
import { planPrivateSubnets, planSupernetRoutes } from "./vpcPlan";

/** Arguments of {@link HubNetwork}. */
export interface HubNetworkArgs {
    /** The VPC: new (cidr, availabilityZones) or existing (cidr, id, privateSubnetIds, routeTableIds). */
    vpc: VpcArgs;
    /** The gateway to on-prem. */
    gateway: GatewayArgs;
    /** Remote node supernets, routed to the gateway. */
    remoteNodeNetworks: string[];
    /** Remote pod supernets, routed to the gateway. */
    remotePodNetworks: string[];
    /** The sites' LoadBalancer supernets, routed to the gateway. */
    loadBalancerNetworks?: string[];
    /**
     * Route the remote pod networks to the gateway (default true). Off with AWS's Hybrid Nodes
     * gateway, which points them at its leading node itself and replaces a route of the same CIDR.
     */
    routePodNetworks?: boolean;
    /** Tags for every taggable resource. */
    tags?: { [key: string]: string };
}

/**
 * The hub's network: a VPC (new or existing), the gateway to on-prem (virtual private gateway or
 * transit gateway with a VPC attachment and its own route table) and, in every private route
 * table, a route for each remote supernet to that gateway; with NAT egress (new VPC) an internet
 * gateway, public subnets for the NAT gateways, and a default route from each private table.
 */
export class HubNetwork extends pulumi.ComponentResource {
    /** VPC id. */
    public readonly vpcId: pulumi.Output<string>;
    /** VPC CIDR. */
    public readonly vpcCidr: pulumi.Output<string>;
    /** Private subnet ids (cluster and endpoints go here). */
    public readonly privateSubnetIds: pulumi.Output<string[]>;
    /** Private route table ids. */
    public readonly routeTableIds: pulumi.Output<string[]>;
    /** Availability zone of each private subnet, in the same order. */
    public readonly availabilityZones: pulumi.Output<string[]>;
    /** `vgw` or `tgw`. */
    public readonly gatewayType: pulumi.Output<GatewayType>;
    /** Id of the virtual private gateway or transit gateway. */
    public readonly gatewayId: pulumi.Output<string>;
    /** Transit gateway route table the sites' VPN attachments use (empty for vgw). */
    public readonly transitGatewayRouteTableId: pulumi.Output<string>;

    constructor(name: string, args: HubNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-hybrid-sites:index:HubNetwork", name, {}, opts);
        const parent = { parent: this };
        const tags = (suffix: string) => ({ ...args.tags, Name: `${name}-${suffix}` });

        const vpc = args.vpc.id === undefined ? this.newVpc(name, args, tags) : existingVpc(args.vpc, this);

        let gatewayId: pulumi.Output<string>;
        let routeTarget: (route: { routeTableId: pulumi.Input<string>; destinationCidrBlock: string }) => aws.ec2.RouteArgs;
        let routeDependsOn: pulumi.Resource[] = [];
        let transitGatewayRouteTableId: pulumi.Output<string> = pulumi.output("");

        if (args.gateway.type === GatewayType.Vgw) {
            const vgw = new aws.ec2.VpnGateway(
                `${name}-vgw`,
                { vpcId: vpc.vpcId, amazonSideAsn: String(args.gateway.amazonSideAsn ?? DEFAULT_AMAZON_SIDE_ASN), tags: tags("vgw") },
                parent,
            );
            gatewayId = vgw.id;
            routeTarget = (route) => ({ ...route, gatewayId: vgw.id });
        } else {
            const tgwId: pulumi.Input<string> =
                args.gateway.id ??
                new aws.ec2transitgateway.TransitGateway(
                    `${name}-tgw`,
                    {
                        description: `${name}: hub for on-prem sites`,
                        amazonSideAsn: args.gateway.amazonSideAsn ?? DEFAULT_AMAZON_SIDE_ASN,
                        // Sites route through our own table, not the default one.
                        defaultRouteTableAssociation: "disable",
                        defaultRouteTablePropagation: "disable",
                        vpnEcmpSupport: "enable",
                        dnsSupport: "enable",
                        tags: tags("tgw"),
                    },
                    parent,
                ).id;
            const routeTable = new aws.ec2transitgateway.RouteTable(
                `${name}-tgw-rt`,
                { transitGatewayId: tgwId, tags: tags("tgw-rt") },
                parent,
            );
            const attachment = new aws.ec2transitgateway.VpcAttachment(
                `${name}-tgw-vpc`,
                {
                    transitGatewayId: tgwId,
                    vpcId: vpc.vpcId,
                    subnetIds: vpc.privateSubnetIds,
                    transitGatewayDefaultRouteTableAssociation: false,
                    transitGatewayDefaultRouteTablePropagation: false,
                    tags: tags("tgw-vpc"),
                },
                parent,
            );
            new aws.ec2transitgateway.RouteTableAssociation(
                `${name}-tgw-rt-vpc`,
                { transitGatewayAttachmentId: attachment.id, transitGatewayRouteTableId: routeTable.id },
                parent,
            );
            new aws.ec2transitgateway.RouteTablePropagation(
                `${name}-tgw-rt-vpc-propagation`,
                { transitGatewayAttachmentId: attachment.id, transitGatewayRouteTableId: routeTable.id },
                parent,
            );
            gatewayId = pulumi.output(tgwId);
            transitGatewayRouteTableId = routeTable.id;
            routeTarget = (route) => ({ ...route, transitGatewayId: tgwId });
            // A route to a transit gateway is refused until the VPC is attached to it.
            routeDependsOn = [attachment];
        }

        const podRoutes = (args.routePodNetworks ?? true) ? args.remotePodNetworks : [];
        const supernets = [...args.remoteNodeNetworks, ...podRoutes, ...(args.loadBalancerNetworks ?? [])];
        for (const route of planSupernetRoutes([...vpc.routeTables.keys()], supernets)) {
            new aws.ec2.Route(
                `${name}-route-${route.key}`,
                routeTarget({ routeTableId: vpc.routeTables.get(route.routeTable)!, destinationCidrBlock: route.destination }),
                { parent: this, dependsOn: routeDependsOn },
            );
        }

        this.vpcId = pulumi.output(vpc.vpcId);
        this.vpcCidr = pulumi.output(args.vpc.cidr);
        this.privateSubnetIds = pulumi.output(vpc.privateSubnetIds);
        this.routeTableIds = pulumi.output([...vpc.routeTables.values()]);
        this.availabilityZones = vpc.zones;
        this.gatewayType = pulumi.output(args.gateway.type);
        this.gatewayId = gatewayId;
        this.transitGatewayRouteTableId = transitGatewayRouteTableId;
        this.registerOutputs({
            vpcId: this.vpcId,
            vpcCidr: this.vpcCidr,
            privateSubnetIds: this.privateSubnetIds,
            routeTableIds: this.routeTableIds,
            availabilityZones: this.availabilityZones,
            gatewayType: this.gatewayType,
            gatewayId: this.gatewayId,
            transitGatewayRouteTableId: this.transitGatewayRouteTableId,
        });
    }

    private newVpc(name: string, args: HubNetworkArgs, tags: (suffix: string) => Record<string, string>): VpcParts {
        const parent = { parent: this };
        const vpc = new aws.ec2.Vpc(
            `${name}-vpc`,
            { cidrBlock: args.vpc.cidr, enableDnsSupport: true, enableDnsHostnames: true, tags: tags("vpc") },
            parent,
        );
        const zones = aws.getAvailabilityZonesOutput({ state: "available" }, parent);
        const subnetIds: pulumi.Output<string>[] = [];
        const routeTables = new Map<string, pulumi.Input<string>>();
        const planned = planPrivateSubnets(args.vpc.cidr, args.vpc.availabilityZones ?? DEFAULT_AVAILABILITY_ZONES);
        for (const subnetPlan of planned) {
            const slug = cidrSlug(subnetPlan.cidr);
            const subnet = new aws.ec2.Subnet(
                `${name}-private-${slug}`,
                {
                    vpcId: vpc.id,
                    cidrBlock: subnetPlan.cidr,
                    availabilityZone: zones.names.apply((names) => zoneName(names, subnetPlan.zoneIndex)),
                    mapPublicIpOnLaunch: false,
                    tags: tags(`private-${slug}`),
                },
                parent,
            );
            const table = new aws.ec2.RouteTable(`${name}-private-${slug}`, { vpcId: vpc.id, tags: tags(`private-${slug}`) }, parent);
            new aws.ec2.RouteTableAssociation(`${name}-private-${slug}`, { subnetId: subnet.id, routeTableId: table.id }, parent);
            subnetIds.push(subnet.id);
            routeTables.set(subnetPlan.cidr, table.id);
        }
        const egress = args.vpc.egress ?? DEFAULT_EGRESS;
        if (egress === EgressMode.NatGateway || egress === EgressMode.NatGatewayPerZone) {
            createNatEgress(
                name,
                {
                    vpcId: vpc.id,
                    vpcCidr: args.vpc.cidr,
                    zones: zones.names,
                    privateSubnets: planned.map((plan) => ({ plan, routeTableId: routeTables.get(plan.cidr)! })),
                    perZone: egress === EgressMode.NatGatewayPerZone,
                    tags,
                },
                this,
            );
        }
        return {
            vpcId: vpc.id,
            privateSubnetIds: pulumi.all(subnetIds),
            routeTables,
            zones: zones.names.apply((names) => planned.map((p) => zoneName(names, p.zoneIndex))),
        };
    }
}

interface VpcParts {
    vpcId: pulumi.Input<string>;
    privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Route tables by a stable key: the subnet CIDR (new VPC) or the table id (existing VPC). */
    routeTables: Map<string, pulumi.Input<string>>;
    /** Zone of each private subnet. */
    zones: pulumi.Output<string[]>;
}

function existingVpc(vpc: VpcArgs, parent: pulumi.Resource): VpcParts {
    const tables = vpc.routeTableIds ?? [];
    const subnetIds = vpc.privateSubnetIds ?? [];
    return {
        vpcId: vpc.id!,
        privateSubnetIds: subnetIds,
        // A table given by id names its routes; one known only later (an Output), its place in the list.
        routeTables: new Map(tables.map((id, i) => [typeof id === "string" ? id : `table${i + 1}`, id])),
        zones: pulumi.all(subnetIds.map((id) => aws.ec2.getSubnetOutput({ id }, { parent }).availabilityZone)),
    };
}

function zoneName(names: string[], index: number): string {
    if (index >= names.length) {
        throw new Error(`vpc.availabilityZones asks for ${index + 1} zones but the region has ${names.length} available`);
    }
    return names[index];
}
