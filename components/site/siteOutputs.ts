import type * as pulumi from "@pulumi/pulumi";
import { KeyList } from "../hub/hubOutputs";

/**
 * Everything a site stack exports: the Site component implements it, the program exports it, and
 * the plan (and any command that writes a site's files) reads the stack's outputs by these names.
 */
export interface SiteStackOutputs {
    /** Customer gateway id. */
    customerGatewayId: pulumi.Input<string>;
    /** VPN connection id. */
    vpnConnectionId: pulumi.Input<string>;
    /** AWS outside address of tunnel 1. */
    tunnel1Address: pulumi.Input<string>;
    /** AWS outside address of tunnel 2. */
    tunnel2Address: pulumi.Input<string>;
    /** Pre-shared key of tunnel 1 (secret). */
    tunnel1PresharedKey: pulumi.Input<string>;
    /** Pre-shared key of tunnel 2 (secret). */
    tunnel2PresharedKey: pulumi.Input<string>;
    /** SSM activation id (empty with iam-ra). */
    activationId: pulumi.Input<string>;
    /** SSM activation code (secret; empty with iam-ra). */
    activationCode: pulumi.Input<string>;
    /** When the SSM activation expires, RFC 3339 (empty with iam-ra): new nodes cannot register after it. */
    activationExpiry: pulumi.Input<string>;
    /** Registrations the SSM activation has left, as of the last `up` or `refresh` (-1 with iam-ra). */
    activationRegistrationsLeft: pulumi.Input<number>;
    /** The site's NodeConfig YAML (secret); with iam-ra a template without nodeName. */
    nodeConfig: pulumi.Input<string>;
    /** NodeConfig YAML per listed host (secret). */
    hostNodeConfigs: pulumi.Input<{ [host: string]: string }>;
    /** The node label (`key=value`) that puts a node in this site. */
    nodeLabel: pulumi.Input<string>;
    /** Name of the site's CiliumPodIPPool (empty while the hub applies no Kubernetes objects, and with AWS's gateway). */
    podPoolName: pulumi.Input<string>;
    /** Whether the site's Kubernetes objects (its Cilium objects) are applied: the hub's `kubernetesObjects`. */
    kubernetesObjects: pulumi.Input<boolean>;
    /** The hub's pod networking, which decides what the site routes: `routed` or `gateway`. */
    podNetworkingMode: pulumi.Input<string>;
    /** The VPN server's files by path (strongSwan config, updown and setup scripts): secret, they hold the keys. */
    vpnServerConfig: pulumi.Input<{ [path: string]: string }>;
    /** The site router's frr.conf (empty without BGP); secret when it holds a password. */
    routerConfig: pulumi.Input<string>;
    /** The site's Kubernetes upgrade runbook (Markdown): the order, and the nodeadm command per minor. */
    upgradeRunbook: pulumi.Input<string>;
    /** How the site's nodes get AWS credentials, the hub's choice: `ssm` or `iam-ra` (nodeadm's credential provider). */
    nodeCredentials: pulumi.Input<string>;
    /** The Kubernetes version the site's nodes install (`nodeadm install <version>`): nodes.kubernetesVersion, else the cluster's. */
    nodeKubernetesVersion: pulumi.Input<string>;
}

/** The names of everything a site stack exports. */
export const SITE_STACK_OUTPUT_NAMES = Object.keys({
    customerGatewayId: true,
    vpnConnectionId: true,
    tunnel1Address: true,
    tunnel2Address: true,
    tunnel1PresharedKey: true,
    tunnel2PresharedKey: true,
    activationId: true,
    activationCode: true,
    activationExpiry: true,
    activationRegistrationsLeft: true,
    nodeConfig: true,
    hostNodeConfigs: true,
    nodeLabel: true,
    podPoolName: true,
    kubernetesObjects: true,
    podNetworkingMode: true,
    vpnServerConfig: true,
    routerConfig: true,
    upgradeRunbook: true,
    nodeCredentials: true,
    nodeKubernetesVersion: true,
} satisfies KeyList<SiteStackOutputs>) as (keyof SiteStackOutputs)[];

/** A site stack's outputs as the values a deployed (or planned) stack holds. */
export type SiteOutputValues = { [K in keyof SiteStackOutputs]: pulumi.Unwrap<SiteStackOutputs[K]> };

/** The site's outputs by name: what the site stack exports. */
export function siteOutputs(site: SiteStackOutputs): Record<string, unknown> {
    return Object.fromEntries(SITE_STACK_OUTPUT_NAMES.map((key) => [key, site[key]]));
}
