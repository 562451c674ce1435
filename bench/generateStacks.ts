import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { StackFile } from "../cli/stacks/stackFolder";

/**
 * A hub on a transit gateway and `count` generated sites (at most 4,999: one transit gateway takes
 * 5,000 attachments, the VPC's included), each with its own ranges and VPN server. The hub states
 * the raised VPN quotas and SSM's advanced tier a fleet of this size needs.
 */
export function generatedStacks(count: number): StackFile[] {
    const hub: StackFile = {
        file: "Pulumi.hub.yaml",
        stack: "hub",
        config: {
            "aws:region": "eu-central-1",
            "eks-hybrid:kind": "hub",
            "eks-hybrid:hub": {
                clusterName: "bench",
                kubernetesVersion: "1.33",
                vpc: { cidr: "10.0.0.0/16", availabilityZones: 3 },
                serviceCidr: "172.20.0.0/16",
                remoteNodeNetworks: ["10.64.0.0/11"],
                remotePodNetworks: ["10.128.0.0/10"],
                gateway: { type: "tgw" },
                endpointAccess: "private",
                nodeCredentials: "ssm",
                quotas: { vpnConnections: 5000, customerGateways: 5000 },
                ssmInstanceTier: "advanced",
            },
        },
    };
    const sites: StackFile[] = Array.from({ length: count }, (_, i) => ({
        file: `Pulumi.site-${i}.yaml`,
        stack: `site-${i}`,
        config: {
            "aws:region": "eu-central-1",
            "eks-hybrid:kind": "site",
            "eks-hybrid:site": {
                name: `site-${i}`,
                hubStack: "hub",
                vpnServer: { publicIp: `198.18.${i >> 8}.${i & 255}`, asn: 65000 + i },
                nodeCidr: `10.${64 + (i >> 8)}.${i & 255}.0/24`,
                podCidr: `10.${128 + (i >> 7)}.${(i & 127) * 2}.0/23`,
                podMaskSize: 26,
                bgp: { routerAddress: `10.${64 + (i >> 8)}.${i & 255}.1`, routerAsn: 65000 + i, nodesAsn: 4200000000 + i },
                tunnels: { insideCidrs: [`169.254.${8 + (i >> 5)}.${(i & 31) * 8}/30`, `169.254.${8 + (i >> 5)}.${(i & 31) * 8 + 4}/30`] },
                nodes: { count: 3 },
            },
        },
    }));
    return [hub, ...sites];
}

/** The generated stacks written as stack files into a new temporary folder. */
export function writeGeneratedStacks(count: number): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-stacks-${count}-`));
    for (const f of generatedStacks(count)) fs.writeFileSync(path.join(dir, f.file), YAML.stringify({ config: f.config }));
    return dir;
}
