import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { ConfigError } from "../../components/config/problems";
import { closestKey } from "../../components/config/structure";
import { parseHubConfig } from "../../components/hub/validateHub";
import { FIXTURE_STACKS, validHub } from "../support/fixtures";

const H = "eks-hybrid:hub";

/** The exact problem lines parseHubConfig reports for `hub` (none when valid). */
function problemsOf(hub: unknown): string[] {
    try {
        parseHubConfig(hub);
        return [];
    } catch (e) {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${e}`);
        return e.problems.map((p) => `${p.key}: ${p.message}`);
    }
}

function withChange(change: (hub: any) => void): any {
    const hub = validHub();
    change(hub);
    return hub;
}

describe("hub config: valid input", () => {
    it("accepts docs/CONFIG.md's example shape", () => {
        assert.deepEqual(problemsOf(validHub()), []);
    });

    it("accepts the example hub stack file", () => {
        const doc = YAML.parse(fs.readFileSync(path.join(FIXTURE_STACKS, "Pulumi.hub.yaml"), "utf8"));
        assert.equal(parseHubConfig(doc.config[H]).clusterName, "hybrid-prod");
    });

    it("accepts an existing VPC, a transit gateway by id, a public endpoint and IAM Roles Anywhere", () => {
        const hub = withChange((h) => {
            h.vpc = { cidr: "10.1.0.0/16", id: "vpc-0abc", privateSubnetIds: ["subnet-01", "subnet-02"], routeTableIds: ["rtb-01"] };
            h.gateway = { type: "tgw", id: "tgw-0abc" };
            h.endpointAccess = "public";
            h.publicAccessCidrs = ["203.0.113.0/24"];
            h.nodeCredentials = "iam-ra";
            h.iamRolesAnywhere = { acmPcaArn: "arn:aws:acm-pca:eu-central-1:123456789012:certificate-authority/abc" };
        });
        assert.deepEqual(problemsOf(hub), []);
    });
});

describe("hub config: every rule with its exact message", () => {
    const cases: [string, (h: any) => void, string[]][] = [
        [
            "an unknown key",
            (h) => (h.vpcCidr = "10.0.0.0/16"),
            [
                `${H}.vpcCidr: unknown key; valid keys: clusterName, kubernetesVersion, vpc, serviceCidr, remoteNodeNetworks, ` +
                    `remotePodNetworks, loadBalancerNetworks, ` +
                    `gateway, endpointAccess, alertTopicArn, publicAccessCidrs, allowApiFromAnywhere, apiAccessCidrs, ` +
                    `temporaryPublicAccessCidrs, kubernetesObjects, privateEndpoints, ` +
                    `podIdentity, protect, nodeCredentials, iamRolesAnywhere, clusterAdmins, clusterCreatorAdmin, ` +
                    `iamPermissionsBoundary, kubeconfig, ` +
                    `authenticationMode, ` +
                    `clusterLogTypes, webhookPorts, ` +
                    `cloudNodeGroup, coredns, corednsReplicas, cilium, podNetworking, loadBalancerController, ` +
                    `customNetworking, quotas, ssmInstanceTier, tags`,
            ],
        ],
        [
            "an unknown nested key",
            (h) => (h.gateway.asn = 1),
            [`${H}.gateway.asn: unknown key; valid keys: type, amazonSideAsn, id, ownerAccountId`],
        ],
        ["a missing required key", (h) => delete h.serviceCidr, [`${H}.serviceCidr: missing; expected an IPv4 CIDR such as 172.20.0.0/16`]],
        [
            "an unquoted Kubernetes version",
            (h) => (h.kubernetesVersion = 1.3),
            [`${H}.kubernetesVersion: 1.3 is a number; expected a quoted Kubernetes minor version such as "1.33"`],
        ],
        [
            "a bad cluster name",
            (h) => (h.clusterName = "-bad name"),
            [
                `${H}.clusterName: "-bad name" is not valid; expected an EKS cluster name: 1-100 letters, digits, - and _, ` +
                    `starting with a letter or digit`,
            ],
        ],
        [
            "a CIDR that does not parse",
            (h) => (h.remoteNodeNetworks = ["10.80.0.0/33"]),
            [`${H}.remoteNodeNetworks[0]: "10.80.0.0/33" is not an IPv4 CIDR; expected a network such as 10.80.0.0/12`],
        ],
        [
            "no cluster creator admin and no other admin, while the hub applies Kubernetes objects",
            (h) => ((h.clusterCreatorAdmin = false), (h.kubernetesObjects = true)),
            [
                `${H}.clusterCreatorAdmin: false leaves the cluster without an admin, yet the hub applies Kubernetes objects: list ` +
                    "the deployer's role in clusterAdmins and sign the kubeconfig as it (kubeconfig.roleArn), or keep true",
            ],
        ],
        ["a CIDR with host bits", (h) => (h.vpc.cidr = "10.0.0.1/16"), [`${H}.vpc.cidr: "10.0.0.1/16" has host bits set; use 10.0.0.0/16`]],
        [
            "a public remote network",
            (h) => (h.remotePodNetworks = ["8.8.0.0/16"]),
            [
                `${H}.remotePodNetworks[0]: "8.8.0.0/16" is outside RFC 1918; it must lie inside one of: ` +
                    `10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16`,
            ],
        ],
        [
            "a remote network in the shared address space, which EKS refuses",
            (h) => (h.remotePodNetworks = ["100.64.0.0/12"]),
            [
                `${H}.remotePodNetworks[0]: "100.64.0.0/12" is outside RFC 1918; it must lie inside one of: ` +
                    `10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16`,
            ],
        ],
        [
            "a remote network shorter than /8",
            (h) => (h.remoteNodeNetworks = ["0.0.0.0/0"]),
            [
                `${H}.remoteNodeNetworks[0]: "0.0.0.0/0" is outside RFC 1918; it must lie inside one of: ` +
                    `10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16`,
                `${H}.remoteNodeNetworks[0]: "0.0.0.0/0" is a /0; a remote network must be /8 to /32`,
            ],
        ],
        [
            "a remote network overlapping the VPC",
            (h) => (h.remoteNodeNetworks = ["10.0.0.0/12"]),
            [
                `${H}.remoteNodeNetworks[0]: "10.0.0.0/12" overlaps ${H}.vpc.cidr "10.0.0.0/16"; the VPC, secondary, service, ` +
                    `remote node and remote pod ranges must not overlap`,
            ],
        ],
        [
            "node and pod supernets overlapping",
            (h) => (h.remotePodNetworks = ["10.88.0.0/16"]),
            [
                `${H}.remotePodNetworks[0]: "10.88.0.0/16" overlaps ${H}.remoteNodeNetworks[0] "10.80.0.0/12"; the VPC, ` +
                    `secondary, service, remote node and remote pod ranges must not overlap`,
            ],
        ],
        [
            "two node supernets overlapping",
            (h) => (h.remoteNodeNetworks = ["10.80.0.0/12", "10.81.0.0/16"]),
            [
                `${H}.remoteNodeNetworks[1]: "10.81.0.0/16" overlaps ${H}.remoteNodeNetworks[0] "10.80.0.0/12"; the VPC, ` +
                    `secondary, service, remote node and remote pod ranges must not overlap`,
            ],
        ],
        [
            "the service CIDR overlapping a supernet",
            (h) => (h.serviceCidr = "10.96.0.0/16"),
            [
                `${H}.remotePodNetworks[0]: "10.96.0.0/12" overlaps ${H}.serviceCidr "10.96.0.0/16"; the VPC, secondary, service, ` +
                    `remote node and remote pod ranges must not overlap`,
            ],
        ],
        [
            "the service CIDR outside RFC 1918 and too large",
            (h) => (h.serviceCidr = "100.64.0.0/10"),
            [
                `${H}.serviceCidr: "100.64.0.0/10" is outside RFC 1918; it must lie inside one of: 10.0.0.0/8, 172.16.0.0/12, ` +
                    `192.168.0.0/16`,
                `${H}.serviceCidr: "100.64.0.0/10" is a /10; the EKS service CIDR must be /12 to /24`,
            ],
        ],
        [
            "a VPC CIDR too large",
            (h) => (h.vpc.cidr = "10.0.0.0/8"),
            [
                // Its overlaps with the supernets are not repeated: the range itself is the mistake.
                `${H}.vpc.cidr: "10.0.0.0/8" is a /8; a VPC CIDR must be /16 to /24`,
            ],
        ],
        [
            "a secondary CIDR overlapping the VPC",
            (h) => (h.customNetworking = { secondaryCidr: "10.0.0.0/16" }),
            [
                `${H}.customNetworking.secondaryCidr: "10.0.0.0/16" overlaps ${H}.vpc.cidr "10.0.0.0/16"; the VPC, secondary, ` +
                    `service, remote node and remote pod ranges must not overlap`,
            ],
        ],
        [
            "a public secondary CIDR",
            (h) => (h.customNetworking = { secondaryCidr: "198.18.0.0/16" }),
            [
                `${H}.customNetworking.secondaryCidr: "198.18.0.0/16" is outside RFC 1918 and 100.64.0.0/10; it must lie inside ` +
                    `one of: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10`,
            ],
        ],
        [
            "too few availability zones",
            (h) => (h.vpc.availabilityZones = 1),
            [`${H}.vpc.availabilityZones: 1 is not valid; expected a number of availability zones from 2 to 6`],
        ],
        [
            "an existing VPC without subnets and route tables",
            (h) => (h.vpc = { cidr: "10.0.0.0/16", id: "vpc-0abc", availabilityZones: 2 }),
            [
                `${H}.vpc.availabilityZones: 2 is set with vpc.id; an existing VPC brings its own subnets, remove it`,
                `${H}.vpc.privateSubnetIds: missing; an existing VPC (vpc.id) needs its privateSubnetIds listed`,
                `${H}.vpc.routeTableIds: missing; an existing VPC (vpc.id) needs its routeTableIds listed`,
            ],
        ],
        [
            "subnet ids without an existing VPC",
            (h) => (h.vpc.privateSubnetIds = ["subnet-01", "subnet-02"]),
            [
                `${H}.vpc.privateSubnetIds: ["subnet-01","subnet-02"] is set without vpc.id; set vpc.id for an existing VPC or ` +
                    `remove privateSubnetIds`,
            ],
        ],
        ["an unknown gateway type", (h) => (h.gateway.type = "dx"), [`${H}.gateway.type: "dx" is not valid; use one of: vgw, tgw`]],
        [
            "a public Amazon-side ASN",
            (h) => (h.gateway.amazonSideAsn = 7224),
            [`${H}.gateway.amazonSideAsn: 7224 is not a private ASN AWS accepts; use 64512-65534 or 4200000000-4294967294`],
        ],
        [
            "an id with a virtual private gateway",
            (h) => (h.gateway.id = "tgw-0abc"),
            [`${H}.gateway.id: "tgw-0abc" is set with type vgw; only an existing transit gateway can be given by id (type: tgw)`],
        ],
        [
            "an ASN with an existing transit gateway",
            (h) => (h.gateway = { type: "tgw", id: "tgw-0abc", amazonSideAsn: 64512 }),
            [
                `${H}.gateway.amazonSideAsn: 64512 is set with an existing transit gateway (gateway.id); its ASN is fixed, remove ` +
                    `amazonSideAsn`,
            ],
        ],
        [
            "endpoint access that is neither public nor private",
            (h) => (h.endpointAccess = "both"),
            [`${H}.endpointAccess: "both" is not valid; use one of: private, public`],
        ],
        [
            "a private endpoint with public CIDRs",
            (h) => (h.publicAccessCidrs = ["0.0.0.0/0"]),
            [
                `${H}.publicAccessCidrs: ["0.0.0.0/0"] is set but endpointAccess is private; remove publicAccessCidrs or set ` +
                    `endpointAccess: public`,
            ],
        ],
        [
            "a public endpoint without CIDRs",
            (h) => (h.endpointAccess = "public"),
            [`${H}.publicAccessCidrs: missing; endpointAccess public needs the CIDRs allowed to reach the API, such as [203.0.113.0/24]`],
        ],
        [
            "a public access CIDR that does not parse",
            (h) => ((h.endpointAccess = "public"), (h.publicAccessCidrs = ["any"])),
            [`${H}.publicAccessCidrs[0]: "any" is not an IPv4 CIDR; expected a network such as 203.0.113.0/24`],
        ],
        [
            "API access CIDRs with a public endpoint",
            (h) => ((h.endpointAccess = "public"), (h.publicAccessCidrs = ["203.0.113.0/24"]), (h.apiAccessCidrs = ["10.0.0.0/16"])),
            [`${H}.apiAccessCidrs: ["10.0.0.0/16"] is set but endpointAccess is public; a public endpoint takes publicAccessCidrs`],
        ],
        [
            "a bootstrap window on a public endpoint",
            (h) => (
                (h.endpointAccess = "public"),
                (h.publicAccessCidrs = ["203.0.113.0/24"]),
                (h.temporaryPublicAccessCidrs = ["203.0.113.7/32"])
            ),
            [
                `${H}.temporaryPublicAccessCidrs: ["203.0.113.7/32"] is set but endpointAccess is public; a bootstrap window is ` +
                    `for a private endpoint, a public one takes publicAccessCidrs`,
            ],
        ],
        [
            "a bootstrap window CIDR that does not parse",
            (h) => (h.temporaryPublicAccessCidrs = ["203.0.113.7"]),
            [`${H}.temporaryPublicAccessCidrs[0]: "203.0.113.7" is not an IPv4 CIDR; expected a network such as 203.0.113.7/32`],
        ],
        [
            "a bootstrap window while no Kubernetes objects are applied",
            (h) => ((h.kubernetesObjects = false), (h.temporaryPublicAccessCidrs = ["203.0.113.7/32"])),
            [
                `${H}.temporaryPublicAccessCidrs: ["203.0.113.7/32"] is set but kubernetesObjects is false: the window is for ` +
                    `applying the Kubernetes objects through it; remove the window, or set kubernetesObjects: true to use it`,
            ],
        ],
        [
            "15 pod supernets: 61 outbound rules on the remote-access security group",
            (h) => (h.remotePodNetworks = Array.from({ length: 15 }, (_, i) => `10.${96 + i}.0.0/16`)),
            [
                `${H}.remotePodNetworks: the remote-access security group would hold 61 outbound rules (1 node and 15 pod supernets, ` +
                    `4 webhook ports); the quota "Inbound or outbound rules per security group" is 60 by default; raise it in ` +
                    `Service Quotas (vpc L-0EA8095F), then state the new value under quotas.securityGroupRules in the hub's stack ` +
                    `file, or use fewer, larger supernets or fewer ports`,
            ],
        ],
        [
            "a tag key AWS keeps for itself, and a tag value with a line break",
            (h) => (h.tags = { "AWS:owner": "x", team: "net\nops" }),
            [
                `${H}.tags: "AWS:owner" is not valid; expected a tag name: 1-128 letters, digits, spaces and _ . : / = + - @, not ` +
                    `starting with aws: (any case)`,
                `${H}.tags.team: "net\\nops" is not valid; expected a tag value: at most 256 letters, digits, spaces and _ . : / = + - @`,
            ],
        ],
        [
            "a public endpoint open to the whole internet",
            (h) => ((h.endpointAccess = "public"), (h.publicAccessCidrs = ["203.0.113.0/24", "0.0.0.0/0"])),
            [
                `${H}.publicAccessCidrs[1]: "0.0.0.0/0" opens the Kubernetes API to the whole internet; list the networks that ` +
                    `need it, or set allowApiFromAnywhere: true`,
            ],
        ],
        [
            "coredns before the Kubernetes objects",
            (h) => ((h.kubernetesObjects = false), (h.coredns = true)),
            [
                `${H}.coredns: is true but kubernetesObjects is false: coredns runs only on Ready nodes, hybrid nodes are Ready ` +
                    `only once Cilium is installed, and with custom networking the cloud nodes wait for their ENIConfigs; set ` +
                    `kubernetesObjects: true first, then coredns: true once the nodes are Ready`,
            ],
        ],
        [
            "an API access CIDR with host bits",
            (h) => (h.apiAccessCidrs = ["10.0.0.0/16", "192.168.50.1/24"]),
            [`${H}.apiAccessCidrs[1]: "192.168.50.1/24" has host bits set; use 192.168.50.0/24`],
        ],
        [
            "IAM Roles Anywhere without trust",
            (h) => (h.nodeCredentials = "iam-ra"),
            [`${H}.iamRolesAnywhere: missing; nodeCredentials iam-ra needs a map with exactly one of caBundlePem or acmPcaArn`],
        ],
        [
            "IAM Roles Anywhere with both trust sources",
            (h) => (
                (h.nodeCredentials = "iam-ra"),
                (h.iamRolesAnywhere = {
                    caBundlePem: "-----BEGIN CERTIFICATE-----\nx",
                    acmPcaArn: "arn:aws:acm-pca:eu-central-1:123456789012:certificate-authority/a",
                })
            ),
            [`${H}.iamRolesAnywhere: has both caBundlePem and acmPcaArn; give exactly one of them`],
        ],
        [
            "a CA bundle that is not PEM",
            (h) => ((h.nodeCredentials = "iam-ra"), (h.iamRolesAnywhere = { caBundlePem: "MIIB..." })),
            [`${H}.iamRolesAnywhere.caBundlePem: is not a PEM bundle; expected text with -----BEGIN CERTIFICATE-----`],
        ],
        [
            "IAM Roles Anywhere settings with ssm",
            (h) => (h.iamRolesAnywhere = { caBundlePem: "-----BEGIN CERTIFICATE-----" }),
            [`${H}.iamRolesAnywhere: is set but nodeCredentials is ssm; remove iamRolesAnywhere or set nodeCredentials: iam-ra`],
        ],
        [
            "unknown credentials",
            (h) => (h.nodeCredentials = "password"),
            [`${H}.nodeCredentials: "password" is not valid; use one of: ssm, iam-ra`],
        ],
        [
            "authentication mode CONFIG_MAP",
            (h) => (h.authenticationMode = "CONFIG_MAP"),
            [`${H}.authenticationMode: "CONFIG_MAP" is not valid; use one of: API, API_AND_CONFIG_MAP`],
        ],
        [
            "an unknown log type",
            (h) => (h.clusterLogTypes = ["api", "kubelet"]),
            [`${H}.clusterLogTypes[1]: "kubelet" is not valid; use one of: api, audit, authenticator, controllerManager, scheduler`],
        ],
        [
            "a webhook port out of range",
            (h) => (h.webhookPorts = [443, 70000]),
            [`${H}.webhookPorts[1]: 70000 is not valid; expected a TCP port from 1 to 65535`],
        ],
        [
            "node group sizes out of order",
            (h) => (h.cloudNodeGroup = { minSize: 3, desiredSize: 2 }),
            [`${H}.cloudNodeGroup: minSize 3, desiredSize 2, maxSize 3 are out of order; need minSize <= desiredSize <= maxSize`],
        ],
        [
            "a Cilium chart outside the 1.18 line",
            (h) => (h.cilium = { chartVersion: "1.17.6-0" }),
            [
                `${H}.cilium.chartVersion: "1.17.6-0" is not valid; expected a Cilium 1.18 chart version of AWS's build such as ` +
                    `"1.18.9-1" (the values are built and checked for 1.18)`,
            ],
        ],
        [
            "a Cilium image tag where the chart version belongs",
            (h) => (h.cilium = { chartVersion: "v1.18.9-1" }),
            [`${H}.cilium.chartVersion: "v1.18.9-1" is an image tag; the chart's version has no "v": use "1.18.9-1"`],
        ],
        [
            "a list where a map belongs",
            (h) => (h.vpc = ["10.0.0.0/16"]),
            [
                `${H}.vpc: ["10.0.0.0/16"] is a list; expected a map with cidr, availabilityZones and egress (new VPC) or cidr, id, ` +
                    `privateSubnetIds, routeTableIds and egress (existing VPC)`,
            ],
        ],
        [
            "cloud nodes behind a public endpoint with no way out of the VPC",
            (h) => ((h.endpointAccess = "public"), (h.publicAccessCidrs = ["203.0.113.0/24"]), (h.cloudNodeGroup = {})),
            [
                `${H}.cloudNodeGroup: has no way out of the VPC: with endpointAccess public the cloud nodes reach the API endpoint and ` +
                    "ECR over the internet, and vpc.egress is none; set vpc.egress to nat-gateway or nat-gateway-per-zone (new VPC) " +
                    "or existing",
            ],
        ],
        [
            "NAT gateways for an existing VPC",
            (h) =>
                (h.vpc = {
                    cidr: "10.0.0.0/16",
                    id: "vpc-0abc",
                    privateSubnetIds: ["subnet-01", "subnet-02"],
                    routeTableIds: ["rtb-01"],
                    egress: "nat-gateway",
                }),
            [
                `${H}.vpc.egress: "nat-gateway" is set with vpc.id; NAT gateways come with a new VPC, so for an existing VPC use ` +
                    "existing (its route tables already reach the internet) or none",
            ],
        ],
        [
            "existing egress for a new VPC",
            (h) => (h.vpc.egress = "existing"),
            [
                `${H}.vpc.egress: "existing" is set without vpc.id; a new VPC has no egress of its own: use nat-gateway, ` +
                    "nat-gateway-per-zone or none",
            ],
        ],
        [
            "NAT gateways in a VPC too small for their public subnets",
            (h) => (h.vpc = { cidr: "10.0.0.0/23", egress: "nat-gateway-per-zone" }),
            [
                `${H}.vpc.egress: "nat-gateway-per-zone" needs public subnets of at least /28 for its NAT gateways, and vpc.cidr ` +
                    "10.0.0.0/23 has no room for them; use a VPC of /22 or larger",
            ],
        ],
    ];
    for (const [what, change, expected] of cases) {
        it(`reports ${what}`, () => assert.deepEqual(problemsOf(withChange(change)), expected));
    }

    it("reports every problem at once, in one error that names them all", () => {
        const hub = withChange((h) => {
            h.serviceCidr = "10.80.0.0/16";
            h.gateway.amazonSideAsn = 1;
            h.endpointAccess = "public";
            delete h.clusterName;
        });
        assert.throws(
            () => parseHubConfig(hub),
            (e: Error) => {
                assert.equal(
                    e.message,
                    [
                        `invalid ${H}: 4 problems`,
                        `  - ${H}.clusterName: missing; expected an EKS cluster name: 1-100 letters, digits, - and _, starting ` +
                            `with a letter or digit`,
                        `  - ${H}.remoteNodeNetworks[0]: "10.80.0.0/12" overlaps ${H}.serviceCidr "10.80.0.0/16"; the VPC, ` +
                            `secondary, service, remote node and remote pod ranges must not overlap`,
                        `  - ${H}.gateway.amazonSideAsn: 1 is not a private ASN AWS accepts; use 64512-65534 or 4200000000-4294967294`,
                        `  - ${H}.publicAccessCidrs: missing; endpointAccess public needs the CIDRs allowed to reach the API, ` +
                            `such as [203.0.113.0/24]`,
                    ].join("\n"),
                );
                return true;
            },
        );
    });
});

describe("a misspelt key", () => {
    it("gets the valid key it most likely meant, when one alone is close", () => {
        const valid = Object.keys(validHub());
        const renamed = problemsOf(withChange((h) => ((h.remotePodNetwork = h.remotePodNetworks), delete h.remotePodNetworks)));
        assert.ok(renamed.some((p) => p.startsWith(`${H}.remotePodNetwork: unknown key; did you mean remotePodNetworks?; valid keys: `)));
        assert.match(
            problemsOf(withChange((h) => (h.kubernetesversion = "1.33"))).join("\n"),
            /^eks-hybrid:hub\.kubernetesversion: unknown key; did you mean kubernetesVersion\?; valid keys: clusterName, /m,
        );
        for (const [name, meant] of [
            ["remotePodNetwork", "remotePodNetworks"],
            ["serviceCIDR", "serviceCidr"],
            ["nodeCredentails", "nodeCredentials"],
            ["vpcCidr", undefined],
            ["tag", "tags"],
            ["xyz", undefined],
        ] as const)
            assert.equal(closestKey(name, [...valid, "tags"]), meant, name);
        assert.equal(closestKey("ab", ["ac", "ad"]), undefined, "two equally close: no guess");
    });
});
