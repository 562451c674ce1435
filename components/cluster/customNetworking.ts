import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { cidr, cidrSlug } from "../network/cidr";
import { planPrivateSubnets } from "../network/vpcPlan";

/** The node label the VPC CNI picks an ENIConfig by: each ENIConfig is named after its zone. */
export const ENI_CONFIG_LABEL = "topology.kubernetes.io/zone";

/** VPC CNI settings that switch on custom networking (pods from ENIConfig subnets, not the node's). */
export const CUSTOM_NETWORKING_ENV = {
    AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: "true",
    ENI_CONFIG_LABEL_DEF: ENI_CONFIG_LABEL,
};

// ENIs and IPv4 addresses per ENI of common instance types (EC2's published limits).
const ENI_LIMITS: Record<string, [number, number]> = {
    "t3.medium": [3, 6], "t3.large": [3, 12], "t3.xlarge": [4, 15],
    "m5.large": [3, 10], "m5.xlarge": [4, 15], "m5.2xlarge": [4, 15],
    "m6i.large": [3, 10], "m6i.xlarge": [4, 15], "m6i.2xlarge": [4, 15],
    "m7i.large": [3, 10], "m7i.xlarge": [4, 15], "m7i.2xlarge": [4, 15],
    "c6i.large": [3, 10], "c6i.xlarge": [4, 15], "r6i.large": [3, 10], "r6i.xlarge": [4, 15],
};

/**
 * Max pods per node with custom networking: the primary ENI carries no pods, so
 * (ENIs - 1) x (addresses per ENI - 1) + 2 (the host-network pods). Undefined for a type not in
 * the table; the smallest across the group's types otherwise.
 */
export function customNetworkingMaxPods(instanceTypes: readonly string[]): number | undefined {
    const limits = instanceTypes.map((t) => ENI_LIMITS[t]);
    if (limits.some((l) => l === undefined)) return undefined;
    return Math.min(...limits.map(([enis, ips]) => (enis - 1) * (ips - 1) + 2));
}

/** Arguments of {@link CustomNetworking}. */
export interface CustomNetworkingArgs {
    /** VPC id. */
    vpcId: pulumi.Input<string>;
    /** Secondary CIDR the cloud pods' addresses come from. */
    secondaryCidr: string;
    /** Zone of each private subnet (one pod subnet per zone, in the same order). */
    availabilityZones: pulumi.Input<string[]>;
    /** How many zones (private subnets) the VPC has. */
    zoneCount: number;
    /** The cluster security group the pods' ENIs get. */
    clusterSecurityGroupId: pulumi.Input<string>;
    /** Kubeconfig of the cluster (ENIConfigs are Kubernetes objects). */
    kubeconfig: pulumi.Input<string>;
    /** Tags. */
    tags?: { [key: string]: string };
}

/**
 * VPC CNI custom networking for the cloud nodes: the secondary CIDR on the VPC, one pod subnet per
 * zone carved from it, and one ENIConfig per zone (named after the zone) with that subnet and the
 * cluster security group.
 */
export class CustomNetworking extends pulumi.ComponentResource {
    /** The pod subnets, one per zone. */
    public readonly podSubnetIds: pulumi.Output<string[]>;

    constructor(name: string, args: CustomNetworkingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-hybrid-sites:index:CustomNetworking", name, {}, opts);
        const parent = { parent: this };
        const association = new aws.ec2.VpcIpv4CidrBlockAssociation(`${name}-secondary-cidr`, { vpcId: args.vpcId, cidrBlock: args.secondaryCidr }, parent);
        const provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: args.kubeconfig }, parent);
        const zones = pulumi.output(args.availabilityZones);
        const subnetIds: pulumi.Output<string>[] = [];
        for (const planned of planPrivateSubnets(cidr(args.secondaryCidr).text, args.zoneCount)) {
            const slug = cidrSlug(planned.cidr);
            const zone = zones.apply((z) => z[planned.zoneIndex]);
            const subnet = new aws.ec2.Subnet(
                `${name}-pods-${slug}`,
                { vpcId: args.vpcId, cidrBlock: planned.cidr, availabilityZone: zone, tags: { ...args.tags, Name: `${name}-pods-${slug}` } },
                { parent: this, dependsOn: [association] },
            );
            new k8s.apiextensions.CustomResource(
                `${name}-eniconfig-${slug}`,
                {
                    apiVersion: "crd.k8s.amazonaws.com/v1alpha1",
                    kind: "ENIConfig",
                    metadata: { name: zone },
                    spec: { subnet: subnet.id, securityGroups: [args.clusterSecurityGroupId] },
                },
                // Pulumi does not hold a component's children back for the component's dependsOn:
                // the ENIConfigs take it themselves (the vpc-cni add-on brings their CRD).
                { parent: this, provider, dependsOn: opts?.dependsOn },
            );
            subnetIds.push(subnet.id);
        }
        this.podSubnetIds = pulumi.all(subnetIds);
        this.registerOutputs({ podSubnetIds: this.podSubnetIds });
    }
}
