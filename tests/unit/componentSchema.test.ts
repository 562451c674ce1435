import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { COMPONENT_REFERENCE_FILE, renderComponentReference } from "../../cli/docs/componentReference";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental/provider";
import { HUB_SITE_OUTPUT_NAMES, HUB_STACK_OUTPUT_NAMES } from "../../components/hub/hubOutputs";
import { SITE_STACK_OUTPUT_NAMES } from "../../components/site/siteOutputs";
import * as pkg from "../../index";

// What `pulumi package add` does to build SDKs for other languages: infer the schema from the
// TypeScript types. It fails on union types, functions and other things other languages lack.
describe("component package schema", () => {
    let schema: any;
    before(async function () {
        this.timeout(120000);
        const provider = new ComponentProvider({
            name: "eks-hybrid-sites",
            dirname: path.join(__dirname, "../.."),
            components: getPulumiComponents(pkg),
        });
        schema = JSON.parse(await provider.getSchema());
    });

    it("is what docs/components.md documents (run npm run docs after changing an argument or output)", () => {
        assert.equal(fs.readFileSync(COMPONENT_REFERENCE_FILE, "utf8"), renderComponentReference(schema));
    });

    it("lists every component", () => {
        assert.deepEqual(Object.keys(schema.resources).sort(), [
            "eks-hybrid-sites:index:CiliumRelease",
            "eks-hybrid-sites:index:ClusterAddons",
            "eks-hybrid-sites:index:CustomNetworking",
            "eks-hybrid-sites:index:CustomerGateway",
            "eks-hybrid-sites:index:Hub",
            "eks-hybrid-sites:index:HubNetwork",
            "eks-hybrid-sites:index:HybridCluster",
            "eks-hybrid-sites:index:HybridNodeIdentity",
            "eks-hybrid-sites:index:HybridNodesGateway",
            "eks-hybrid-sites:index:LoadBalancerController",
            "eks-hybrid-sites:index:PrivateEndpoints",
            "eks-hybrid-sites:index:Site",
            "eks-hybrid-sites:index:SiteCilium",
            "eks-hybrid-sites:index:SiteVpn",
        ]);
    });

    it("describes the Hub with its documented args, required ones marked", () => {
        const hub = schema.resources["eks-hybrid-sites:index:Hub"];
        assert.match(hub.description, /^The hub stack:/);
        assert.deepEqual(Object.keys(hub.inputProperties).sort(), [
            "alertTopicArn",
            "allowApiFromAnywhere",
            "apiAccessCidrs",
            "authenticationMode",
            "cilium",
            "cloudNodeGroup",
            "clusterAdmins",
            "clusterCreatorAdmin",
            "clusterLogTypes",
            "clusterName",
            "coredns",
            "corednsReplicas",
            "customNetworking",
            "endpointAccess",
            "gateway",
            "iamPermissionsBoundary",
            "iamRolesAnywhere",
            "kubeconfig",
            "kubernetesObjects",
            "kubernetesVersion",
            "loadBalancerController",
            "loadBalancerNetworks",
            "nodeCredentials",
            "podIdentity",
            "podNetworking",
            "privateEndpoints",
            "protect",
            "publicAccessCidrs",
            "quotas",
            "remoteNodeNetworks",
            "remotePodNetworks",
            "serviceCidr",
            "ssmInstanceTier",
            "tags",
            "temporaryPublicAccessCidrs",
            "vpc",
            "webhookPorts",
        ]);
        for (const [name, prop] of Object.entries<any>(hub.inputProperties)) {
            assert.ok(prop.description, `Hub arg ${name} has no doc comment`);
        }
        assert.deepEqual([...hub.requiredInputs].sort(), [
            "clusterName",
            "endpointAccess",
            "gateway",
            "kubernetesVersion",
            "nodeCredentials",
            "remoteNodeNetworks",
            "remotePodNetworks",
            "serviceCidr",
            "vpc",
        ]);
        assert.ok(hub.properties.kubeconfig, "kubeconfig is an output");
    });

    it("documents every component, every argument and output of each, and every property of their types", () => {
        const undocumented: string[] = [];
        for (const [name, resource] of Object.entries<any>(schema.resources)) {
            if (!resource.description) undocumented.push(name);
            for (const [prop, def] of Object.entries<any>(resource.inputProperties ?? {}))
                if (!def.description) undocumented.push(`${name} input ${prop}`);
            for (const [prop, def] of Object.entries<any>(resource.properties ?? {}))
                if (!def.description) undocumented.push(`${name} output ${prop}`);
        }
        // The SDK's schema generator keeps no description of a type itself, only of its properties.
        for (const [name, type] of Object.entries<any>(schema.types)) {
            for (const [prop, def] of Object.entries<any>(type.properties ?? {}))
                if (!def.description) undocumented.push(`${name} property ${prop}`);
        }
        assert.deepEqual(undocumented, []);
    });

    it("takes the hub→site contract as the Site's hub argument, and the site's settings without the stack's hubStack", () => {
        const types = schema.types;
        assert.deepEqual(Object.keys(types["eks-hybrid-sites:index:SiteHubArgs"].properties).sort(), [...HUB_SITE_OUTPUT_NAMES].sort());
        assert.deepEqual([...types["eks-hybrid-sites:index:SiteHubArgs"].required].sort(), [
            "clusterArn",
            "clusterName",
            "gatewayId",
            "gatewayType",
            "hybridNodeRoleArn",
            "hybridNodeRoleName",
            "kubeconfig",
            "kubernetesVersion",
            "nodeCredentials",
            "region",
            "remoteNodeNetworks",
            "remotePodNetworks",
            "vpcCidrs",
        ]);
        assert.equal(types["eks-hybrid-sites:index:SiteSettings"].properties.hubStack, undefined);
        const hub = schema.resources["eks-hybrid-sites:index:Hub"];
        for (const name of HUB_STACK_OUTPUT_NAMES) assert.ok(hub.properties[name], `Hub output ${name}`);
        assert.equal(hub.properties.kubernetesProvider.$ref, "/kubernetes/v4.34.2/schema.json#/resources/kubernetes");
        const site = schema.resources["eks-hybrid-sites:index:Site"];
        assert.deepEqual(Object.keys(site.properties).sort(), [...SITE_STACK_OUTPUT_NAMES].sort());
    });

    it("describes the Site with the hub's outputs as inputs and its secrets as outputs", () => {
        const site = schema.resources["eks-hybrid-sites:index:Site"];
        assert.deepEqual(Object.keys(site.inputProperties).sort(), ["activationExpiry", "bgpPassword", "hub", "site"]);
        assert.equal(
            schema.types["eks-hybrid-sites:index:SiteHubArgs"].properties.gatewayType.$ref,
            "#/types/eks-hybrid-sites:index:GatewayType",
        );
        for (const output of ["nodeConfig", "tunnel1PresharedKey", "activationCode"]) assert.ok(site.properties[output], output);
    });

    it("turns the modes into enums, not unions", () => {
        const values = (name: string) => schema.types[`eks-hybrid-sites:index:${name}`].enum.map((e: any) => e.value);
        assert.deepEqual(values("GatewayType"), ["vgw", "tgw"]);
        assert.deepEqual(values("EndpointAccess"), ["private", "public"]);
        assert.deepEqual(values("NodeCredentials"), ["ssm", "iam-ra"]);
        assert.deepEqual(values("AuthenticationMode"), ["API", "API_AND_CONFIG_MAP"]);
        assert.deepEqual(values("IpsecMode"), ["kernel", "userspace"]);
        assert.deepEqual(
            schema.resources["eks-hybrid-sites:index:Hub"].inputProperties.endpointAccess.$ref,
            "#/types/eks-hybrid-sites:index:EndpointAccess",
        );
    });
});
