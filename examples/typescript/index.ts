// A Pulumi program in another repository that uses eks-hybrid-sites as an npm dependency: one hub
// and one site in the same stack. (The package's own program splits them into a hub stack and a
// stack per site; this is the smallest complete use.)
import * as pulumi from "@pulumi/pulumi";
import { EndpointAccess, GatewayType, Hub, NodeCredentials, Site } from "eks-hybrid-sites";

const hub = new Hub("hub", {
    clusterName: "hybrid-prod",
    kubernetesVersion: "1.35",
    vpc: { cidr: "10.0.0.0/16", availabilityZones: 2 },
    serviceCidr: "172.20.0.0/16",
    remoteNodeNetworks: ["10.80.0.0/12"],
    remotePodNetworks: ["10.96.0.0/12"],
    gateway: { type: GatewayType.Vgw, amazonSideAsn: 64512 },
    endpointAccess: EndpointAccess.Private,
    nodeCredentials: NodeCredentials.Ssm,
});

// The Hub implements the outputs a Site reads, so it is the Site's `hub` argument as it is.
const munich = new Site("munich", {
    hub,
    site: {
        name: "munich",
        vpnServer: { publicIp: "203.0.113.10", asn: 65000 },
        nodeCidr: "10.80.1.0/24",
        podCidr: "10.96.1.0/24",
        podMaskSize: 26,
        bgp: { routerAddress: "10.80.1.1", routerAsn: 65000, nodesAsn: 65010 },
        tunnels: { insideCidrs: ["169.254.10.0/30", "169.254.10.4/30"] },
        nodes: { count: 3 },
    },
});

/** The EKS cluster's name. */
export const clusterName = hub.clusterName;
/** AWS's outside addresses of the site's two tunnels: what the site's VPN server connects to. */
export const tunnelAddresses = [munich.tunnel1Address, munich.tunnel2Address];
/** The site's nodeadm NodeConfig (it holds the SSM activation code). */
export const nodeConfig = pulumi.secret(munich.nodeConfig);
