import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { StackFile } from "../../cli/stacks/stackFolder";
import { validateFolder } from "../../cli/stacks/validateFolder";
import { FIXTURE_STACKS, hubFile, siteFile, validSite } from "../support/fixtures";

const ROOT = path.join(__dirname, "../..");

/** The fixture hub on a transit gateway, which forwards between its sites. */
/** Site number `i` of a large fleet: a /26 of node and pod addresses each, its own public address, no inside CIDRs. */
function bulkSite(i: number, nodes = 2): StackFile {
    const slot = (base: number) => `10.${base + (i >> 10)}.${(i >> 2) & 255}.${(i & 3) * 64}/26`;
    const site = {
        ...validSite(),
        name: `s${i}`,
        vpnServer: { publicIp: `8.${8 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`, asn: 65000 },
        nodeCidr: slot(80),
        podCidr: slot(96),
        podMaskSize: 28,
        bgp: undefined,
        tunnels: undefined,
        nodes: { count: nodes },
    };
    return {
        file: `Pulumi.s${i}.yaml`,
        stack: `s${i}`,
        config: { "eks-hybrid:kind": "site", "eks-hybrid:site": JSON.parse(JSON.stringify(site)) },
    };
}

const problemsOf = (files: StackFile[]) => validateFolder(files).problems.map((p) => `${p.key}: ${p.message}`);

