import { strict as assert } from "assert";
import { activationClock, activationExpiry } from "../../components/site/activationWindow";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import * as YAML from "yaml";
import { NodeCredentials } from "../../components/cluster/enums";
import { CrdValidator } from "../../components/config/crdSchema";
import { ArgumentsError } from "../../components/config/argumentsError";
import { GatewayType } from "../../components/network/enums";
import { Site, SiteHubArgs } from "../../components/site/site";
import { CustomerGateway } from "../../components/vpn/customerGateway";
import { keyRotationProblem, VPN_REPLACING_PROPERTIES } from "../../components/vpn/keyRotation";
import { PSK_RULE } from "../../components/vpn/siteVpn";
import { siteHubArgs, siteSettings } from "../support/fixtures";
import { ACCOUNT, MockCloud, REGION, secretInput } from "../support/mockCloud";

const CLUSTER_ARN = `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/hybrid-prod`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/hybrid-nodes`;
const ANCHOR = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/ta`;
const PROFILE = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:profile/p`;
const EXPIRY = "2026-12-22T00:00:00Z";
const KUBECONFIG = "apiVersion: v1\nkind: Config\n";
const nodeConfigCrd = new CrdValidator("nodeadm/node.eks.aws_nodeconfigs.yaml");
const value = <T>(o: pulumi.Output<T>): Promise<T> => (o as any).promise();

function hub(gatewayType: GatewayType, nodeCredentials: NodeCredentials): SiteHubArgs {
    const ira = nodeCredentials === NodeCredentials.IamRolesAnywhere;
    return {
        ...siteHubArgs(KUBECONFIG),
        gatewayType,
        gatewayId: gatewayType === GatewayType.Vgw ? "vgw-0hub" : "tgw-0hub",
        transitGatewayRouteTableId: gatewayType === GatewayType.Tgw ? "tgw-rtb-0hub" : "",
        nodeCredentials,
        trustAnchorArn: ira ? ANCHOR : "",
        profileArn: ira ? PROFILE : "",
    };
}

/** What every site registers, whatever its gateway and credentials. */
const SITE_COMMON = [
    "aws:cloudwatch/logGroup:LogGroup munich-vpn-tunnel-logs",
    "aws:cloudwatch/metricAlarm:MetricAlarm munich-vpn-both-tunnels-down",
    "aws:cloudwatch/metricAlarm:MetricAlarm munich-vpn-tunnel1-down",
    "aws:cloudwatch/metricAlarm:MetricAlarm munich-vpn-tunnel2-down",
    "aws:ec2/customerGateway:CustomerGateway munich-gateway-cgw",
    "aws:ec2/vpnConnection:VpnConnection munich-vpn-vpn",
    "eks-hybrid-sites:index:CustomerGateway munich-gateway",
    "eks-hybrid-sites:index:Site munich",
    "eks-hybrid-sites:index:SiteCilium munich-cilium",
    "eks-hybrid-sites:index:SiteVpn munich-vpn",
    "kubernetes:cilium.io/v2:CiliumBGPClusterConfig munich-cilium-cilium-bgp-cluster-config",
    "kubernetes:cilium.io/v2:CiliumBGPPeerConfig munich-cilium-cilium-bgp-peer-config",
    "kubernetes:cilium.io/v2:CiliumNodeConfig munich-cilium-cilium-node-config",
    "kubernetes:cilium.io/v2alpha1:CiliumPodIPPool munich-cilium-cilium-pod-ip-pool",
    "pulumi:providers:kubernetes munich-k8s",
    "random:index/randomPassword:RandomPassword munich-vpn-tunnel1-psk",
    "random:index/randomPassword:RandomPassword munich-vpn-tunnel2-psk",
];

const DEFAULT_TUNNEL = (n: 1 | 2, psk: string, inside: string) => ({
    [`tunnel${n}IkeVersions`]: ["ikev2"],
    [`tunnel${n}Phase1EncryptionAlgorithms`]: ["AES256", "AES256-GCM-16"],
    [`tunnel${n}Phase1IntegrityAlgorithms`]: ["SHA2-256", "SHA2-384", "SHA2-512"],
    [`tunnel${n}Phase1DhGroupNumbers`]: [14, 15, 16, 19, 20, 21],
    [`tunnel${n}Phase1LifetimeSeconds`]: 28800,
    [`tunnel${n}Phase2EncryptionAlgorithms`]: ["AES256", "AES256-GCM-16"],
    [`tunnel${n}Phase2IntegrityAlgorithms`]: ["SHA2-256", "SHA2-384", "SHA2-512"],
    [`tunnel${n}Phase2DhGroupNumbers`]: [14, 15, 16, 19, 20, 21],
    [`tunnel${n}Phase2LifetimeSeconds`]: 3600,
    [`tunnel${n}DpdTimeoutSeconds`]: 30,
    // Exactly one initiator: the site starts and restarts the tunnel, AWS only answers.
    [`tunnel${n}DpdTimeoutAction`]: "clear",
    [`tunnel${n}StartupAction`]: "add",
    // Secret all the way into the engine, not only in the outputs.
    [`tunnel${n}PresharedKey`]: secretInput(psk),
    [`tunnel${n}InsideCidr`]: inside,
    // IKE and BGP events to the site's log group; AWS's endpoint maintenance waits for the operator.
    [`tunnel${n}LogOptions`]: {
        cloudwatchLogOptions: {
            logEnabled: true,
            logGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/vpn/hybrid-prod/munich`,
            logOutputFormat: "json",
        },
    },
    [`tunnel${n}EnableTunnelLifecycleControl`]: true,
});
const PSK = (n: 1 | 2) => `munich_vpn_tunnel${n}_psk.Secret_${"x".repeat(20)}`;

