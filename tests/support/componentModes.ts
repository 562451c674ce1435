import { NodeCredentials } from "../../components/cluster/enums";
import { Hub } from "../../components/hub/hub";
import { GatewayType } from "../../components/network/enums";
import { Site } from "../../components/site/site";
import { siteHubArgs, siteSettings, validHub } from "./fixtures";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
/** One component's construction as data: which component, its name, its arguments (plain JSON). */
export interface ComponentMode {
    readonly component: "Hub" | "Site";
    readonly name: string;
    readonly args: any;
}

const hub = (change: (h: any) => void): ComponentMode => {
    const h = validHub();
    change(h);
    return { component: "Hub", name: "hub", args: h };
};

/** Constructs the component of `mode` (under a mock engine's run). */
export function construct(mode: ComponentMode): unknown {
    return mode.component === "Hub" ? new Hub(mode.name, mode.args) : new Site(mode.name, mode.args);
}

/** Every mode of the components, as data: each resource type they can register appears in one of these. */
export const COMPONENT_MODE_ARGS: Record<string, ComponentMode> = {
    "private hub, virtual private gateway, SSM": hub(() => {}),
    "public hub, new transit gateway, IAM Roles Anywhere": hub((h) => {
        h.gateway = { type: "tgw" };
        h.endpointAccess = "public";
        h.publicAccessCidrs = ["203.0.113.0/24"];
        h.nodeCredentials = "iam-ra";
        h.iamRolesAnywhere = { caBundlePem: PEM };
    }),
    "public hub, cloud nodes, NAT per zone": hub((h) => {
        h.endpointAccess = "public";
        h.publicAccessCidrs = ["203.0.113.0/24"];
        h.cloudNodeGroup = {};
        h.vpc.egress = "nat-gateway-per-zone";
    }),
    "hub with custom networking and further cluster admins": hub((h) => {
        h.customNetworking = { secondaryCidr: "100.64.0.0/16" };
        h.cloudNodeGroup = { instanceTypes: ["m6i.large"] };
        h.clusterAdmins = ["arn:aws:iam::123456789012:role/platform-ci"];
        h.ssmInstanceTier = "advanced";
    }),
    "private hub, AWS's Hybrid Nodes gateway on the cloud nodes": hub((h) => {
        h.podNetworking = { mode: "gateway" };
        h.cloudNodeGroup = { minSize: 2, desiredSize: 2 };
        h.kubernetesObjects = true;
        h.loadBalancerController = { enabled: true };
    }),
    "site on a virtual private gateway": { component: "Site", name: "munich", args: { site: siteSettings(), hub: siteHubArgs() } },
    "site on a transit gateway": {
        component: "Site",
        name: "munich",
        args: {
            site: { ...siteSettings(), nodes: { hosts: [{ name: "munich-1", ip: "10.80.1.11" }] } },
            hub: {
                ...siteHubArgs(),
                gatewayType: GatewayType.Tgw,
                gatewayId: "tgw-0hub",
                transitGatewayRouteTableId: "tgw-rtb-0hub",
                nodeCredentials: NodeCredentials.IamRolesAnywhere,
                trustAnchorArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:trust-anchor/ta",
                profileArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:profile/p",
            },
        },
    },
};

/** Every mode of the components as a program. */
export const COMPONENT_MODES: Record<string, () => unknown> = Object.fromEntries(
    Object.entries(COMPONENT_MODE_ARGS).map(([mode, m]) => [mode, () => construct(m)]),
);
