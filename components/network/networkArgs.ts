import * as pulumi from "@pulumi/pulumi";
import { EgressMode, GatewayType } from "./enums";

/** Availability zones of a new VPC when none are given. */
export const DEFAULT_AVAILABILITY_ZONES = 2;
/** Amazon-side ASN of a new virtual private gateway or transit gateway when none is given (AWS's own default). */
export const DEFAULT_AMAZON_SIDE_ASN = 64512;
/** AWS's limit of VPN connections on one virtual private gateway. */
export const MAX_VPNS_PER_VGW = 10;

/** The VPC: a new one (`cidr`, `availabilityZones`) or an existing one (`cidr`, `id`, subnet and route table ids). */
export interface VpcArgs {
    /** The VPC's CIDR, /16 to /24: of the new VPC, or the existing VPC's primary CIDR. */
    cidr: string;
    /** Number of availability zones for a new VPC's private subnets (2 to 6, default 2). */
    availabilityZones?: number;
    /** Id of an existing VPC (may be another resource's Output). */
    id?: pulumi.Input<string>;
    /**
     * Private subnet ids of the existing VPC, in at least two availability zones: a plain list (its
     * length is the number of zones), whose items may be Outputs.
     */
    privateSubnetIds?: pulumi.Input<string>[];
    /**
     * Route tables of the existing VPC that get routes to the remote networks: a plain list, whose
     * items may be Outputs. A table given as a string names its routes; one given as an Output names
     * them by its place in the list, so reordering the list replaces those routes.
     */
    routeTableIds?: pulumi.Input<string>[];
    /** How the cloud side reaches the internet: none (default), nat-gateway, nat-gateway-per-zone (new VPC), or existing. */
    egress?: EgressMode;
}

/** Internet egress when none is chosen: none, as a private cluster needs. */
export const DEFAULT_EGRESS = EgressMode.None;

/** The longest VPC prefix that leaves room for /28 public subnets (NAT gateways need them). */
export const MAX_NAT_VPC_PREFIX = 22;

/** The gateway from the VPC to on-prem. */
export interface GatewayArgs {
    /** `vgw` (virtual private gateway) or `tgw` (transit gateway). */
    type: GatewayType;
    /** Amazon-side ASN of a new virtual private gateway or transit gateway (default 64512). */
    amazonSideAsn?: number;
    /** Id of an existing transit gateway to attach to (type `tgw` only; may be an Output). */
    id?: pulumi.Input<string>;
    /**
     * The account that owns the existing transit gateway (`id`). The hub stack checks, before it
     * registers anything, that it is the deploying account: a transit gateway shared from another
     * account through AWS RAM takes VPN attachments only from its owner, and others cannot change
     * its route tables. Default: read from the transit gateway.
     */
    ownerAccountId?: string;
}

/** How many zones (private subnets) the VPC has: the existing VPC's subnets, or the new VPC's zones. */
export function zoneCount(vpc: VpcArgs): number {
    return vpc.privateSubnetIds?.length ?? vpc.availabilityZones ?? DEFAULT_AVAILABILITY_ZONES;
}

/** Private ASNs AWS accepts on its side of a VPN. */
export function isAmazonSideAsn(asn: number): boolean {
    return (asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294);
}