describe("Site on a virtual private gateway with SSM", () => {
    let cloud: MockCloud;
    let site: Site;
    before(async () => {
        ({ cloud, result: site } = await MockCloud.run(
            () => new Site("munich", { site: siteSettings(), hub: hub(GatewayType.Vgw, NodeCredentials.Ssm), activationExpiry: EXPIRY }),
        ));
    });

    it("registers exactly one customer gateway, one VPN, two static routes and one activation", () => {
        assert.deepEqual(
            cloud.inventory(),
            [
                ...SITE_COMMON,
                "aws:ec2/vpnConnectionRoute:VpnConnectionRoute munich-vpn-route-10-80-1-0-24",
                "aws:ec2/vpnConnectionRoute:VpnConnectionRoute munich-vpn-route-10-96-1-0-24",
                "aws:ssm/activation:Activation munich-activation",
            ].sort(),
        );
        for (const r of cloud.registrations.filter((r) => r.name.startsWith("munich-vpn-"))) assert.equal(r.parent, "munich-vpn", r.name);
        assert.equal(cloud.named("munich-gateway-cgw").parent, "munich-gateway");
        assert.equal(cloud.named("munich-activation").parent, "munich");
    });

    it("declares the customer gateway for the VPN server, replaced create-before-delete (the connection moves to the new one)", () => {
        const cgw = cloud.named("munich-gateway-cgw");
        assert.deepEqual(cgw.inputs, {
            ipAddress: "203.0.113.10",
            bgpAsn: "65000",
            type: "ipsec.1",
            deviceName: "munich-vpn",
            tags: { Name: "munich-vpn", "eks-hybrid:site": "munich" },
        });
        assert.equal(cgw.deleteBeforeReplace, false);
    });

    it("puts a 4-byte ASN above 2147483647 into bgpAsnExtended, and up to it into bgpAsn", async () => {
        const gateway = async (asn: number) => {
            const { cloud: c } = await MockCloud.run(() => new CustomerGateway("cgw", { publicIp: "203.0.113.10", asn, deviceName: "d" }));
            const { bgpAsn, bgpAsnExtended } = c.named("cgw-cgw").inputs;
            return { bgpAsn, bgpAsnExtended };
        };
        assert.deepEqual(await gateway(4200000000), { bgpAsn: undefined, bgpAsnExtended: "4200000000" });
        assert.deepEqual(await gateway(2147483648), { bgpAsn: undefined, bgpAsnExtended: "2147483648" });
        assert.deepEqual(await gateway(2147483647), { bgpAsn: "2147483647", bgpAsnExtended: undefined });
        assert.deepEqual(await gateway(65000), { bgpAsn: "65000", bgpAsnExtended: undefined });
    });

    it("connects a static, route-based VPN to the hub's gateway with the safe tunnel defaults", () => {
        assert.deepEqual(cloud.named("munich-vpn-vpn").inputs, {
            customerGatewayId: "munich-gateway-cgw-id",
            type: "ipsec.1",
            staticRoutesOnly: true,
            vpnGatewayId: "vgw-0hub",
            localIpv4NetworkCidr: "0.0.0.0/0",
            remoteIpv4NetworkCidr: "0.0.0.0/0",
            ...DEFAULT_TUNNEL(1, PSK(1), "169.254.10.0/30"),
            ...DEFAULT_TUNNEL(2, PSK(2), "169.254.10.4/30"),
            tags: { Name: "munich-vpn-vpn", "eks-hybrid:site": "munich" },
        });
    });

    it("routes exactly the node CIDR and the pod CIDR over the VPN", () => {
        assert.deepEqual(
            cloud.ofType("aws:ec2/vpnConnectionRoute:VpnConnectionRoute").map((r) => r.inputs),
            [
                { vpnConnectionId: "munich-vpn-vpn-id", destinationCidrBlock: "10.80.1.0/24" },
                { vpnConnectionId: "munich-vpn-vpn-id", destinationCidrBlock: "10.96.1.0/24" },
            ],
        );
    });

    it("generates pre-shared keys AWS accepts", () => {
        for (const n of [1, 2]) {
            assert.deepEqual(cloud.named(`munich-vpn-tunnel${n}-psk`).inputs, {
                length: 40,
                upper: true,
                lower: true,
                numeric: false,
                special: true,
                overrideSpecial: "._",
            });
        }
        // Whatever random picks from that alphabet and length, AWS's rule holds.
        const alphabet = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._"];
        fc.assert(
            fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 40, maxLength: 40 }), (chars) => PSK_RULE.test(chars.join(""))),
        );
        assert.ok(!PSK_RULE.test("0abcdefgh") && !PSK_RULE.test("abc") && !PSK_RULE.test("abcdefgh-"));
    });

    it("activates up to the site's node count for the hub's role, tagged with the cluster ARN", () => {
        assert.deepEqual(cloud.named("munich-activation").inputs, {
            name: "hybrid-prod-munich",
            description: "Hybrid nodes of site munich",
            iamRole: "hybrid-nodes",
            registrationLimit: 3,
            expirationDate: EXPIRY,
            tags: { "eks-hybrid:site": "munich", EKSClusterARN: CLUSTER_ARN },
        });
    });

    it("renders a NodeConfig that validates against nodeadm's CRD and labels the node with its site", async () => {
        const text = await value(site.nodeConfig);
        const nodeConfig = YAML.parse(text);
        assert.deepEqual(nodeConfigCrd.errors(nodeConfig), []);
        assert.deepEqual(nodeConfig, {
            apiVersion: "node.eks.aws/v1alpha1",
            kind: "NodeConfig",
            spec: {
                cluster: { name: "hybrid-prod", region: REGION },
                hybrid: { ssm: { activationId: "munich-activation-id", activationCode: "munich-activation-code" } },
                kubelet: { flags: ["--node-labels=eks-hybrid/site=munich,topology.kubernetes.io/zone=munich"] },
            },
        });
        assert.deepEqual(await value(site.hostNodeConfigs), {});
        assert.equal(await value(site.nodeLabel), "eks-hybrid/site=munich");
    });

    it("keeps the pre-shared keys, the activation code and the NodeConfig secret", async () => {
        for (const output of [
            site.tunnel1PresharedKey,
            site.tunnel2PresharedKey,
            site.activationCode,
            site.nodeConfig,
            site.hostNodeConfigs,
        ] as pulumi.Output<unknown>[]) {
            assert.equal(await pulumi.isSecret(output), true);
        }
        assert.equal(await value(site.tunnel1PresharedKey), PSK(1));
    });
});

