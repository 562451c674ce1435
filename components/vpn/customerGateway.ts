import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Arguments of {@link CustomerGateway}. */
export interface CustomerGatewayArgs {
    /** Public IPv4 address of the site's VPN server. */
    publicIp: string;
    /** BGP ASN of the VPN server. */
    asn: number;
    /** Device name shown in the AWS console. */
    deviceName: string;
    /** Tags. */
    tags?: { [key: string]: string };
}

/** The largest ASN a customer gateway's `bgpAsn` takes; 4-byte ASNs above it go in `bgpAsnExtended`. */
export const MAX_BGP_ASN = 2147483647;

/** The customer gateway field an ASN belongs in (EC2 CreateCustomerGateway: BgpAsn or BgpAsnExtended). */
export function customerGatewayAsn(asn: number): { bgpAsn: string } | { bgpAsnExtended: string } {
    return asn <= MAX_BGP_ASN ? { bgpAsn: String(asn) } : { bgpAsnExtended: String(asn) };
}

/**
 * The site's VPN server as AWS sees it. AWS returns the existing customer gateway for the same IP
 * and ASN instead of creating a second one, so a replacement deletes the old one first; otherwise
 * the "new" gateway would be the old one, deleted right after.
 */
export class CustomerGateway extends pulumi.ComponentResource {
    /** Customer gateway id. */
    public readonly customerGatewayId: pulumi.Output<string>;

    constructor(name: string, args: CustomerGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-hybrid-sites:index:CustomerGateway", name, {}, opts);
        const gateway = new aws.ec2.CustomerGateway(
            `${name}-cgw`,
            {
                ipAddress: args.publicIp,
                ...customerGatewayAsn(args.asn),
                type: "ipsec.1",
                deviceName: args.deviceName,
                tags: { ...args.tags, Name: args.deviceName },
            },
            { parent: this, deleteBeforeReplace: true },
        );
        this.customerGatewayId = gateway.id;
        this.registerOutputs({ customerGatewayId: this.customerGatewayId });
    }
}
