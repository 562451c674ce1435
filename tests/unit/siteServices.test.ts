import { strict as assert } from "assert";
import { validateFolder } from "../../cli/stacks/validateFolder";
import { StackFile } from "../../cli/stacks/stackFolder";
import { CrdValidator } from "../../components/config/crdSchema";
import { Problems } from "../../components/config/problems";
import { Hub } from "../../components/hub/hub";
import { IpsecMode } from "../../components/onprem/enums";
import { Site } from "../../components/site/site";
import { checkSite } from "../../components/site/validateSite";
import { quotaText } from "../../components/network/quotas";
import { hubFile, siteFile, siteHubArgs, siteSettings, validHub, validSite } from "../support/fixtures";
import { MockCloud } from "../support/mockCloud";

// A site serving LoadBalancer Services from its nodes: the addresses, their announcement, and every
// path to them (the site router, the VPN, the VPC's route tables, the other sites).

const LB = "10.112.1.0/24";
const CRDS: Record<string, CrdValidator> = {
    CiliumLoadBalancerIPPool: new CrdValidator("cilium-1.18/crds/v2-ciliumloadbalancerippools.yaml"),
    CiliumBGPAdvertisement: new CrdValidator("cilium-1.18/crds/v2-ciliumbgpadvertisements.yaml"),
    CiliumBGPPeerConfig: new CrdValidator("cilium-1.18/crds/v2-ciliumbgppeerconfigs.yaml"),
};

async function servingSite(change: (s: any) => void = () => {}) {
    const site = siteSettings();
    site.loadBalancerCidr = LB;
    site.vpnServer.lanAddress = "10.80.1.2";
    site.vpnServer.ipsecMode = IpsecMode.Userspace;
    change(site);
    const hub = { ...siteHubArgs(), loadBalancerNetworks: ["10.112.0.0/16"] };
    return MockCloud.run(() => new Site("munich", { site, hub, activationExpiry: "2026-12-22T00:00:00Z" }));
}