describe("Site on a transit gateway with IAM Roles Anywhere and listed hosts", () => {
    let cloud: MockCloud;
    let site: Site;
    before(async () => {
        const settings = siteSettings();
        settings.nodes = {
            hosts: [
                { name: "munich-1", ip: "10.80.1.11" },
                { name: "munich-2", ip: "10.80.1.12" },
            ],
        };
        delete settings.tunnels;
        ({ cloud, result: site } = await MockCloud.run(
            () => new Site("munich", { site: settings, hub: hub(GatewayType.Tgw, NodeCredentials.IamRolesAnywhere) }),
        ));
    });

    it("registers the VPN to the transit gateway, its association and two routes, and no activation", () => {
        assert.deepEqual(
            cloud.inventory(),
            [
                ...SITE_COMMON,
                "aws:ec2transitgateway/route:Route munich-vpn-route-10-80-1-0-24",
                "aws:ec2transitgateway/route:Route munich-vpn-route-10-96-1-0-24",
                "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation munich-vpn-tgw-association",
            ].sort(),
        );
        const vpn = cloud.named("munich-vpn-vpn").inputs;
        assert.equal(vpn.transitGatewayId, "tgw-0hub");
        assert.equal(vpn.vpnGatewayId, undefined);
        assert.equal(vpn.staticRoutesOnly, true);
        assert.equal(vpn.tunnel1InsideCidr, undefined, "AWS picks the inside CIDRs when none are given");
    });

    it("puts the node and pod CIDRs into the hub's transit gateway route table, to the VPN attachment", () => {
        assert.deepEqual(cloud.named("munich-vpn-tgw-association").inputs, {
            transitGatewayAttachmentId: "munich-vpn-vpn-tgw-attachment-id",
            transitGatewayRouteTableId: "tgw-rtb-0hub",
            replaceExistingAssociation: true,
        });
        const routes = cloud.ofType("aws:ec2transitgateway/route:Route");
        assert.deepEqual(
            routes.map((r) => r.inputs),
            ["10.80.1.0/24", "10.96.1.0/24"].map((destinationCidrBlock) => ({
                destinationCidrBlock,
                transitGatewayAttachmentId: "munich-vpn-vpn-tgw-attachment-id",
                transitGatewayRouteTableId: "tgw-rtb-0hub",
            })),
        );
        for (const r of routes) assert.ok(r.dependsOn.includes("munich-vpn-tgw-association"));
    });

    it("renders one NodeConfig per host whose node name is the certificate CN", async () => {
        const configs = await value(site.hostNodeConfigs);
        assert.deepEqual(Object.keys(configs), ["munich-1", "munich-2"]);
        for (const [host, text] of Object.entries(configs)) {
            const nodeConfig = YAML.parse(text);
            assert.deepEqual(nodeConfigCrd.errors(nodeConfig), []);
            assert.deepEqual(nodeConfig.spec.hybrid, {
                iamRolesAnywhere: { nodeName: host, trustAnchorArn: ANCHOR, profileArn: PROFILE, roleArn: ROLE_ARN },
            });
            assert.deepEqual(nodeConfig.spec.kubelet.flags, ["--node-labels=eks-hybrid/site=munich,topology.kubernetes.io/zone=munich"]);
        }
        assert.equal(await pulumi.isSecret(site.hostNodeConfigs), true);
        assert.equal(await value(site.activationCode), "");
    });
});

