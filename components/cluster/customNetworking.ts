import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { cidr, cidrSlug } from "../network/cidr";
import { planPrivateSubnets } from "../network/vpcPlan";
import { CustomNetworkingConfigArgs } from "./customNetworkingArgs";

/** Arguments of {@link CustomNetworking}. */
export interface CustomNetworkingArgs extends CustomNetworkingConfigArgs {
    /** VPC id. */
    vpcId: pulumi.Input<string>;
    /** Zone of each private subnet (one pod subnet per zone, in the same order). */
    availabilityZones: pulumi.Input<string[]>;
    /**
     * The VPC's private route tables: pod subnet i is associated with table i (modulo their count),
     * so cloud pods reach the remote networks through the same gateway routes as the nodes.
     */
    routeTableIds: pulumi.Input<string[]>;
    /** How many zones (private subnets) the VPC has. */
    zoneCount: number;
    /** The cluster security group the pods' ENIs get. */
    clusterSecurityGroupId: pulumi.Input<string>;
    /**
     * Apply the ENIConfigs through the Kubernetes provider (default true); false while the hub
     * applies no Kubernetes objects (`kubernetesObjects: false`): the subnets are created, and the
     * ENIConfigs follow once the API is reachable.
     */
    eniConfigs?: boolean;
    /** Tags. */
    tags?: { [key: string]: string };
}

/**
 * VPC CNI custom networking for the cloud nodes: the secondary CIDR on the VPC, one pod subnet per
 * zone carved from it, and one ENIConfig per zone (named after the zone) with that subnet and the
 * cluster security group. The ENIConfigs are applied with the Kubernetes provider of
 * `opts.providers` (the hub passes its cluster's).
 */
export class CustomNetworking extends pulumi.ComponentResource {
    /** The pod subnets, one per zone. */
    public readonly podSubnetIds: pulumi.Output<string[]>;

    constructor(name: string, args: CustomNetworkingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-hybrid-sites:index:CustomNetworking", name, {}, opts);
        const parent = { parent: this };
        const association = new aws.ec2.VpcIpv4CidrBlockAssociation(
            `${name}-secondary-cidr`,
            { vpcId: args.vpcId, cidrBlock: args.secondaryCidr },
            parent,
        );
        const zones = pulumi.output(args.availabilityZones);
        const routeTables = pulumi.output(args.routeTableIds);
        const subnetIds: pulumi.Output<string>[] = [];
        for (const planned of planPrivateSubnets(cidr(args.secondaryCidr).text, args.zoneCount)) {
            const slug = cidrSlug(planned.cidr);
            const zone = zones.apply((z) => z[planned.zoneIndex]);
            const subnet = new aws.ec2.Subnet(
                `${name}-pods-${slug}`,
                {
                    vpcId: args.vpcId,
                    cidrBlock: planned.cidr,
                    availabilityZone: zone,
                    tags: { ...args.tags, Name: `${name}-pods-${slug}` },
                },
                { parent: this, dependsOn: [association] },
            );
            if (args.eniConfigs ?? true) {
                new k8s.apiextensions.CustomResource(
                    `${name}-eniconfig-${slug}`,
                    {
                        apiVersion: "crd.k8s.amazonaws.com/v1alpha1",
                        kind: "ENIConfig",
                        metadata: { name: zone },
                        spec: { subnet: subnet.id, securityGroups: [args.clusterSecurityGroupId] },
                    },
                    // Pulumi does not hold a component's children back for the component's dependsOn: the
                    // ENIConfigs take it themselves. Their CRD is there from the cluster's creation (EKS
                    // installs the VPC CNI with it), so they need nothing of the add-ons.
                    { parent: this, dependsOn: opts?.dependsOn },
                );
            }
            // Without an association the subnet falls back to the VPC's main table, which has no
            // route to the remote networks.
            new aws.ec2.RouteTableAssociation(
                `${name}-pods-${slug}`,
                { subnetId: subnet.id, routeTableId: routeTables.apply((t) => t[planned.zoneIndex % t.length]) },
                parent,
            );
            subnetIds.push(subnet.id);
        }
        this.podSubnetIds = pulumi.all(subnetIds);
        this.registerOutputs({ podSubnetIds: this.podSubnetIds });
    }
}
