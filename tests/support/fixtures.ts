import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SiteCiliumSettings } from "../../components/cilium/ciliumObjects";
import { NodeCredentials } from "../../components/cluster/enums";
import { GatewayType } from "../../components/network/enums";
import { SiteHubArgs } from "../../components/site/site";
import * as YAML from "yaml";
import type { StackFile } from "../../cli/stacks/stackFolder";

/**
 * The tests' own folder of stack files (a copy of the examples): stacks/ belongs to the user, and
 * adding a site there must not change what the tests see.
 */
export const FIXTURE_STACKS = path.join(__dirname, "../fixtures/stacks");
/**
 * The example as shipped: a first deployment of a private hub in a new VPC, on a transit gateway,
 * that applies no Kubernetes objects yet (kubernetesObjects: false) and two sites.
 */
export const FIRST_DEPLOYMENT_STACKS = path.join(__dirname, "../fixtures/first-deployment");

/** A valid hub config (the shape of docs/CONFIG.md's example). */
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

/** A valid site config (the shape of docs/CONFIG.md's example). */
export function validSite(): any {
    return {
        name: "munich",
        hubStack: "hub",
        vpnServer: { publicIp: "203.0.113.10", asn: 65000 },
        nodeCidr: "10.80.1.0/24",
        podCidr: "10.96.1.0/24",
        podMaskSize: 26,
        bgp: { routerAddress: "10.80.1.1", routerAsn: 65000, nodesAsn: 65010 },
        tunnels: { insideCidrs: ["169.254.10.0/30", "169.254.10.4/30"] },
        nodes: { count: 3 },
    };
}

/** The same site as the Site component's `site` argument: its settings without the stack's hubStack. */
export function siteSettings(): any {
    const { hubStack: _, ...settings } = validSite();
    return settings;
}

/** The hub outputs a site reads: a virtual private gateway and SSM, as plain values. */
export function siteHubArgs(kubeconfig = "kubeconfig"): SiteHubArgs {
    return {
        clusterName: "hybrid-prod",
        clusterArn: "arn:aws:eks:eu-central-1:123456789012:cluster/hybrid-prod",
        region: "eu-central-1",
        gatewayType: GatewayType.Vgw,
        gatewayId: "vgw-0hub",
        nodeCredentials: NodeCredentials.Ssm,
        hybridNodeRoleName: "hybrid-nodes",
        hybridNodeRoleArn: "arn:aws:iam::123456789012:role/hybrid-nodes",
        kubeconfig,
        vpcCidrs: ["10.0.0.0/16"],
        remoteNodeNetworks: ["10.80.0.0/12"],
        remotePodNetworks: ["10.96.0.0/12"],
        kubernetesVersion: "1.33",
    };
}

/** The Cilium side of the example site munich, with BGP and a password. */
export function munichCilium(): SiteCiliumSettings {
    return {
        site: "munich",
        podCidr: "10.96.1.0/24",
        podMaskSize: 26,
        bgp: { routerAddress: "10.80.1.1", routerAsn: 65000, nodesAsn: 65010 },
        bgpPassword: true,
    };
}

/** A copy of the fixture stacks in a new temporary folder, every stack's protection lifted (`protect: false`). */
export function unprotectedFixtureStacks(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unprotected-stacks-"));
    for (const file of fs.readdirSync(FIXTURE_STACKS)) {
        const doc = YAML.parse(fs.readFileSync(path.join(FIXTURE_STACKS, file), "utf8"));
        for (const key of ["eks-hybrid:hub", "eks-hybrid:site"]) if (doc.config[key]) doc.config[key].protect = false;
        fs.writeFileSync(path.join(dir, file), YAML.stringify(doc));
    }
    return dir;
}

/** The hub of a folder under test: a transit gateway hub in eu-central-1. */
export function hubFile(change: (h: any) => void = () => {}): StackFile {
    const hub = validHub();
    hub.gateway.type = "tgw";
    change(hub);
    return {
        file: "Pulumi.hub.yaml",
        stack: "hub",
        config: { "aws:region": "eu-central-1", "eks-hybrid:kind": "hub", "eks-hybrid:hub": hub },
    };
}

/** Site number `i`: its own node, pod and tunnel ranges, VPN address and ASN. */
export function siteFile(i: number, change: (s: any) => void = () => {}): StackFile {
    const site = validSite();
    Object.assign(site, {
        name: `site${i}`,
        vpnServer: { publicIp: `203.0.113.${i}`, asn: 65000 + i },
        nodeCidr: `10.80.${i}.0/24`,
        podCidr: `10.96.${i}.0/24`,
        bgp: { ...site.bgp, routerAddress: `10.80.${i}.1` },
        tunnels: { insideCidrs: [`169.254.${i}0.0/30`, `169.254.${i}0.4/30`] },
    });
    change(site);
    return { file: `Pulumi.site${i}.yaml`, stack: `site${i}`, config: { "eks-hybrid:kind": "site", "eks-hybrid:site": site } };
}