describe("Site tunnel options", () => {
    it("passes overrides to both tunnels and keeps the other defaults", async () => {
        const settings = siteSettings();
        settings.tunnels = {
            ...settings.tunnels,
            phase1: { encryption: ["AES128"], lifetimeSeconds: 14400 },
            dpdTimeoutAction: "restart",
            startupAction: "start",
        };
        settings.vpnServer.ipsecMode = "kernel";
        const { cloud } = await MockCloud.run(
            () => new Site("munich", { site: settings, hub: hub(GatewayType.Vgw, NodeCredentials.Ssm), activationExpiry: EXPIRY }),
        );
        const vpn = cloud.named("munich-vpn-vpn").inputs;
        for (const n of [1, 2]) {
            assert.deepEqual(vpn[`tunnel${n}Phase1EncryptionAlgorithms`], ["AES128"]);
            assert.equal(vpn[`tunnel${n}Phase1LifetimeSeconds`], 14400);
            assert.deepEqual(vpn[`tunnel${n}Phase1IntegrityAlgorithms`], ["SHA2-256", "SHA2-384", "SHA2-512"]);
            assert.equal(vpn[`tunnel${n}DpdTimeoutAction`], "restart");
            assert.equal(vpn[`tunnel${n}StartupAction`], "start");
        }
    });

    it("without an explicit expiry, takes the renewal window's date and no ignoreChanges (a replacement would inherit it)", async () => {
        const settings = siteSettings();
        settings.nodes.activationDays = 7;
        settings.nodes.activationRenewDays = 2;
        const now = Date.parse("2026-12-03T10:00:00Z");
        activationClock.now = () => now;
        try {
            const { cloud } = await MockCloud.run(
                () => new Site("munich", { site: settings, hub: hub(GatewayType.Vgw, NodeCredentials.Ssm) }),
            );
            const activation = cloud.named("munich-activation");
            assert.equal(activation.inputs.expirationDate, activationExpiry(now, "munich", 7, 2));
            const left = (Date.parse(activation.inputs.expirationDate) - now) / 86400_000;
            assert.ok(left > 2 && left <= 7, String(left));
            assert.deepEqual(activation.ignoreChanges, []);
        } finally {
            activationClock.now = undefined;
        }
    });
});

