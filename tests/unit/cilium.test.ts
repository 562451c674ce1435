import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import * as YAML from "yaml";
import { ciliumValues, CILIUM_CHART } from "../../components/cilium/ciliumValues";
import { podPoolAdvertisement, siteCiliumObjects } from "../../components/cilium/ciliumObjects";
import { ADVERTISED_POOL_LABELS, SITE_LABEL_KEY, siteNodeSelector } from "../../components/cilium/names";
import { poolChangeProblem, poolGuardHook, poolGuardHooks } from "../../components/cilium/poolGuard";
import { ciliumValuesErrors, unknownValuePaths } from "../../cli/plan/ciliumValuesSchema";
import { CrdValidator } from "../../components/config/crdSchema";
import { Hub } from "../../components/hub/hub";
import { Site } from "../../components/site/site";
import { munichCilium, siteHubArgs, validHub, siteSettings } from "../support/fixtures";
import { MockCloud, secretInput } from "../support/mockCloud";

const CRDS: Record<string, CrdValidator> = {
    CiliumPodIPPool: new CrdValidator("cilium-1.18/crds/v2alpha1-ciliumpodippools.yaml"),
    CiliumNodeConfig: new CrdValidator("cilium-1.18/crds/v2-ciliumnodeconfigs.yaml"),
    CiliumBGPClusterConfig: new CrdValidator("cilium-1.18/crds/v2-ciliumbgpclusterconfigs.yaml"),
    CiliumBGPPeerConfig: new CrdValidator("cilium-1.18/crds/v2-ciliumbgppeerconfigs.yaml"),
    CiliumBGPAdvertisement: new CrdValidator("cilium-1.18/crds/v2-ciliumbgpadvertisements.yaml"),
    CiliumLoadBalancerIPPool: new CrdValidator("cilium-1.18/crds/v2-ciliumloadbalancerippools.yaml"),
};
const crdErrors = (o: any) => CRDS[o.kind].errors(o);

const MUNICH = munichCilium();

describe("Cilium values", () => {
    const values = ciliumValues({ bgp: true });
    const hybridOnly = {
        nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: "eks.amazonaws.com/compute-type", operator: "In", values: ["hybrid"] }] }],
            },
        },
    };

    it("are exactly the hybrid multi-pool setup", () => {
        assert.deepEqual(values, {
            affinity: hybridOnly,
            operator: {
                affinity: hybridOnly,
                replicas: 2,
                podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
                tolerations: [
                    { key: "node.cilium.io/agent-not-ready", operator: "Exists" },
                    { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoSchedule" },
                ],
                unmanagedPodWatcher: { restart: false },
            },
            envoy: { enabled: false },
            loadBalancer: { serviceTopology: true },
            ipam: { mode: "multi-pool" },
            endpointRoutes: { enabled: true },
            routingMode: "tunnel",
            tunnelProtocol: "vxlan",
            enableIPv4Masquerade: false,
            bgpControlPlane: { enabled: true, secretsNamespace: { create: true, name: "cilium-bgp-secrets" } },
            livenessProbe: { requireK8sConnectivity: false },
        });
        assert.deepEqual(ciliumValues({ bgp: false }).bgpControlPlane, { enabled: false });
    });

    it("never tolerate a cordon, so drained nodes lose their operator", () => {
        const tolerations = (values.operator as any).tolerations as { key?: string; operator: string }[];
        assert.ok(tolerations.every((t) => t.key !== undefined && t.key !== "node.kubernetes.io/unschedulable"));
    });

    it("validate against the chart's values.schema.json, and a broken object does not", () => {
        assert.deepEqual(ciliumValuesErrors(values), []);
        assert.deepEqual(ciliumValuesErrors(ciliumValues({ bgp: true, imageRegistry: "r.example/ecr-public" })), []);
        assert.deepEqual(unknownValuePaths(ciliumValues({ bgp: true, imageRegistry: "r.example/ecr-public" })), []);
        assert.deepEqual(ciliumValuesErrors({ ...values, ipam: { mode: 5 }, operator: { replicas: "two" } }), [
            "/ipam/mode: must be string",
            "/operator/replicas: must be integer",
        ]);
    });

    it("set only keys the chart knows (its schema lets misspelt keys through)", () => {
        assert.deepEqual(unknownValuePaths(values), []);
        assert.deepEqual(unknownValuePaths({ bgpControlPlane: { enable: true }, ipam: { mod: "multi-pool" } }), [
            "bgpControlPlane.enable",
            "ipam.mod",
        ]);
    });
});

