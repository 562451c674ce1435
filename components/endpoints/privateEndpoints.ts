import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NodeCredentials } from "../cluster/enums";
import { cidrSlug } from "../network/cidr";
import { interfaceEndpointServices, OptionalEndpointsArgs, PULL_THROUGH_PREFIX } from "./endpointServices";

/** Arguments of {@link PrivateEndpoints}. */
export interface PrivateEndpointsArgs extends OptionalEndpointsArgs {
    /** VPC id. */
    vpcId: pulumi.Input<string>;
    /** Every CIDR of the VPC (allowed to reach the endpoints): cloud pods of custom networking live in the secondary one. */
    vpcCidrs: string[];
    /** Private subnets, one per AZ: endpoints and the resolver go here. */
    privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The VPC's private route tables (for the S3 gateway endpoint). */
    routeTableIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Remote node supernets (reach the endpoints and the resolver). */
    remoteNodeNetworks: string[];
    /** Remote pod supernets (reach the endpoints). */
    remotePodNetworks: string[];
    /** How hybrid nodes get credentials (decides ssm or rolesanywhere endpoints). */
    nodeCredentials: NodeCredentials;
    /** EKS Pod Identity is on: adds eks-auth. */
    podIdentity?: boolean;
    /** Cloud nodes exist: adds ec2, which their VPC CNI calls. */
    cloudNodes?: boolean;
    /** Tags. */
    tags?: { [key: string]: string };
}

/**
 * What a private cluster and its hybrid nodes reach AWS through, with no internet egress: one
 * interface endpoint per service in the private subnets (private DNS on), a security group
 * allowing 443 from the VPC and the remote supernets, an S3 gateway endpoint for the VPC itself,
 * a Route 53 Resolver inbound endpoint so on-prem DNS can resolve the endpoints' names, and an
 * ECR pull-through cache rule for public.ecr.aws (where AWS's Cilium images live).
 */
export class PrivateEndpoints extends pulumi.ComponentResource {
    /** Addresses of the resolver inbound endpoint: on-prem DNS forwards amazonaws.com and api.aws here. */
    public readonly resolverInboundIps: pulumi.Output<string[]>;
    /** Security group of the interface endpoints. */
    public readonly endpointSecurityGroupId: pulumi.Output<string>;
    /** The registry that mirrors public.ecr.aws: `<account>.dkr.ecr.<region>.amazonaws.com/ecr-public`. */
    public readonly pullThroughRegistry: pulumi.Output<string>;

    constructor(name: string, args: PrivateEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-hybrid-sites:index:PrivateEndpoints", name, {}, opts);
        const parent = { parent: this };
        const tags = (suffix: string) => ({ ...args.tags, Name: `${name}-${suffix}` });
        const region = aws.getRegionOutput({}, parent).region;
        const serviceName = (service: string) => pulumi.interpolate`com.amazonaws.${region}.${service}`;

        const sg = new aws.ec2.SecurityGroup(
            `${name}-endpoints`,
            { vpcId: args.vpcId, description: `${name}: HTTPS to the VPC endpoints`, tags: tags("endpoints") },
            parent,
        );
        for (const cidr of [...args.vpcCidrs, ...args.remoteNodeNetworks, ...args.remotePodNetworks]) {
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-endpoints-tcp443-${cidrSlug(cidr)}`,
                {
                    securityGroupId: sg.id,
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    cidrIpv4: cidr,
                    description: "HTTPS to VPC endpoints",
                    tags: tags("endpoints"),
                },
                parent,
            );
        }

        // Endpoints the VPC has already are used as they are (see OptionalEndpointsArgs.existing).
        const existing = new Set(args.existing ?? []);
        for (const service of interfaceEndpointServices(args).filter((s) => !existing.has(s))) {
            new aws.ec2.VpcEndpoint(
                `${name}-${service.replace(/\./g, "-")}`,
                {
                    vpcId: args.vpcId,
                    serviceName: serviceName(service),
                    vpcEndpointType: "Interface",
                    subnetIds: args.privateSubnetIds,
                    securityGroupIds: [sg.id],
                    privateDnsEnabled: true,
                    // With the S3 gateway endpoint next to it, S3's private DNS may only answer
                    // queries from the resolver inbound endpoint (on-prem); the VPC uses the gateway.
                    ...(service === "s3" ? { dnsOptions: { privateDnsOnlyForInboundResolverEndpoint: true } } : {}),
                    tags: tags(service),
                },
                // The S3 interface endpoint's DNS option needs the gateway endpoint to exist first.
                service === "s3" ? { parent: this, dependsOn: [this.s3Gateway(name, args, serviceName("s3"), tags)] } : parent,
            );
        }

        const resolverSg = new aws.ec2.SecurityGroup(
            `${name}-resolver`,
            { vpcId: args.vpcId, description: `${name}: DNS from on-prem to the resolver`, tags: tags("resolver") },
            parent,
        );
        for (const cidr of args.remoteNodeNetworks) {
            for (const protocol of ["tcp", "udp"]) {
                new aws.vpc.SecurityGroupIngressRule(
                    `${name}-resolver-${protocol}53-${cidrSlug(cidr)}`,
                    {
                        securityGroupId: resolverSg.id,
                        ipProtocol: protocol,
                        fromPort: 53,
                        toPort: 53,
                        cidrIpv4: cidr,
                        description: "DNS from on-prem",
                        tags: tags("resolver"),
                    },
                    parent,
                );
            }
        }
        const resolver = new aws.route53.ResolverEndpoint(
            `${name}-resolver`,
            {
                direction: "INBOUND",
                securityGroupIds: [resolverSg.id],
                ipAddresses: pulumi.output(args.privateSubnetIds).apply((ids) => ids.map((subnetId) => ({ subnetId }))),
                tags: tags("resolver"),
            },
            parent,
        );

        const cache = new aws.ecr.PullThroughCacheRule(
            `${name}-ecr-public`,
            { ecrRepositoryPrefix: PULL_THROUGH_PREFIX, upstreamRegistryUrl: "public.ecr.aws" },
            parent,
        );

        this.resolverInboundIps = resolver.ipAddresses.apply((ips) => ips.map((ip) => ip.ip ?? ""));
        this.endpointSecurityGroupId = sg.id;
        this.pullThroughRegistry = pulumi.interpolate`${cache.registryId}.dkr.ecr.${region}.amazonaws.com/${PULL_THROUGH_PREFIX}`;
        this.registerOutputs({
            resolverInboundIps: this.resolverInboundIps,
            endpointSecurityGroupId: this.endpointSecurityGroupId,
            pullThroughRegistry: this.pullThroughRegistry,
        });
    }

    private s3Gateway(
        name: string,
        args: PrivateEndpointsArgs,
        serviceName: pulumi.Output<string>,
        tags: (s: string) => Record<string, string>,
    ) {
        return new aws.ec2.VpcEndpoint(
            `${name}-s3-gateway`,
            { vpcId: args.vpcId, serviceName, vpcEndpointType: "Gateway", routeTableIds: args.routeTableIds, tags: tags("s3-gateway") },
            { parent: this },
        );
    }
}