describe("Site argument validation", () => {
    it("throws before registering anything, naming every bad argument", async () => {
        const settings = siteSettings();
        settings.podCidr = "10.80.1.128/25";
        settings.podMaskSize = 27;
        let error: unknown;
        const args = {
            site: settings,
            hub: { ...hub(GatewayType.Tgw, NodeCredentials.IamRolesAnywhere), transitGatewayRouteTableId: undefined },
        };
        const { cloud } = await MockCloud.run(() => {
            try {
                new Site("munich", args);
            } catch (e) {
                error = e;
            }
        });
        assert.ok(error instanceof ArgumentsError);
        assert.ok(pulumi.InputPropertiesError.isInstance(error));
        assert.deepEqual(
            error.errors?.map((e) => e.propertyPath),
            ["site.podCidr", "hub.transitGatewayRouteTableId", "site.nodes.hosts"],
        );
        assert.deepEqual(
            error.problems.map((p) => `${p.key}: ${p.message}`),
            [
                'args.site.podCidr: "10.80.1.128/25" overlaps args.site.nodeCidr "10.80.1.0/24"; a site\'s node and pod CIDRs ' +
                    "must be disjoint",
                "args.hub.transitGatewayRouteTableId: missing; with a transit gateway the site's routes go into the hub's transit " +
                    "gateway route table",
                "args.site.nodes.hosts: missing; the hub uses IAM Roles Anywhere, so every node is listed by name (its certificate's CN)",
            ],
        );
        assert.deepEqual(cloud.inventory(), []);
    });
});