describe("Cilium release in the hub", () => {
    let cloud: MockCloud;
    let hub: Hub;
    before(async () => ({ cloud, result: hub } = await MockCloud.run(() => new Hub("hub", validHub()))));

    it("installs AWS's Cilium chart into kube-system with the values, without waiting for nodes", () => {
        const release = cloud.named("hub-cilium-cilium");
        assert.equal(release.type, "kubernetes:helm.sh/v3:Release");
        assert.equal(release.inputs.chart, "oci://public.ecr.aws/eks/cilium/cilium");
        assert.equal(CILIUM_CHART, `oci://public.ecr.aws/eks/cilium/cilium`);
        assert.equal(release.inputs.version, "1.18.9-1");
        assert.equal(release.inputs.namespace, "kube-system");
        assert.equal(release.inputs.name, "cilium");
        assert.equal(release.inputs.skipAwait, true);
        // A private cluster pulls the images through its ECR cache.
        const values: any = release.inputs.values;
        assert.deepEqual(values.image, { repository: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/ecr-public/eks/cilium/cilium" });
        assert.deepEqual(values.operator.image, {
            repository: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/ecr-public/eks/cilium/operator",
        });
        assert.deepEqual(values, ciliumValues({ bgp: true, imageRegistry: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/ecr-public" }));
    });

    it("keeps the chart's public images when the endpoint is public", async () => {
        const { cloud: pub } = await MockCloud.run(
            () => new Hub("hub", { ...validHub(), endpointAccess: "public", publicAccessCidrs: ["203.0.113.0/24"] } as any),
        );
        const values: any = pub.named("hub-cilium-cilium").inputs.values;
        assert.equal(values.image, undefined);
        assert.equal(values.operator.image, undefined);
        assert.deepEqual(values, ciliumValues({ bgp: true }));
    });

    it("goes through the hub's one Kubernetes provider, made from the hub's kubeconfig", async () => {
        const provider = cloud.named("hub-k8s");
        assert.equal(provider.type, "pulumi:providers:kubernetes");
        assert.equal(provider.parent, "hub");
        assert.deepEqual(provider.inputs.kubeconfig, secretInput(await (hub.kubeconfig as any).promise()));
        assert.deepEqual(
            cloud.ofType("pulumi:providers:kubernetes").map((p) => p.name),
            ["hub-k8s"],
        );
        const kubernetesObjects = cloud.registrations.filter((r) => r.type.startsWith("kubernetes:"));
        assert.deepEqual(
            kubernetesObjects.filter((r) => r.provider !== "hub-k8s").map((r) => r.name),
            [],
        );
        assert.equal(kubernetesObjects.length, 7);
    });

    it("seeds the CRDs the site stacks use, from the chart's own files, before the release", () => {
        const crds = cloud.ofType("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition");
        assert.deepEqual(crds.map((c) => c.inputs.metadata.name).sort(), [
            "ciliumbgpadvertisements.cilium.io",
            "ciliumbgpclusterconfigs.cilium.io",
            "ciliumbgppeerconfigs.cilium.io",
            "ciliumnodeconfigs.cilium.io",
            "ciliumpodippools.cilium.io",
        ]);
        const pools = crds.find((c) => c.inputs.metadata.name === "ciliumpodippools.cilium.io")!;
        assert.deepEqual(
            pools.inputs.spec.versions.map((v: any) => v.name),
            ["v2alpha1"],
        );
        for (const crd of crds) assert.ok(cloud.named("hub-cilium-cilium").dependsOn.includes(crd.name));
    });

    it("creates one advertisement of type CiliumPodIPPool after the release, selecting every site pool", () => {
        const ad = cloud.named("hub-cilium-advertisement");
        assert.equal(ad.type, "kubernetes:cilium.io/v2:CiliumBGPAdvertisement");
        assert.deepEqual(ad.inputs.spec, {
            advertisements: [{ advertisementType: "CiliumPodIPPool", selector: { matchLabels: { "eks-hybrid/bgp-advertised": "true" } } }],
        });
        assert.ok(ad.dependsOn.includes("hub-cilium-cilium"));
        assert.deepEqual(crdErrors(podPoolAdvertisement()), []);
        // Whatever the site, its pool carries every label the advertisement selects on.
        fc.assert(
            fc.property(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/), (site) => {
                const pool = siteCiliumObjects({ ...MUNICH, site })[0];
                const selector = (podPoolAdvertisement().spec.advertisements as any)[0].selector.matchLabels;
                return Object.entries(selector).every(([k, v]) => pool.metadata.labels?.[k] === v);
            }),
        );
    });

    it("leaves out the advertisement when BGP is off", async () => {
        const { cloud: noBgp } = await MockCloud.run(() => new Hub("hub", { ...validHub(), cilium: { bgp: false } }));
        assert.deepEqual(noBgp.ofType("kubernetes:cilium.io/v2:CiliumBGPAdvertisement"), []);
        assert.deepEqual(noBgp.named("hub-cilium-cilium").inputs.values.bgpControlPlane, { enabled: false });
    });
});

describe("Cilium objects of a site", () => {
    let cloud: MockCloud;
    let site: Site;
    before(async () => {
        ({ cloud, result: site } = await MockCloud.run(
            () =>
                new Site("munich", {
                    site: siteSettings(),
                    hub: siteHubArgs("kubeconfig-of-the-hub"),
                    activationExpiry: "2026-12-22T00:00:00Z",
                    bgpPassword: pulumi.secret("s3cret"),
                }),
        ));
    });
    const spec = (kind: string) => cloud.registrations.find((r) => r.type.endsWith(`:${kind}`))!.inputs;

    it("registers the pool, node config, BGP peer and cluster configs and the password Secret through the hub's kubeconfig", () => {
        assert.deepEqual(
            cloud.registrations
                .filter((r) => r.parent === "munich-cilium")
                .map((r) => `${r.type} ${r.name} via ${r.provider}`)
                .sort(),
            [
                "kubernetes:core/v1:Secret munich-cilium-bgp-password",
                "kubernetes:cilium.io/v2alpha1:CiliumPodIPPool munich-cilium-cilium-pod-ip-pool",
                "kubernetes:cilium.io/v2:CiliumNodeConfig munich-cilium-cilium-node-config",
                "kubernetes:cilium.io/v2:CiliumBGPPeerConfig munich-cilium-cilium-bgp-peer-config",
                "kubernetes:cilium.io/v2:CiliumBGPClusterConfig munich-cilium-cilium-bgp-cluster-config",
            ]
                .map((r) => `${r} via munich-k8s`)
                .sort(),
        );
        // The site's one Kubernetes provider, made once from the hub's kubeconfig.
        assert.deepEqual(
            cloud.ofType("pulumi:providers:kubernetes").map((p) => `${p.name} ${p.parent}`),
            ["munich-k8s munich"],
        );
        assert.equal(cloud.named("munich-k8s").inputs.kubeconfig, "kubeconfig-of-the-hub");
    });

    it("gives the pool the site's pod CIDR and mask, labelled for the advertisement", () => {
        const pool = spec("CiliumPodIPPool");
        assert.deepEqual(pool.metadata, { name: "site-munich", labels: { ...ADVERTISED_POOL_LABELS } });
        assert.deepEqual(pool.spec, { ipv4: { cidrs: ["10.96.1.0/24"], maskSize: 26 } });
    });

    it("makes the pool the default pool of the site's nodes", () => {
        const config = spec("CiliumNodeConfig");
        assert.deepEqual(config.metadata, { name: "site-munich", namespace: "kube-system" });
        assert.deepEqual(config.spec, {
            nodeSelector: { matchLabels: { "eks-hybrid/site": "munich" } },
            defaults: { "ipam-default-ip-pool": "site-munich", "ipam-multi-pool-pre-allocation": "site-munich=8" },
        });
    });

    it("peers the site's nodes with the site router", () => {
        assert.deepEqual(spec("CiliumBGPClusterConfig").spec, {
            nodeSelector: { matchLabels: { "eks-hybrid/site": "munich" } },
            bgpInstances: [
                {
                    name: "site-munich",
                    localASN: 65010,
                    peers: [{ name: "site-router", peerASN: 65000, peerAddress: "10.80.1.1", peerConfigRef: { name: "site-munich" } }],
                },
            ],
        });
        assert.deepEqual(spec("CiliumBGPPeerConfig").spec, {
            timers: { connectRetryTimeSeconds: 5, holdTimeSeconds: 9, keepAliveTimeSeconds: 3 },
            gracefulRestart: { enabled: true, restartTimeSeconds: 120 },
            families: [{ afi: "ipv4", safi: "unicast", advertisements: { matchLabels: { "eks-hybrid/advertisement": "site-pod-pools" } } }],
            authSecretRef: "bgp-site-munich",
        });
        // The peer config selects the hub's advertisement.
        assert.deepEqual(spec("CiliumBGPPeerConfig").spec.families[0].advertisements.matchLabels, podPoolAdvertisement().metadata.labels);
    });

    it("keeps the BGP password secret in the Secret it references", () => {
        const secret = cloud.named("munich-cilium-bgp-password").inputs;
        // Not kube-system: the chart's own namespace for BGP secrets, which the agents may read.
        assert.deepEqual(secret.metadata, { name: "bgp-site-munich", namespace: "cilium-bgp-secrets" });
        assert.deepEqual(secret.stringData, secretInput({ password: "s3cret" }));
    });

    it("labels the NodeConfig's nodes as the node config and BGP cluster config select them, and in their site's zone", async () => {
        const flags: string[] = YAML.parse(await (site.nodeConfig as any).promise()).spec.kubelet.flags;
        const labels = Object.fromEntries(
            flags
                .filter((f) => f.startsWith("--node-labels="))
                .flatMap((f) =>
                    f
                        .slice("--node-labels=".length)
                        .split(",")
                        .map((kv) => kv.split("=")),
                ),
        );
        assert.deepEqual(labels, { "eks-hybrid/site": "munich", "topology.kubernetes.io/zone": "munich" });
        for (const kind of ["CiliumNodeConfig", "CiliumBGPClusterConfig"]) {
            assert.deepEqual(spec(kind).spec.nodeSelector, { matchLabels: { "eks-hybrid/site": "munich" } });
        }
    });

    it("guards the pool against an in-place change of its range, in previews too", () => {
        assert.deepEqual(cloud.named("munich-cilium-cilium-pod-ip-pool").beforeUpdateHooks, ["site-munich-pool-guard"]);
        assert.deepEqual(
            cloud.hooks.filter((h) => h.name.endsWith("pool-guard")),
            [{ name: "site-munich-pool-guard", onDryRun: true }],
        );
    });

    it("validates every generated object against the CRD of its apiVersion", () => {
        const all = [...siteCiliumObjects(MUNICH), podPoolAdvertisement()];
        assert.deepEqual(
            all.map((o) => o.kind),
            ["CiliumPodIPPool", "CiliumNodeConfig", "CiliumBGPPeerConfig", "CiliumBGPClusterConfig", "CiliumBGPAdvertisement"],
        );
        for (const o of all) assert.deepEqual(crdErrors(o), [], o.kind);
        for (const kind of ["CiliumPodIPPool", "CiliumNodeConfig", "CiliumBGPPeerConfig", "CiliumBGPClusterConfig"]) {
            assert.deepEqual(crdErrors(spec(kind)), [], kind);
        }
    });

    it("fails CRD validation for deliberately broken objects", () => {
        const [pool, nodeConfig, peer, cluster] = siteCiliumObjects(MUNICH).map((o) => JSON.parse(JSON.stringify(o)));
        pool.spec.ipv4.cidrs = ["10.96.1.0/33"];
        assert.deepEqual(crdErrors(pool), ['/spec/ipv4/cidrs/0: must match format "cidr"']);
        delete nodeConfig.spec.defaults;
        assert.deepEqual(crdErrors(nodeConfig), ["/spec: must have required property 'defaults'"]);
        peer.spec.families[0].safi = "unicorn";
        assert.deepEqual(crdErrors(peer), ["/spec/families/0/safi: must be equal to one of the allowed values"]);
        cluster.spec.bgpInstances[0].localAsn = 65010;
        assert.deepEqual(crdErrors(cluster), ["/spec/bgpInstances/0: must NOT have additional properties (localAsn)"]);
        assert.deepEqual(crdErrors({ ...pool, apiVersion: "cilium.io/v2" }), [
            'apiVersion: "cilium.io/v2" is not served; served: cilium.io/v2alpha1',
        ]);
    });

    it("without BGP, makes only the pool and the node config", () => {
        const objects = siteCiliumObjects({ ...MUNICH, bgp: undefined, bgpPassword: false });
        assert.deepEqual(
            objects.map((o) => o.kind),
            ["CiliumPodIPPool", "CiliumNodeConfig"],
        );
    });
});

describe("site selectors and the pool guard", () => {
    it("two different sites' node selectors never select the same node", () => {
        fc.assert(
            fc.property(
                fc.string({ minLength: 1 }),
                fc.string({ minLength: 1 }),
                fc.dictionary(fc.string(), fc.string()),
                (a, b, others) => {
                    fc.pre(a !== b);
                    // A node has one value per label key.
                    const node: Record<string, string> = { ...others, [SITE_LABEL_KEY]: a };
                    const matches = (selector: { matchLabels: Record<string, string> }) =>
                        Object.entries(selector.matchLabels).every(([k, v]) => node[k] === v);
                    return !(matches(siteNodeSelector(a)) && matches(siteNodeSelector(b)));
                },
            ),
        );
    });

    it("lets an unchanged pool through and refuses a new range or mask, saying what to do instead", async () => {
        const before = { ipv4: { cidrs: ["10.96.1.0/24"], maskSize: 26 } };
        assert.equal(poolChangeProblem("site-munich", before, before), undefined);
        assert.equal(poolChangeProblem("site-munich", undefined, before), undefined);
        const message =
            "CiliumPodIPPool site-munich: podCidr 10.96.1.0/24 /26 -> 10.96.8.0/24 /26 cannot change in place: nodes hold slices " +
            "of the pool. " +
            "Instead, give the new range its own site stack (new pool, VPN routes and NodeConfig), move the nodes there and " +
            "remove the old site; " +
            "or drain every node of this site, destroy its stack and deploy it again with the new range.";
        assert.equal(poolChangeProblem("site-munich", before, { ipv4: { cidrs: ["10.96.8.0/24"], maskSize: 26 } }), message);
        assert.match(
            poolChangeProblem("site-munich", before, { ipv4: { cidrs: ["10.96.1.0/24"], maskSize: 27 } })!,
            /\/26 -> 10\.96\.1\.0\/24 \/27 cannot change in place/,
        );
        const hook = poolGuardHook("site-munich");
        const args = (spec: unknown) => ({ urn: "", id: "", name: "", type: "", oldInputs: { spec: before }, newInputs: { spec } });
        await assert.rejects(async () => hook.callback(args({ ipv4: { cidrs: ["10.96.8.0/24"], maskSize: 26 } })), { message });
        await hook.callback(args(before));
    });
});

describe("pool guard under Pulumi's own mocks", () => {
    // Last in this file: it leaves the SDK's plain mock monitor in place.
    it("is left out, as that monitor cannot register hooks (a user's unit test of a Site)", async () => {
        await pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: () => ({}) });
        assert.deepEqual(poolGuardHooks("site-munich"), []);
    });
});