describe("npm run validate: the rules between stacks, each with its exact message", () => {
    it("accepts a hub with two sites and prints one line per stack", () => {
        const report = validateFolder([hubFile(), siteFile(1), siteFile(2)]);
        assert.deepEqual(report.problems, []);
        assert.deepEqual(report.summaries, [
            "hub (hub): cluster hybrid-prod 1.33, tgw, private endpoint, ssm, nodes 10.80.0.0/12, pods 10.96.0.0/12, 2 sites",
            "site1 (site site1 of hub): nodes 10.80.1.0/24, pods 10.96.1.0/24 /26, VPN 203.0.113.1 AS65001, 3 nodes",
            "site2 (site site2 of hub): nodes 10.80.2.0/24, pods 10.96.2.0/24 /26, VPN 203.0.113.2 AS65002, 3 nodes",
        ]);
    });

    it("warns when CoreDNS has fewer replicas than zones with nodes, and not before coredns runs", () => {
        const warningsOf = (change: (h: any) => void) =>
            validateFolder([hubFile(change), siteFile(1), siteFile(2)]).warnings.filter((w) => w.includes("corednsReplicas"));
        assert.deepEqual(
            warningsOf((h) => (h.cloudNodeGroup = { instanceTypes: ["m7i.large"] })),
            [
                "warning: Pulumi.hub.yaml: eks-hybrid:hub.corednsReplicas: 2 CoreDNS replicas for 4 zones with nodes (2 in the cloud, " +
                    "2 sites): a zone without one resolves across the WAN, and a site that loses its link loses DNS; set " +
                    "corednsReplicas to at least 4",
            ],
        );
        assert.deepEqual(
            warningsOf((h) => ((h.cloudNodeGroup = { instanceTypes: ["m7i.large"] }), (h.corednsReplicas = 4))),
            [],
        );
        assert.deepEqual(
            warningsOf((h) => (h.coredns = true)),
            [],
            "hybrid-only: one replica per site is enough for two sites at the default",
        );
        assert.equal(warningsOf((h) => ((h.coredns = true), (h.corednsReplicas = 1))).length, 1);
        assert.deepEqual(
            warningsOf(() => {}),
            [],
            "no coredns yet",
        );
    });

    it("reports a site outside the hub's supernets", () => {
        assert.deepEqual(
            problemsOf([
                hubFile(),
                siteFile(1, (s) => ((s.nodeCidr = "10.64.1.0/24"), (s.podCidr = "10.112.0.0/24"), (s.bgp.routerAddress = "10.64.1.1"))),
            ]),
            [
                'Pulumi.site1.yaml: eks-hybrid:site.nodeCidr: "10.64.1.0/24" is outside Pulumi.hub.yaml: ' +
                    "eks-hybrid:hub.remoteNodeNetworks; it must lie inside one of: 10.80.0.0/12",
                'Pulumi.site1.yaml: eks-hybrid:site.podCidr: "10.112.0.0/24" is outside Pulumi.hub.yaml: ' +
                    "eks-hybrid:hub.remotePodNetworks; it must lie inside one of: 10.96.0.0/12",
            ],
        );
    });

    it("reports two sites that overlap", () => {
        assert.deepEqual(problemsOf([hubFile(), siteFile(1), siteFile(2, (s) => ((s.podCidr = "10.96.1.128/25"), (s.podMaskSize = 27)))]), [
            'Pulumi.site2.yaml: eks-hybrid:site.podCidr: "10.96.1.128/25" overlaps Pulumi.site1.yaml: eks-hybrid:site.podCidr ' +
                '"10.96.1.0/24"; node and pod CIDRs of all sites must not overlap',
        ]);
    });

    it("reports a repeated site name and a repeated VPN server address", () => {
        assert.deepEqual(
            problemsOf([hubFile(), siteFile(1), siteFile(2, (s) => ((s.name = "site1"), (s.vpnServer.publicIp = "203.0.113.1")))]),
            [
                'Pulumi.site2.yaml: eks-hybrid:site.name: "site1" is also Pulumi.site1.yaml: eks-hybrid:site.name; site names ' +
                    "must be unique",
                'Pulumi.site2.yaml: eks-hybrid:site.vpnServer.publicIp: "203.0.113.1" is also Pulumi.site1.yaml: ' +
                    "eks-hybrid:site.vpnServer.publicIp; each site needs its own VPN server address",
            ],
        );
    });

    it("reports a tunnel inside CIDR used twice on one gateway", () => {
        assert.deepEqual(
            problemsOf([hubFile(), siteFile(1), siteFile(2, (s) => (s.tunnels.insideCidrs = ["169.254.10.4/30", "169.254.20.4/30"]))]),
            [
                'Pulumi.site2.yaml: eks-hybrid:site.tunnels.insideCidrs[0]: "169.254.10.4/30" overlaps Pulumi.site1.yaml: ' +
                    'eks-hybrid:site.tunnels.insideCidrs[1] "169.254.10.4/30"; tunnel inside CIDRs must be unique on one gateway',
            ],
        );
    });

    it("reports more than one site on a virtual private gateway, which cannot forward between static VPNs", () => {
        const vgw = (h: any) => (h.gateway = { type: "vgw", amazonSideAsn: 64512 });
        assert.deepEqual(problemsOf([hubFile(vgw), siteFile(1), siteFile(2)]), [
            'Pulumi.hub.yaml: eks-hybrid:hub.gateway.type: "vgw" cannot carry 2 sites (site1, site2): a virtual private gateway ' +
                "forwards between VPN connections only over BGP (VPN CloudHub), and the sites' VPNs use static routes, so their " +
                "nodes and pods could not reach each other; use gateway.type: tgw (its route table forwards between the sites), " +
                "or one site per hub",
        ]);
        assert.deepEqual(problemsOf([hubFile(vgw), siteFile(1)]), []);
        // A fleet that predates the rule can still be refreshed and taken down.
        assert.deepEqual(validateFolder([hubFile(vgw), siteFile(1), siteFile(2)], undefined, { removing: true }).problems, []);
        const sites = Array.from({ length: 11 }, (_, i) => siteFile(i + 1, (s) => delete s.tunnels));
        assert.deepEqual(problemsOf([hubFile(), ...sites]), []);
    });

    it("refuses more sites in a Region than the VPN connection and customer gateway quotas, unless the raised quota is stated", () => {
        const sites = Array.from({ length: 51 }, (_, i) => bulkSite(i));
        assert.deepEqual(problemsOf([hubFile(), ...sites]), [
            "Pulumi.hub.yaml: eks-hybrid:hub.quotas.vpnConnections: 51 sites in eu-central-1 need 51 Site-to-Site VPN connections; " +
                'the quota "Site-to-Site VPN connections per Region" is 50 by default; raise it in Service Quotas (ec2 L-3E6EC3A3), ' +
                "then state the new value under quotas.vpnConnections in the hub's stack file",
            "Pulumi.hub.yaml: eks-hybrid:hub.quotas.customerGateways: 51 sites in eu-central-1 need 51 customer gateways; the quota " +
                '"Customer gateways per Region" is 50 by default; raise it in Service Quotas (ec2 L-4FB7FF5D), then state the new ' +
                "value under quotas.customerGateways in the hub's stack file",
        ]);
        const raised = hubFile((h) => (h.quotas = { vpnConnections: 60, customerGateways: 60 }));
        assert.deepEqual(problemsOf([raised, ...sites]), []);
        assert.match(problemsOf([hubFile((h) => (h.quotas = { vpnConnections: 50 })), ...sites])[0], /is stated as 50 \(default 50\)/);
    });

    it("refuses a transit gateway past its 5,000 attachments and 10,000 routes (site 5,000)", function () {
        this.timeout(60_000);
        const sites = Array.from({ length: 5000 }, (_, i) => bulkSite(i));
        const hub = hubFile((h) => ((h.quotas = { vpnConnections: 5000, customerGateways: 5000 }), (h.ssmInstanceTier = "advanced")));
        assert.deepEqual(problemsOf([hub, ...sites]), [
            "Pulumi.hub.yaml: eks-hybrid:hub.gateway.type: 5000 sites and the VPC need 5001 attachments on one transit gateway; " +
                'the quota "Total number of transit gateway attachments per transit gateway" is 5000 by default; AWS does not raise ' +
                "it: split the sites over hubs",
            "Pulumi.hub.yaml: eks-hybrid:hub.quotas.transitGatewayRoutes: 5000 sites need 10001 routes in the transit gateway's " +
                'route table; the quota "Number of routes per transit gateway" is 10000 by default; raise it in Service Quotas ' +
                "(Amazon VPC Transit Gateway quotas), then state the new value under quotas.transitGatewayRoutes in the hub's stack file",
        ]);
        assert.deepEqual(problemsOf([hub, ...sites.slice(0, 4999)]), []);
    });

    it("asks for SSM's advanced-instances tier past 1,000 hybrid nodes in a Region", () => {
        const big = (i: number, nodes: number) => {
            const f = bulkSite(i, nodes);
            const site = f.config["eks-hybrid:site"] as any;
            Object.assign(site, { nodeCidr: `10.80.${4 * i}.0/22`, podCidr: `10.${96 + i}.0.0/16` });
            return f;
        };
        const sites = [big(1, 600), big(2, 401)];
        assert.deepEqual(problemsOf([hubFile(), ...sites]), [
            "Pulumi.hub.yaml: eks-hybrid:hub.ssmInstanceTier: 1001 hybrid nodes in eu-central-1 register with SSM activations, more " +
                'than the 1000 "Registered hybrid-activated nodes in the standard-instances tier, per account and Region"; set ' +
                "ssmInstanceTier: advanced (charged per node hour, see AWS Systems Manager pricing), or use nodeCredentials: iam-ra",
        ]);
        assert.deepEqual(problemsOf([hubFile((h) => (h.ssmInstanceTier = "advanced")), ...sites]), []);
    });

    it("reports a site in another Region than its hub, and lets refresh and destroy through a version past support", () => {
        const elsewhere = siteFile(1);
        elsewhere.config["aws:region"] = "eu-west-1";
        assert.deepEqual(problemsOf([hubFile(), elsewhere]), [
            'Pulumi.site1.yaml: aws:region: "eu-west-1" is not the Region of its hub Pulumi.hub.yaml ("eu-central-1"); a site\'s VPN ' +
                "attaches to the hub's gateway there: use the hub's aws:region",
        ]);
        const old = [hubFile((h) => (h.kubernetesVersion = "1.24")), siteFile(1, (s) => delete s.nodes.kubernetesVersion)];
        assert.deepEqual(problemsOf(old), [
            'Pulumi.hub.yaml: eks-hybrid:hub.kubernetesVersion: "1.24" reached the end of EKS extended support on 2025-01-31; ' +
                "use 1.32 or newer",
        ]);
        assert.deepEqual(validateFolder(old, undefined, { removing: true }).problems, []);
    });

    it("reports a customer gateway ASN equal to the Amazon-side ASN, the default one included", () => {
        assert.deepEqual(problemsOf([hubFile(), siteFile(1, (s) => (s.vpnServer.asn = 64512))]), [
            "Pulumi.site1.yaml: eks-hybrid:site.vpnServer.asn: 64512 is the Amazon-side ASN of Pulumi.hub.yaml " +
                "(eks-hybrid:hub.gateway.amazonSideAsn); the customer gateway needs a different ASN",
        ]);
        assert.deepEqual(problemsOf([hubFile((h) => delete h.gateway.amazonSideAsn), siteFile(1, (s) => (s.vpnServer.asn = 64512))]), [
            "Pulumi.site1.yaml: eks-hybrid:site.vpnServer.asn: 64512 is the Amazon-side ASN of Pulumi.hub.yaml (its default); " +
                "the customer gateway needs a different ASN",
        ]);
    });

    it("reports a hubStack that is not in the folder, naming the hubs that are", () => {
        assert.deepEqual(problemsOf([hubFile(), siteFile(1, (s) => (s.hubStack = "org/eks-hybrid/hub-prod"))]), [
            'Pulumi.site1.yaml: eks-hybrid:site.hubStack: "org/eks-hybrid/hub-prod" is not a hub stack of this folder; hub stacks ' +
                "here: hub",
        ]);
        assert.deepEqual(problemsOf([hubFile(), siteFile(1, (s) => (s.hubStack = "org/eks-hybrid/hub"))]), []);
    });

    it("reports a site with BGP under a hub whose Cilium runs without BGP", () => {
        assert.deepEqual(problemsOf([hubFile((h) => (h.cilium = { bgp: false })), siteFile(1), siteFile(2, (s) => delete s.bgp)]), [
            "Pulumi.site1.yaml: eks-hybrid:site.bgp: is set but Pulumi.hub.yaml has cilium.bgp: false, so Cilium runs without its " +
                "BGP control plane and the peering would never come up; remove bgp here or turn cilium.bgp on in the hub",
        ]);
    });

    it("reports a hub version that breaks the skew of a site's declared nodes, both ways", () => {
        const nodesAt = (i: number, version: string) => siteFile(i, (s) => (s.nodes = { count: 3, kubernetesVersion: version }));
        assert.deepEqual(problemsOf([hubFile(), nodesAt(1, "1.30"), nodesAt(2, "1.33")]), []);
        assert.deepEqual(problemsOf([hubFile(), nodesAt(1, "1.29"), nodesAt(2, "1.34")]), [
            'Pulumi.site1.yaml: eks-hybrid:site.nodes.kubernetesVersion: "1.29" is 4 minors older than the control plane\'s 1.33; ' +
                "nodes may be at most 3 minors older: upgrade this site's nodes (nodeadm upgrade, one minor at a time) before the " +
                "control plane (Pulumi.hub.yaml)",
            'Pulumi.site2.yaml: eks-hybrid:site.nodes.kubernetesVersion: "1.34" is newer than the control plane\'s 1.33; nodes are ' +
                "never newer than the control plane (Pulumi.hub.yaml)",
        ]);
    });

    it("reports a site without hosts under an IAM Roles Anywhere hub", () => {
        const hub = hubFile((h) => ((h.nodeCredentials = "iam-ra"), (h.iamRolesAnywhere = { caBundlePem: "-----BEGIN CERTIFICATE-----" })));
        assert.deepEqual(problemsOf([hub, siteFile(1)]), [
            "Pulumi.site1.yaml: eks-hybrid:site.nodes.hosts: missing; Pulumi.hub.yaml uses IAM Roles Anywhere, so every node is " +
                "listed by name (its certificate's CN)",
        ]);
    });

    it("reports each stack's own problems with its file", () => {
        assert.deepEqual(problemsOf([hubFile((h) => (h.serviceCidr = "10.96.0.0/16")), siteFile(1, (s) => (s.podMaskSize = 20))]), [
            'Pulumi.hub.yaml: eks-hybrid:hub.remotePodNetworks[0]: "10.96.0.0/12" overlaps Pulumi.hub.yaml: ' +
                'eks-hybrid:hub.serviceCidr "10.96.0.0/16"; the VPC, secondary, service, remote node and remote pod ranges must ' +
                "not overlap",
            "Pulumi.site1.yaml: eks-hybrid:site.podMaskSize: 20 is not longer than podCidr's /24; each node's slice must be " +
                "smaller than the pool, use 25 to 30",
        ]);
    });

    it("reports a missing hub even for a site with problems of its own", () => {
        assert.deepEqual(problemsOf([siteFile(1, (s) => (s.podMaskSize = 20))]), [
            "Pulumi.site1.yaml: eks-hybrid:site.podMaskSize: 20 is not longer than podCidr's /24; each node's slice must be " +
                "smaller than the pool, use 25 to 30",
            'Pulumi.site1.yaml: eks-hybrid:site.hubStack: "hub" is not a hub stack of this folder; hub stacks here: none',
        ]);
    });
});