describe("nodeadm CRD validation", () => {
    const good = () => ({
        apiVersion: "node.eks.aws/v1alpha1",
        kind: "NodeConfig",
        spec: {
            cluster: { name: "c", region: REGION },
            hybrid: { ssm: { activationId: "a", activationCode: "b" } },
            kubelet: { flags: ["--x=y"] },
        },
    });

    it("accepts a well-formed NodeConfig", () => assert.deepEqual(nodeConfigCrd.errors(good()), []));

    it("fails on a misspelt field, a wrong type, a wrong version and a wrong kind", () => {
        const misspelt: any = good();
        misspelt.spec.kubelet = { flag: ["--x=y"] };
        assert.deepEqual(nodeConfigCrd.errors(misspelt), ["/spec/kubelet: must NOT have additional properties (flag)"]);
        const wrongType: any = good();
        wrongType.spec.hybrid.ssm.activationCode = 42;
        assert.deepEqual(nodeConfigCrd.errors(wrongType), ["/spec/hybrid/ssm/activationCode: must be string"]);
        assert.deepEqual(nodeConfigCrd.errors({ ...good(), apiVersion: "node.eks.aws/v1" }), [
            'apiVersion: "node.eks.aws/v1" is not served; served: node.eks.aws/v1alpha1',
        ]);
        assert.deepEqual(nodeConfigCrd.errors({ ...good(), kind: "Node" }), ['kind: "Node" is not NodeConfig']);
    });
});

describe("Site: rotating a tunnel's pre-shared key in place, one tunnel at a time", () => {
    const run = async (tunnels: Record<string, unknown>) =>
        (
            await MockCloud.run(
                () =>
                    new Site("munich", {
                        site: { ...siteSettings(), tunnels: { ...siteSettings().tunnels, ...tunnels } },
                        hub: hub(GatewayType.Vgw, NodeCredentials.Ssm),
                    }),
            )
        ).cloud;

    it("keeps keys of generation 0 as they were deployed, and gives a raised generation a new key", async () => {
        const first = await run({});
        assert.equal(first.named("munich-vpn-tunnel1-psk").inputs.keepers, undefined);
        assert.equal(first.named("munich-vpn-tunnel2-psk").inputs.keepers, undefined);
        const rotated = await run({ keyGenerations: [1, 0] });
        assert.deepEqual(rotated.named("munich-vpn-tunnel1-psk").inputs.keepers, { generation: "1" });
        assert.equal(rotated.named("munich-vpn-tunnel2-psk").inputs.keepers, undefined);
        // Same names: a new generation replaces the password, and updates the connection in place.
        assert.deepEqual(rotated.inventory(), first.inventory());
    });

    it("marks what replaces the connection, and guards every update against both keys changing at once", async () => {
        const cloud = await run({});
        const vpn = cloud.named("munich-vpn-vpn");
        assert.deepEqual(vpn.replaceOnChanges, VPN_REPLACING_PROPERTIES);
        assert.deepEqual(VPN_REPLACING_PROPERTIES, [
            "type",
            "staticRoutesOnly",
            "enableAcceleration",
            "tunnelInsideIpVersion",
            "tunnel1InsideCidr",
            "tunnel2InsideCidr",
            "tunnel1InsideIpv6Cidr",
            "tunnel2InsideIpv6Cidr",
        ]);
        assert.deepEqual(vpn.beforeUpdateHooks, ["munich-vpn-vpn-key-rotation-guard"]);
        assert.deepEqual(
            cloud.hooks.filter((h) => h.name.endsWith("key-rotation-guard")),
            [{ name: "munich-vpn-vpn-key-rotation-guard", onDryRun: true }],
        );
        const keys = (k1: string, k2: string) => ({ tunnel1PresharedKey: k1, tunnel2PresharedKey: k2, tunnel1DpdTimeoutSeconds: 30 });
        assert.equal(keyRotationProblem("munich-vpn-vpn", keys("a", "b"), keys("c", "b")), undefined);
        assert.equal(keyRotationProblem("munich-vpn-vpn", keys("a", "b"), keys("a", "b")), undefined);
        assert.equal(
            keyRotationProblem("munich-vpn-vpn", keys("a", "b"), keys("c", "d")),
            "VPN connection munich-vpn-vpn: both tunnels' pre-shared keys would change at once, leaving the site without a " +
                "tunnel until its VPN server has the new keys. Raise one tunnel's tunnels.keyGenerations entry, deploy, install " +
                "the new VPN server files, then raise the other.",
        );
    });

    it("protects the VPN connection, and only it; protect: false lifts it and tags the connection so", async () => {
        const runSite = async (protect?: boolean) =>
            (
                await MockCloud.run(
                    () => new Site("munich", { site: { ...siteSettings(), protect }, hub: hub(GatewayType.Vgw, NodeCredentials.Ssm) }),
                )
            ).cloud;
        const guarded = await runSite();
        const vpn = guarded.named("munich-vpn-vpn");
        assert.deepEqual(
            guarded.registrations.filter((r) => r.protect).map((r) => r.name),
            ["munich-vpn-vpn"],
        );
        assert.equal(vpn.inputs.tags["eks-hybrid:protect"], undefined);
        const lifted = (await runSite(false)).named("munich-vpn-vpn");
        assert.equal(lifted.protect, false);
        assert.deepEqual(lifted.inputs.tags, { ...vpn.inputs.tags, "eks-hybrid:protect": "false" });
    });

    it("keeps the keys in Secrets Manager when asked, and in the VPN service by default", async () => {
        assert.equal((await run({})).named("munich-vpn-vpn").inputs.presharedKeyStorage, undefined);
        const cloud = await run({ presharedKeyStorage: "secrets-manager" });
        assert.equal(cloud.named("munich-vpn-vpn").inputs.presharedKeyStorage, "SecretsManager");
    });
});