describe("a site serving LoadBalancer Services (loadBalancerCidr)", () => {
    it("gives Services labelled for the site an address of its pool, announced by the site's nodes only", async () => {
        const { cloud } = await servingSite();
        const pool = cloud.named("munich-cilium-cilium-load-balancer-ip-pool").inputs;
        assert.deepEqual(pool, {
            apiVersion: "cilium.io/v2",
            kind: "CiliumLoadBalancerIPPool",
            metadata: { name: "site-munich" },
            spec: { blocks: [{ cidr: LB }], serviceSelector: { matchLabels: { "eks-hybrid/site": "munich" } } },
        });
        const advertisement = cloud.named("munich-cilium-cilium-bgp-advertisement").inputs;
        assert.deepEqual(advertisement.spec, {
            advertisements: [
                {
                    advertisementType: "Service",
                    service: { addresses: ["LoadBalancerIP"] },
                    selector: { matchLabels: { "eks-hybrid/site": "munich" } },
                },
            ],
        });
        assert.deepEqual(advertisement.metadata.labels, { "eks-hybrid/advertisement": "site-munich-services" });
        const peer = cloud.named("munich-cilium-cilium-bgp-peer-config").inputs;
        assert.deepEqual(peer.spec.families[0].advertisements, {
            matchExpressions: [{ key: "eks-hybrid/advertisement", operator: "In", values: ["site-pod-pools", "site-munich-services"] }],
        });
        for (const o of [pool, advertisement, peer]) assert.deepEqual(CRDS[o.kind].errors(o), [], o.kind);
    });

    it("routes the CIDR over the site's VPN as a third static route", async () => {
        const { cloud } = await servingSite();
        assert.deepEqual(
            cloud
                .ofType("aws:ec2/vpnConnectionRoute:VpnConnectionRoute")
                .map((r) => r.inputs.destinationCidrBlock)
                .sort(),
            ["10.112.1.0/24", "10.80.1.0/24", "10.96.1.0/24"],
        );
    });

    it("has the router accept the site's Services' addresses and the VPN server route them to it and admit them", async () => {
        const { result } = await servingSite();
        const frr: string = await (result.routerConfig as any).promise();
        assert.ok(frr.includes("\nip prefix-list MUNICH-SERVICES seq 10 permit 10.112.1.0/24 le 32\n"), frr);
        assert.ok(frr.includes("\nroute-map HYBRID-NODES-IN permit 20\n match ip address prefix-list MUNICH-SERVICES\nexit\n"));
        const files: Record<string, string> = await (result.vpnServerConfig as any).promise();
        assert.match(files["setup.sh"], /\n {4}ip route replace 10\.112\.1\.0\/24 via 10\.80\.1\.1 \|\| echo /);
        assert.match(files["setup.sh"], /ip daddr \{ 10\.80\.1\.0\/24, 10\.96\.1\.0\/24, 10\.112\.1\.0\/24 \} accept/);
        // The other sites' Services go through the tunnels, this site's never.
        assert.match(files["updown.sh"], /ip route replace 10\.112\.0\.0\/24 dev "\$dev"/);
        assert.doesNotMatch(files["updown.sh"], /ip route replace 10\.112\.1\.0\/24/);
    });

    it("makes nothing of the kind without a loadBalancerCidr", async () => {
        const { cloud } = await servingSite((s) => delete s.loadBalancerCidr);
        assert.deepEqual(
            cloud.registrations.filter((r) => /load-balancer|bgp-advertisement/.test(r.name)),
            [],
        );
        assert.equal(cloud.ofType("aws:ec2/vpnConnectionRoute:VpnConnectionRoute").length, 2);
    });

    it("routes the hub's loadBalancerNetworks from every private route table to the gateway", async () => {
        const { cloud } = await MockCloud.run(() => new Hub("hub", { ...validHub(), loadBalancerNetworks: ["10.112.0.0/16"] }));
        const routes = cloud.ofType("aws:ec2/route:Route").filter((r) => r.inputs.destinationCidrBlock === "10.112.0.0/16");
        assert.equal(routes.length, 2);
        for (const r of routes) assert.equal(r.inputs.gatewayId, "hub-network-vgw-id");
    });

    describe("rules", () => {
        const siteProblems = (change: (s: any) => void) => {
            const problems = new Problems();
            const site = siteSettings();
            change(site);
            checkSite(site, "site", problems);
            return problems.all.map((p) => `${p.key}: ${p.message}`);
        };

        it("needs bgp, and an address range apart from the site's node and pod CIDRs", () => {
            assert.deepEqual(
                siteProblems((s) => ((s.loadBalancerCidr = "10.96.1.128/25"), delete s.bgp)),
                [
                    'site.loadBalancerCidr: "10.96.1.128/25" overlaps site.podCidr "10.96.1.0/24"; a site\'s load balancer CIDR must be ' +
                        "apart from its node and pod CIDRs",
                    "site.loadBalancerCidr: needs bgp: the site's nodes announce the Services' addresses to the site router over " +
                        "BGP; add bgp or remove loadBalancerCidr",
                ],
            );
        });

        it("needs a site name short enough for its Service advertisement's label", () => {
            const name = `s${"x".repeat(49)}`;
            assert.deepEqual(
                siteProblems((s) => ((s.name = name), (s.loadBalancerCidr = LB))),
                [
                    `site.loadBalancerCidr: needs a site name of at most 49 characters (${JSON.stringify(name)} has 50): the site's ` +
                        "Service advertisement is labelled site-<name>-services, and a Kubernetes label value holds at most 63",
                ],
            );
            assert.deepEqual(
                siteProblems((s) => ((s.name = name.slice(1)), (s.loadBalancerCidr = LB))),
                [],
            );
        });

        const lbHub = (networks?: string[]) => hubFile((h) => networks && (h.loadBalancerNetworks = networks));
        const lbSite = (i: number, lb: string) => siteFile(i, (s) => (s.loadBalancerCidr = lb));
        const folder = (files: StackFile[]) => validateFolder(files).problems.map((p) => `${p.key}: ${p.message}`);

        it("takes each site's CIDR only inside the hub's loadBalancerNetworks, and no two sites' overlapping", () => {
            assert.deepEqual(folder([lbHub(["10.112.0.0/16"]), lbSite(1, "10.112.1.0/24"), lbSite(2, "10.112.2.0/24")]), []);
            assert.deepEqual(folder([lbHub(), lbSite(1, "10.112.1.0/24")]), [
                'Pulumi.site1.yaml: eks-hybrid:site.loadBalancerCidr: "10.112.1.0/24" needs Pulumi.hub.yaml to list the supernets the ' +
                    "sites' load balancer CIDRs come from (eks-hybrid:hub.loadBalancerNetworks), so the VPC and the other sites route " +
                    "to it",
            ]);
            assert.deepEqual(
                folder([lbHub(["10.112.0.0/16"]), lbSite(1, "10.113.1.0/24"), lbSite(2, "10.112.0.0/23"), lbSite(3, "10.112.1.0/24")]),
                [
                    'Pulumi.site1.yaml: eks-hybrid:site.loadBalancerCidr: "10.113.1.0/24" is outside Pulumi.hub.yaml\'s ' +
                        "loadBalancerNetworks (10.112.0.0/16)",
                    'Pulumi.site3.yaml: eks-hybrid:site.loadBalancerCidr: "10.112.1.0/24" overlaps Pulumi.site2.yaml: ' +
                        'eks-hybrid:site.loadBalancerCidr "10.112.0.0/23"; each site needs load balancer addresses of its own',
                ],
            );
        });

        it("counts the third static route of each serving site against the transit gateway's 10,000 routes", () => {
            const fleet = (serving: boolean): StackFile[] => {
                const hub = lbHub(["10.112.0.0/12"]);
                Object.assign(hub.config["eks-hybrid:hub"] as any, {
                    quotas: { vpnConnections: 4000, customerGateways: 4000 },
                    ssmInstanceTier: "advanced",
                });
                const sites = Array.from({ length: 3334 }, (_, i): StackFile => {
                    const site = validSite();
                    const block = (base: number) => `10.${base + (i >> 10)}.${(i >> 2) & 255}.${(i & 3) * 64}`;
                    Object.assign(site, {
                        name: `s${i}`,
                        vpnServer: { publicIp: `198.${18 + (i >> 8)}.${i & 255}.1`, asn: 65001 },
                        nodeCidr: `${block(80)}/26`,
                        podCidr: `${block(96)}/26`,
                        podMaskSize: 28,
                        bgp: { ...site.bgp, routerAddress: `${block(80).replace(/\d+$/, (d) => String(Number(d) + 1))}` },
                        tunnels: {},
                        ...(serving ? { loadBalancerCidr: `${block(112)}/26` } : {}),
                    });
                    return { file: `Pulumi.s${i}.yaml`, stack: `s${i}`, config: { "eks-hybrid:kind": "site", "eks-hybrid:site": site } };
                });
                return [hub, ...sites];
            };
            assert.deepEqual(folder(fleet(false)), []);
            assert.deepEqual(folder(fleet(true)), [
                "Pulumi.hub.yaml: eks-hybrid:hub.quotas.transitGatewayRoutes: 3334 sites need 10003 routes in the transit gateway's " +
                    `route table; ${quotaText("transitGatewayRoutes")}`,
            ]);
        });

        it("refuses hub loadBalancerNetworks that overlap the remote networks", () => {
            const report = folder([lbHub(["10.96.0.0/16"])]);
            assert.deepEqual(report, [
                'Pulumi.hub.yaml: eks-hybrid:hub.loadBalancerNetworks[0]: "10.96.0.0/16" overlaps Pulumi.hub.yaml: ' +
                    'eks-hybrid:hub.remotePodNetworks[0] "10.96.0.0/12"; the VPC, secondary, service, remote node and remote pod ranges ' +
                    "must not overlap",
            ]);
        });
    });
});