describe("npm run validate (the command)", () => {
    const run = (...args: string[]) =>
        spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "cli/validate.ts", ...args], { cwd: ROOT, encoding: "utf8" });

    it("passes on the example stacks with a summary per stack", () => {
        const result = run("--stacks", FIXTURE_STACKS);
        assert.equal(result.status, 0, result.stderr);
        assert.deepEqual(result.stdout.trim().split("\n"), [
            "hub (hub): cluster hybrid-prod 1.33, tgw, private endpoint, ssm, nodes 10.80.0.0/12, pods 10.96.0.0/12, 2 sites",
            "site-berlin (site berlin of hub): nodes 10.80.2.0/24, pods 10.96.2.0/23 /26, VPN 198.51.100.20 AS65100, 2 nodes",
            "site-munich (site munich of hub): nodes 10.80.1.0/24, pods 10.96.1.0/24 /26, VPN 203.0.113.10 AS65000, 3 nodes",
            // On the tests' pinned day (2026-12-03) 1.33 is in extended support.
            "warning: Pulumi.hub.yaml: eks-hybrid:hub.kubernetesVersion: Kubernetes 1.33 is in EKS extended support since " +
                "2026-07-29 (until 2027-07-29): about $365 a month more per cluster than standard support; upgrade",
        ]);
    });

    it("prints every problem with file and key and exits 1 for another folder", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
        try {
            fs.copyFileSync(path.join(FIXTURE_STACKS, "Pulumi.hub.yaml"), path.join(dir, "Pulumi.hub.yaml"));
            const site = siteFile(1, (s) => ((s.nodeCidr = "10.96.1.0/25"), (s.bgp.routerAddress = "10.96.1.1")));
            fs.writeFileSync(path.join(dir, "Pulumi.site1.yaml"), YAML.stringify({ config: site.config }));
            fs.writeFileSync(path.join(dir, "Pulumi.broken.yaml"), "config: [unclosed\n");
            const result = run("--stacks", dir);
            assert.equal(result.status, 1);
            assert.deepEqual(result.stdout.trim().split("\n"), [
                `${dir}: 3 problems`,
                "  - Pulumi.broken.yaml: is not valid YAML: Flow sequence in block collection must be sufficiently indented and " +
                    "end with a ] at line 2, column 1",
                '  - Pulumi.site1.yaml: eks-hybrid:site.podCidr: "10.96.1.0/24" overlaps Pulumi.site1.yaml: ' +
                    'eks-hybrid:site.nodeCidr "10.96.1.0/25"; a site\'s node and pod CIDRs must be disjoint',
                // The site's node CIDR had no problem of its own: the rules between stacks still check it.
                '  - Pulumi.site1.yaml: eks-hybrid:site.nodeCidr: "10.96.1.0/25" is outside Pulumi.hub.yaml: ' +
                    "eks-hybrid:hub.remoteNodeNetworks; it must lie inside one of: 10.80.0.0/12",
                "  not checked: Pulumi.site1.yaml: eks-hybrid:site.podCidr has a problem; rules between stacks left out " +
                    "for it: pod networking against the hub's mode; the pod CIDR inside the hub's remotePodNetworks; the pod CIDR " +
                    "clear of the other sites' ranges",
            ]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("names a folder that does not exist", () => {
        const result = run("--stacks", "no-such-folder");
        assert.equal(result.status, 1);
        assert.equal(
            result.stdout,
            "no-such-folder: 1 problem\n  - no-such-folder: is not a folder; --stacks takes the folder that holds the " +
                "Pulumi.<stack>.yaml files\n",
        );
    });

    it("reports files that look like stack files but are not named Pulumi.<stack>.yaml", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
        try {
            fs.writeFileSync(path.join(dir, "Pulumi.hub.yaml"), YAML.stringify({ config: hubFile().config }));
            for (const name of ["pulumi.site-munich.yaml", "Pulumi.site-berlin.yaml.bak", "site-paris.yml"]) {
                fs.writeFileSync(path.join(dir, name), YAML.stringify({ config: siteFile(1).config }));
            }
            fs.writeFileSync(path.join(dir, "notes.txt"), "not a stack");
            const result = run("--stacks", dir);
            assert.equal(result.status, 1);
            const rule = (file: string) =>
                `  - ${file}: looks like a stack file but is not named Pulumi.<stack>.yaml, so Pulumi and these commands would not ` +
                `read it; rename it to Pulumi.<stack>.yaml or move it out of ${dir}`;
            assert.deepEqual(result.stdout.trimEnd().split("\n"), [
                `${dir}: 3 problems`,
                rule("Pulumi.site-berlin.yaml.bak"),
                rule("pulumi.site-munich.yaml"),
                rule("site-paris.yml"),
            ]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("npm run validate: a folder with a dozen mistakes in different stacks", () => {
    const folder = () => [
        hubFile((h) => {
            h.serviceCidr = "8.8.0.0/16"; // 1: outside RFC 1918
            h.gateway.amazonSideAsn = 70000; // 2: not a private ASN; the ASN clash rule cannot run
        }),
        siteFile(1, (s) => {
            s.podMaskSize = 33; // 3: no prefix length; the node CIDR is still compared
            s.nodeCidr = "10.80.2.0/24"; // 4: site 2's node CIDR
            s.bgp.routerAddress = "10.80.2.1";
        }),
        siteFile(2, (s) => {
            s.vpnServer.publicIp = "203.0.113.1"; // 5: site 1's VPN server address
            s.podMaskSze = 26; // 6: misspelt key
        }),
        siteFile(3, (s) => {
            s.name = "site1"; // 7: site 1's name
            s.nodeCidr = "10.200.3.0/24"; // 8: outside the hub's remoteNodeNetworks
            s.bgp.routerAddress = "10.200.3.1";
            s.vpnServer.asn = "65003"; // 9: a string
        }),
        siteFile(4, (s) => {
            s.hubStack = "hubb"; // 10: no such hub stack
            s.tunnels.insideCidrs = ["169.254.10.0/30", "169.254.40.4/29"]; // 11: site 1's first, and a /29
            s.nodes = { count: 0 }; // 12: no nodes
        }),
    ];

    it("reports every problem in one run, and each rule between stacks a problem kept from running", () => {
        const report = validateFolder(folder());
        assert.deepEqual(
            report.problems.map((p) => `${p.key}: ${p.message}`),
            [
                // Each stack's own rules,
                'Pulumi.hub.yaml: eks-hybrid:hub.serviceCidr: "8.8.0.0/16" is outside RFC 1918; it must lie inside one of: 10.0.0.0/8, ' +
                    "172.16.0.0/12, 192.168.0.0/16",
                "Pulumi.hub.yaml: eks-hybrid:hub.gateway.amazonSideAsn: 70000 is not a private ASN AWS accepts; use 64512-65534 or " +
                    "4200000000-4294967294",
                "Pulumi.site1.yaml: eks-hybrid:site.podMaskSize: 33 is not valid; expected a prefix length from 8 to 30, such as 26",
                "Pulumi.site2.yaml: eks-hybrid:site.podMaskSze: unknown key; did you mean podMaskSize?; valid keys: name, hubStack, " +
                    "vpnServer, nodeCidr, podCidr, podMaskSize, loadBalancerCidr, bgp, tunnels, monitoring, protect, nodes, tags",
                'Pulumi.site3.yaml: eks-hybrid:site.vpnServer.asn: "65003" is a string; expected the VPN server\'s ASN: an ASN from 1 ' +
                    "to 4294967294, such as 65000",
                "Pulumi.site4.yaml: eks-hybrid:site.nodes.count: 0 is not valid; expected a node count from 1 to 1000",
                'Pulumi.site4.yaml: eks-hybrid:site.tunnels.insideCidrs[1]: "169.254.40.4/29" has host bits set; use 169.254.40.0/29',
                'Pulumi.site4.yaml: eks-hybrid:site.hubStack: "hubb" is not a hub stack of this folder; hub stacks here: hub',
                // then the rules between stacks, over what each stack still holds.
                'Pulumi.site3.yaml: eks-hybrid:site.nodeCidr: "10.200.3.0/24" is outside Pulumi.hub.yaml: ' +
                    "eks-hybrid:hub.remoteNodeNetworks; it must lie inside one of: 10.80.0.0/12",
                'Pulumi.site2.yaml: eks-hybrid:site.nodeCidr: "10.80.2.0/24" overlaps Pulumi.site1.yaml: eks-hybrid:site.nodeCidr ' +
                    '"10.80.2.0/24"; node and pod CIDRs of all sites must not overlap',
                'Pulumi.site3.yaml: eks-hybrid:site.name: "site1" is also Pulumi.site1.yaml: eks-hybrid:site.name; site names must ' +
                    "be unique",
                'Pulumi.site2.yaml: eks-hybrid:site.vpnServer.publicIp: "203.0.113.1" is also Pulumi.site1.yaml: ' +
                    "eks-hybrid:site.vpnServer.publicIp; each site needs its own VPN server address",
            ],
        );
        assert.deepEqual(report.notRun, [
            "not checked: Pulumi.site4.yaml: eks-hybrid:site.hubStack has a problem; rules between stacks left out for it: every " +
                "rule against a hub and its sites",
            "not checked: Pulumi.site1.yaml: eks-hybrid:site.podMaskSize has a problem; rules between stacks left out for it: pod " +
                "networking against the hub's mode",
            "not checked: Pulumi.hub.yaml: eks-hybrid:hub.gateway.amazonSideAsn has a problem; rules between stacks left out for " +
                "it: the ASN against the hub's gateway",
        ]);
    });
});

describe("npm run validate: stacks broken where the rules between stacks read", () => {
    const notRunOf = (files: StackFile[]) => validateFolder(files).notRun;

    it("takes a hub whose gateway is no map, with no site, without crashing", () => {
        const report = validateFolder([hubFile((h) => (h.gateway = "tgw"))]);
        assert.deepEqual(
            report.problems.map((p) => p.key),
            ["Pulumi.hub.yaml: eks-hybrid:hub.gateway"],
        );
        assert.deepEqual(report.notRun, []);
    });

    it("names the key the problem is at, the Region and Cilium's BGP switch among them", () => {
        assert.deepEqual(
            notRunOf([
                hubFile((h) => (h.cilium = { bgp: "no" })),
                siteFile(1, (s) => (s.vpnServer = "203.0.113.1")),
                { ...siteFile(2), config: { ...siteFile(2).config, "aws:region": "mars-1" } },
            ]),
            [
                "not checked: Pulumi.site2.yaml: aws:region has a problem; rules between stacks left out for it: the Region " +
                    "against its hub's or its sites'",
                "not checked: Pulumi.site1.yaml: eks-hybrid:site.vpnServer has a problem; rules between stacks left out for it: " +
                    "unique VPN server addresses; the ASN against the hub's gateway",
                "not checked: Pulumi.hub.yaml: eks-hybrid:hub.cilium.bgp has a problem; rules between stacks left out for it: " +
                    "BGP against the hub's Cilium",
            ],
        );
    });

    it("says once that a hub whose settings cannot be read keeps its sites from every rule", () => {
        const hub = hubFile();
        hub.config["eks-hybrid:hub"] = ["not", "a", "map"];
        assert.deepEqual(notRunOf([hub, siteFile(1)]), [
            "not checked: Pulumi.hub.yaml: eks-hybrid:hub has a problem; rules between stacks left out for it: every rule " +
                "between the hub and its sites",
        ]);
    });
});
