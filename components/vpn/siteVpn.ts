import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { cidrSlug } from "../network/cidr";
import { protection } from "../protection/protection";
import { GatewayType } from "../network/enums";
import { PresharedKeyStorage } from "./enums";
import { keyRotationHooks, VPN_REPLACING_PROPERTIES } from "./keyRotation";
import { resolveTunnelOptions, TunnelArgs, vpnTunnelArgs } from "./tunnelOptions";
import { DEFAULT_LOG_RETENTION_DAYS, DEFAULT_TUNNEL_DOWN_MINUTES } from "./monitoringArgs";
import { tunnelAlarms, tunnelLogGroup, tunnelOperationArgs } from "./vpnMonitoring";

/** Arguments of {@link SiteVpn}. */
export interface SiteVpnArgs {
    /** The site's customer gateway. */
    customerGatewayId: pulumi.Input<string>;
    /** `vgw` or `tgw`: the hub's gateway type. */
    gatewayType: GatewayType;
    /** The hub's virtual private gateway or transit gateway id. */
    gatewayId: pulumi.Input<string>;
    /** The hub's transit gateway route table (tgw only). */
    transitGatewayRouteTableId?: pulumi.Input<string>;
    /** The site's node CIDR: the first static route. */
    nodeCidr: string;
    /** The site's pod CIDR: the second static route. */
    podCidr?: string;
    /** The site's LoadBalancer Services' addresses: a third static route when set. */
    loadBalancerCidr?: string;
    /** Tunnel settings over the safe defaults. */
    tunnels?: TunnelArgs;
    /**
     * Create the VPN connection with Pulumi's `protect`, so the engine refuses to replace (new
     * outside addresses) or delete it (default true). False lifts it, for a deliberate replacement
     * or removal, and tags the connection `eks-hybrid:protect=false`.
     */
    protect?: boolean;
    /** Tunnel logs and alarms (default: none). */
    monitoring?: SiteVpnMonitoringArgs;
    /** Tags. */
    tags?: { [key: string]: string };
}

/** The tunnel logs and alarms of a {@link SiteVpn}. */
export interface SiteVpnMonitoringArgs {
    /** SNS topic the alarms notify. */
    alertTopicArn: pulumi.Input<string>;
    /** Minutes a tunnel must be down before its alarm fires (default 5). */
    tunnelDownMinutes?: number;
    /** Days CloudWatch Logs keeps the tunnel logs (default 30). */
    logRetentionDays?: number;
    /** Name of the tunnels' log group, unique in the account and region (default `/aws/vpn/<name>`). */
    logGroupName?: pulumi.Input<string>;
}

/**
 * A route-based Site-to-Site VPN with static routing: two tunnels with generated pre-shared keys
 * and explicit proposals, and exactly two static routes, the site's node CIDR and pod CIDR —
 * `VpnConnectionRoute`s on a virtual private gateway, or routes in the hub's transit gateway route
 * table to the VPN's attachment.
 */
export class SiteVpn extends pulumi.ComponentResource {
    /** VPN connection id. */
    public readonly vpnConnectionId: pulumi.Output<string>;
    /** Outside IP of tunnel 1 (AWS's end). */
    public readonly tunnel1Address: pulumi.Output<string>;
    /** Outside IP of tunnel 2 (AWS's end). */
    public readonly tunnel2Address: pulumi.Output<string>;
    /** Inside address of the site's end of tunnel 1. */
    public readonly tunnel1CgwInsideAddress: pulumi.Output<string>;
    /** Inside address of the site's end of tunnel 2. */
    public readonly tunnel2CgwInsideAddress: pulumi.Output<string>;
    /** Inside address of AWS's end of tunnel 1. */
    public readonly tunnel1VgwInsideAddress: pulumi.Output<string>;
    /** Inside address of AWS's end of tunnel 2. */
    public readonly tunnel2VgwInsideAddress: pulumi.Output<string>;
    /** Pre-shared key of tunnel 1 (secret). */
    public readonly tunnel1PresharedKey: pulumi.Output<string>;
    /** Pre-shared key of tunnel 2 (secret). */
    public readonly tunnel2PresharedKey: pulumi.Output<string>;