describe("Site: tunnel alarms and logs", () => {
    const HUB_TOPIC = "arn:aws:sns:eu-central-1:123456789012:hub-alerts";
    // null: a hub without the output (undefined would take the default).
    const run = (monitoring?: Record<string, unknown>, topic: string | null = HUB_TOPIC) =>
        MockCloud.run(
            () =>
                new Site("munich", {
                    site: { ...siteSettings(), ...(monitoring ? { monitoring } : {}) },
                    hub: { ...hub(GatewayType.Vgw, NodeCredentials.Ssm), alertTopicArn: topic ?? undefined },
                }),
        );

    it("alarms per tunnel and when both are down, on TunnelState, missing data counting as down, to the hub's topic", async () => {
        const { cloud } = await run();
        const alarm = (name: string) => cloud.named(name).inputs;
        const common = {
            namespace: "AWS/VPN",
            metricName: "TunnelState",
            statistic: "Maximum",
            period: 60,
            evaluationPeriods: 5,
            threshold: 1,
            comparisonOperator: "LessThanThreshold",
            treatMissingData: "breaching",
            alarmActions: [HUB_TOPIC],
            okActions: [HUB_TOPIC],
            tags: { "eks-hybrid:site": "munich" },
        };
        assert.deepEqual(alarm("munich-vpn-tunnel1-down"), {
            ...common,
            alarmDescription: "munich-vpn: tunnel 1 down for 5 min",
            dimensions: { VpnId: "munich-vpn-vpn-id", TunnelIpAddress: "198.18.0.1" },
        });
        assert.deepEqual(alarm("munich-vpn-tunnel2-down").dimensions, { VpnId: "munich-vpn-vpn-id", TunnelIpAddress: "198.18.0.2" });
        assert.deepEqual(alarm("munich-vpn-both-tunnels-down"), {
            ...common,
            alarmDescription: "munich-vpn: both tunnels down for 5 min: the site is cut off",
            dimensions: { VpnId: "munich-vpn-vpn-id" },
        });
        assert.deepEqual(cloud.named("munich-vpn-tunnel-logs").inputs, {
            name: "/aws/vpn/hybrid-prod/munich",
            retentionInDays: 30,
            tags: { "eks-hybrid:site": "munich", Name: "munich-vpn-tunnel-logs" },
        });
    });

    it("takes the site's own topic, minutes and retention", async () => {
        const own = "arn:aws:sns:eu-central-1:123456789012:munich-oncall";
        const { cloud } = await run({ alertTopicArn: own, tunnelDownMinutes: 2, logRetentionDays: 90 });
        const alarm = cloud.named("munich-vpn-tunnel1-down").inputs;
        assert.deepEqual([alarm.alarmActions, alarm.evaluationPeriods], [[own], 2]);
        assert.equal(cloud.named("munich-vpn-tunnel-logs").inputs.retentionInDays, 90);
    });

    it("still alarms, without notifying, under a hub deployed before it had a topic", async () => {
        const { cloud } = await run(undefined, null);
        assert.deepEqual(cloud.named("munich-vpn-both-tunnels-down").inputs.alarmActions, []);
    });
});

