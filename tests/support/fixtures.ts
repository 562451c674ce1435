/** A valid hub config (the shape of CONFIG.md's example). */
export function validHub(): any {
    return {
        clusterName: "hybrid-prod",
        kubernetesVersion: "1.33",
        vpc: { cidr: "10.0.0.0/16", availabilityZones: 2 },
        serviceCidr: "172.20.0.0/16",
        remoteNodeNetworks: ["10.80.0.0/12"],
        remotePodNetworks: ["10.96.0.0/12"],
        gateway: { type: "vgw", amazonSideAsn: 64512 },
        endpointAccess: "private",
        nodeCredentials: "ssm",
    };
}