    constructor(name: string, args: SiteVpnArgs, opts?: pulumi.ComponentResourceOptions) {
        super("eks-hybrid-sites:index:SiteVpn", name, {}, opts);
        const parent = { parent: this };
        const options = resolveTunnelOptions(args.tunnels);
        const [inside1, inside2] = args.tunnels?.insideCidrs ?? [];
        const generations = args.tunnels?.keyGenerations ?? [0, 0];
        const [psk1, psk2] = ([1, 2] as const).map((n) => presharedKey(`${name}-tunnel${n}-psk`, generations[n - 1], this).result);
        const isTgw = args.gatewayType === GatewayType.Tgw;
        const secretsManager = args.tunnels?.presharedKeyStorage === PresharedKeyStorage.SecretsManager;
        const monitoring = args.monitoring;
        const guard = protection(args.protect);
        const logs = monitoring
            ? tunnelLogGroup(
                  name,
                  monitoring.logGroupName ?? `/aws/vpn/${name}`,
                  monitoring.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
                  { ...args.tags },
                  this,
              )
            : undefined;

        const vpn = new aws.ec2.VpnConnection(
            `${name}-vpn`,
            {
                customerGatewayId: args.customerGatewayId,
                type: "ipsec.1",
                staticRoutesOnly: true,
                ...(isTgw ? { transitGatewayId: args.gatewayId } : { vpnGatewayId: args.gatewayId }),
                // Route-based: one SA pair per tunnel whose selectors cover everything.
                localIpv4NetworkCidr: "0.0.0.0/0",
                remoteIpv4NetworkCidr: "0.0.0.0/0",
                ...vpnTunnelArgs(1, options, psk1, inside1),
                ...vpnTunnelArgs(2, options, psk2, inside2),
                ...(logs ? { ...tunnelOperationArgs(1, logs.arn), ...tunnelOperationArgs(2, logs.arn) } : {}),
                ...(secretsManager ? { presharedKeyStorage: "SecretsManager" } : {}),
                tags: { ...args.tags, ...guard.tags, Name: `${name}-vpn` },
            },
            {
                parent: this,
                protect: guard.protect,
                replaceOnChanges: VPN_REPLACING_PROPERTIES,
                hooks: { beforeUpdate: keyRotationHooks(`${name}-vpn`) },
            },
        );

        const destinations = [args.nodeCidr, args.podCidr, args.loadBalancerCidr].filter((c): c is string => c !== undefined);
        if (isTgw) {
            const routeTableId = args.transitGatewayRouteTableId ?? "";
            const association = new aws.ec2transitgateway.RouteTableAssociation(
                `${name}-tgw-association`,
                {
                    transitGatewayAttachmentId: vpn.transitGatewayAttachmentId,
                    transitGatewayRouteTableId: routeTableId,
                    // A transit gateway with default route table association (AWS's default, and
                    // common on an existing, shared one) associates the new VPN attachment with its
                    // default table at once; associating it again would fail. The attachment is
                    // this VPN's own, so the only association it can have is that default one.
                    replaceExistingAssociation: true,
                },
                parent,
            );
            for (const destination of destinations) {
                new aws.ec2transitgateway.Route(
                    `${name}-route-${cidrSlug(destination)}`,
                    {
                        destinationCidrBlock: destination,
                        transitGatewayAttachmentId: vpn.transitGatewayAttachmentId,
                        transitGatewayRouteTableId: routeTableId,
                    },
                    { parent: this, dependsOn: [association] },
                );
            }
        } else {
            for (const destination of destinations) {
                new aws.ec2.VpnConnectionRoute(
                    `${name}-route-${cidrSlug(destination)}`,
                    { vpnConnectionId: vpn.id, destinationCidrBlock: destination },
                    parent,
                );
            }
        }

        if (monitoring) {
            const minutes = monitoring.tunnelDownMinutes ?? DEFAULT_TUNNEL_DOWN_MINUTES;
            tunnelAlarms(name, vpn.id, [vpn.tunnel1Address, vpn.tunnel2Address], monitoring.alertTopicArn, minutes, { ...args.tags }, this);
        }

        this.vpnConnectionId = vpn.id;
        this.tunnel1Address = vpn.tunnel1Address;
        this.tunnel2Address = vpn.tunnel2Address;
        this.tunnel1CgwInsideAddress = vpn.tunnel1CgwInsideAddress;
        this.tunnel2CgwInsideAddress = vpn.tunnel2CgwInsideAddress;
        this.tunnel1VgwInsideAddress = vpn.tunnel1VgwInsideAddress;
        this.tunnel2VgwInsideAddress = vpn.tunnel2VgwInsideAddress;
        // The keys this stack gave AWS: with Secrets Manager storage AWS no longer reports them.
        this.tunnel1PresharedKey = pulumi.secret(psk1);
        this.tunnel2PresharedKey = pulumi.secret(psk2);
        this.registerOutputs({
            vpnConnectionId: this.vpnConnectionId,
            tunnel1Address: this.tunnel1Address,
            tunnel2Address: this.tunnel2Address,
            tunnel1CgwInsideAddress: this.tunnel1CgwInsideAddress,
            tunnel2CgwInsideAddress: this.tunnel2CgwInsideAddress,
            tunnel1VgwInsideAddress: this.tunnel1VgwInsideAddress,
            tunnel2VgwInsideAddress: this.tunnel2VgwInsideAddress,
            tunnel1PresharedKey: this.tunnel1PresharedKey,
            tunnel2PresharedKey: this.tunnel2PresharedKey,
        });
    }
}

/** AWS's pre-shared key rules: 8-64 characters, letters, digits, `.` and `_`, not starting with `0`. */
export const PSK_RULE = /^[A-Za-z1-9._][A-Za-z0-9._]{7,63}$/;

/**
 * A pre-shared key AWS accepts. Letters plus `.` and `_` only: leaving digits out is the simple
 * way to never start with `0`, and 40 characters from 54 symbols still carry over 230 bits. A new
 * `generation` replaces the password, which gives the tunnel a new key.
 */
function presharedKey(name: string, generation: number, parent: pulumi.Resource): random.RandomPassword {
    return new random.RandomPassword(
        name,
        {
            length: 40,
            upper: true,
            lower: true,
            numeric: false,
            special: true,
            overrideSpecial: "._",
            ...(generation > 0 ? { keepers: { generation: String(generation) } } : {}),
        },
        { parent },
    );
}
