import * as YAML from "yaml";
import { siteNodeLabelFlag } from "../cilium/names";

/** Where a node's NodeConfig goes: the site README, `nodeadm init` and `nodeadm upgrade` use it. */
export const NODE_CONFIG_PATH = "/etc/eks-hybrid/nodeConfig.yaml";

/** SSM credentials of a node: the site's hybrid activation. */
export interface SsmNodeCredentials {
    activationId: string;
    activationCode: string;
}

/** IAM Roles Anywhere settings of one node; its name is its certificate's CN. */
export interface RolesAnywhereNodeCredentials {
    nodeName?: string;
    trustAnchorArn: string;
    profileArn: string;
    roleArn: string;
}

/** What a hybrid node's NodeConfig is made of. */
export interface NodeConfigInputs {
    clusterName: string;
    region: string;
    site: string;
    ssm?: SsmNodeCredentials;
    iamRolesAnywhere?: RolesAnywhereNodeCredentials;
    /** nodeadm writes the node's credentials to /eks-hybrid/.aws/credentials, where the Pod Identity agent reads them. */
    enableCredentialsFile?: boolean;
}

/** A nodeadm NodeConfig (node.eks.aws/v1alpha1) for a hybrid node of `site`. */
export function nodeConfigObject(n: NodeConfigInputs): Record<string, unknown> {
    return {
        apiVersion: "node.eks.aws/v1alpha1",
        kind: "NodeConfig",
        spec: {
            cluster: { name: n.clusterName, region: n.region },
            hybrid: {
                ...(n.enableCredentialsFile ? { enableCredentialsFile: true } : {}),
                ...(n.ssm ? { ssm: { ...n.ssm } } : { iamRolesAnywhere: { ...n.iamRolesAnywhere } }),
            },
            kubelet: { flags: [siteNodeLabelFlag(n.site)] },
        },
    };
}

/** The NodeConfig as the YAML file `nodeadm init --config-source file://…` reads. */
export function renderNodeConfig(n: NodeConfigInputs): string {
    return YAML.stringify(nodeConfigObject(n));
}
