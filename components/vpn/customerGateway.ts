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
 * The site's VPN server as AWS sees it. Every field forces a new gateway (the provider's
 * `aws_customer_gateway`: ForceNew on ip_address, bgp_asn, device_name, type), and AWS refuses to
 * delete one a VPN connection still uses, while the connection takes another gateway in place
 * (ModifyVpnConnection, outside addresses and keys kept). So a replacement creates the new gateway
 * first (Pulumi's default), the connection moves to it, and the old one goes last. AWS answers an
 * identical CreateCustomerGateway with the existing gateway, but a replacement always differs in
 * one of type, address, ASN or device name, so the new one is new.
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
            { parent: this },
        );
        this.customerGatewayId = gateway.id;
        this.registerOutputs({ customerGatewayId: this.customerGatewayId });
    }
}