describe("Site: the SSM activation's life", () => {
    const run = (nodes: Record<string, unknown>) =>
        MockCloud.run(
            () =>
                new Site("munich", {
                    site: { ...siteSettings(), nodes: { count: 3, ...nodes } },
                    hub: hub(GatewayType.Vgw, NodeCredentials.Ssm),
                    activationExpiry: EXPIRY,
                }),
        );

    it("exports when the activation expires and how many registrations it has left", async () => {
        const { result: site } = await run({});
        assert.equal(await value(site.activationExpiry), EXPIRY);
        assert.equal(await value(site.activationRegistrationsLeft), 3);
    });

    it("renews by generation: a new activation under its own name, and the NodeConfig carries it", async () => {
        const { cloud, result: site } = await run({ activationGeneration: 2 });
        assert.deepEqual(
            cloud.ofType("aws:ssm/activation:Activation").map((r) => [r.name, r.inputs.name]),
            [["munich-activation-g2", "hybrid-prod-munich-g2"]],
        );
        const nodeConfig = YAML.parse(await value(site.nodeConfig));
        assert.deepEqual(nodeConfig.spec.hybrid.ssm, {
            activationId: "munich-activation-g2-id",
            activationCode: "munich-activation-g2-code",
        });
    });

    it("has no activation with IAM Roles Anywhere: an empty expiry and -1 registrations", async () => {
        const settings = siteSettings();
        settings.nodes = { hosts: [{ name: "munich-1", ip: "10.80.1.11" }] };
        const { result: site } = await MockCloud.run(
            () => new Site("munich", { site: settings, hub: hub(GatewayType.Vgw, NodeCredentials.IamRolesAnywhere) }),
        );
        assert.equal(await value(site.activationExpiry), "");
        assert.equal(await value(site.activationRegistrationsLeft), -1);
    });
});

describe("Site: its upgrade runbook", () => {
    it("is written from the hub's version and the site's declared nodes", async () => {
        const { result: site } = await MockCloud.run(
            () =>
                new Site("munich", {
                    site: { ...siteSettings(), nodes: { count: 3, kubernetesVersion: "1.31", upgradeMaxUnavailable: 2 } },
                    hub: hub(GatewayType.Vgw, NodeCredentials.Ssm),
                }),
        );
        const text = await value(site.upgradeRunbook);
        assert.match(text, /^# munich: upgrading Kubernetes\n\nCluster hybrid-prod, control plane 1\.33\. This site's nodes run 1\.31/);
        assert.deepEqual(
            [...text.matchAll(/sudo nodeadm upgrade (\S+)/g)].map((m) => m[1]),
            ["1.32", "1.33"],
        );
        assert.match(text, /at this site at most 2 nodes out of service at once/);
    });
});
