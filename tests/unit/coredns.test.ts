import { strict as assert } from "assert";
import { COREDNS_CONFIGURATION_KEYS, corednsConfiguration, hasTrafficDistribution } from "../../components/cluster/corednsConfiguration";
import { Hub } from "../../components/hub/hub";
import { HubArgs } from "../../components/hub/hubArgs";
import { validHub } from "../support/fixtures";
import { MockCloud } from "../support/mockCloud";

const SELECTOR = { matchLabels: { "k8s-app": "kube-dns" } };

function hub(change: (h: any) => void): Promise<MockCloud> {
    const args = validHub();
    change(args);
    return MockCloud.run(() => new Hub("hub", args as HubArgs)).then((r) => r.cloud);
}

describe("CoreDNS over the cloud's zones and the sites", () => {
    it("spreads the replicas over zones and apart per host and zone, keeping the add-on's node terms", () => {
        assert.deepEqual(corednsConfiguration(5), {
            replicaCount: 5,
            topologySpreadConstraints: [
                { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: SELECTOR },
            ],
            affinity: {
                nodeAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: {
                        nodeSelectorTerms: [
                            {
                                matchExpressions: [
                                    { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
                                    { key: "kubernetes.io/arch", operator: "In", values: ["amd64", "arm64"] },
                                ],
                            },
                        ],
                    },
                },
                podAntiAffinity: {
                    preferredDuringSchedulingIgnoredDuringExecution: [
                        { weight: 100, podAffinityTerm: { labelSelector: SELECTOR, topologyKey: "kubernetes.io/hostname" } },
                        { weight: 50, podAffinityTerm: { labelSelector: SELECTOR, topologyKey: "topology.kubernetes.io/zone" } },
                    ],
                },
            },
        });
        assert.equal(corednsConfiguration().replicaCount, 2);
    });

    it("uses only keys the add-on's configuration schema takes", () => {
        for (const key of Object.keys(corednsConfiguration())) assert.ok(COREDNS_CONFIGURATION_KEYS.includes(key), key);
    });

    it("knows which Kubernetes minors have Service trafficDistribution on by default (table)", () => {
        for (const [version, expected] of [
            ["1.30", false],
            ["1.31", true],
            ["1.33", true],
            ["1.40", true],
            ["2.0", true],
        ] as const)
            assert.equal(hasTrafficDistribution(version), expected, version);
    });

    it("installs coredns with that configuration and keeps the kube-dns Service's traffic in the zone", async () => {
        const cloud = await hub((h) => {
            h.kubernetesObjects = true;
            h.cloudNodeGroup = { instanceTypes: ["m7i.large"] };
            h.corednsReplicas = 4;
        });
        const addon = cloud.named("hub-addons-coredns");
        assert.deepEqual(JSON.parse(addon.inputs.configurationValues), corednsConfiguration(4));
        const patch = cloud.named("hub-kube-dns-traffic-distribution");
        assert.equal(patch.type, "kubernetes:core/v1:ServicePatch");
        assert.deepEqual(patch.inputs.metadata, { name: "kube-dns", namespace: "kube-system" });
        assert.deepEqual(patch.inputs.spec, { trafficDistribution: "PreferClose" });
        assert.deepEqual(patch.explicitDependsOn, ["hub-addons-coredns"]);
        assert.equal(patch.provider, "hub-k8s");
        assert.equal(patch.parent, "hub");
    });

    it("patches nothing before the hub applies Kubernetes objects, nor without coredns", async () => {
        const before = await hub((h) => {
            h.kubernetesObjects = false;
            h.cloudNodeGroup = { instanceTypes: ["m7i.large"] };
        });
        assert.equal(before.named("hub-addons-coredns").type, "aws:eks/addon:Addon");
        assert.deepEqual(before.ofType("kubernetes:core/v1:ServicePatch"), []);
        const hybridOnly = await hub((h) => (h.kubernetesObjects = true));
        assert.deepEqual(
            hybridOnly.ofType("aws:eks/addon:Addon").map((r) => r.inputs.addonName),
            ["kube-proxy"],
        );
        assert.deepEqual(hybridOnly.ofType("kubernetes:core/v1:ServicePatch"), []);
    });
});
