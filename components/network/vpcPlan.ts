import { carve, cidr, cidrSlug } from "./cidr";

/** One private subnet of a new VPC. */
export interface PlannedSubnet {
    /** The subnet's CIDR; also the stable part of its resource name. */
    readonly cidr: string;
    /** Index into the region's available zones. */
    readonly zoneIndex: number;
}

// Eight equal blocks: room for six AZs, and the spare blocks stay free for later subnets
// without renumbering the existing ones.
const SUBNET_BLOCKS_LOG2 = 3;

/** The private subnets of a new VPC: one per AZ, the first blocks of an eight-way split. */
export function planPrivateSubnets(vpcCidr: string, zones: number): PlannedSubnet[] {
    const vpc = cidr(vpcCidr);
    return carve(vpc, vpc.prefix + SUBNET_BLOCKS_LOG2, zones).map((block, zoneIndex) => ({ cidr: block, zoneIndex }));
}

/**
 * The public subnets that hold a new VPC's NAT gateways: the last of the eight blocks, cut in
 * eight again, one per zone (a /16 gives /22s). The private subnets never use that block.
 */
export function planPublicSubnets(vpcCidr: string, zones: number): PlannedSubnet[] {
    const vpc = cidr(vpcCidr);
    const lastBlock = cidr(carve(vpc, vpc.prefix + SUBNET_BLOCKS_LOG2, 2 ** SUBNET_BLOCKS_LOG2).at(-1)!);
    return carve(lastBlock, lastBlock.prefix + SUBNET_BLOCKS_LOG2, zones).map((block, zoneIndex) => ({ cidr: block, zoneIndex }));
}

/** One VPC route from a route table to a remote supernet. */
export interface PlannedRoute {
    /** Resource-name suffix made of the route table's key and the destination. */
    readonly key: string;
    readonly routeTable: string;
    readonly destination: string;
}

/**
 * A route for every remote supernet in every route table. `routeTables` maps a stable key
 * (a subnet CIDR or an existing route table id) to the table, so names follow content.
 */
export function planSupernetRoutes(routeTableKeys: readonly string[], supernets: readonly string[]): PlannedRoute[] {
    return routeTableKeys.flatMap((routeTable) =>
        supernets.map((destination) => ({
            key: `${cidrSlug(routeTable)}-to-${cidrSlug(destination)}`,
            routeTable,
            destination,
        })),
    );
}
