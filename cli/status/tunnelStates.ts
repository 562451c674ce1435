/** Live state of each tunnel, by VPN connection id and the tunnel's outside address: `UP` or `DOWN`. */
export type TunnelStates = Record<string, Record<string, string>>;

/** Reads the live tunnel states of VPN connections in a region. The EC2 API implements it; tests stub the client. */
export interface TunnelStateReader {
    states(region: string, vpnConnectionIds: string[]): Promise<TunnelStates>;
}

/** The part of the AWS SDK's EC2 client the reader uses. */
export interface Ec2Client {
    send(
        command: unknown,
    ): Promise<{ VpnConnections?: { VpnConnectionId?: string; VgwTelemetry?: { OutsideIpAddress?: string; Status?: string }[] }[] }>;
}

/**
 * Tunnel states from EC2 DescribeVpnConnections (each connection's VgwTelemetry), with the AWS
 * SDK's default credentials. The SDK is loaded only when live state is asked for.
 */
export function ec2TunnelStates(clientFor?: (region: string) => Promise<Ec2Client>): TunnelStateReader {
    const client =
        clientFor ??
        (async (region: string) => {
            const { EC2Client } = await import("@aws-sdk/client-ec2");
            return new EC2Client({ region }) as unknown as Ec2Client;
        });
    return {
        async states(region, vpnConnectionIds) {
            if (vpnConnectionIds.length === 0) return {};
            const { DescribeVpnConnectionsCommand } = await import("@aws-sdk/client-ec2");
            const answer = await (await client(region)).send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: vpnConnectionIds }));
            return Object.fromEntries(
                (answer.VpnConnections ?? []).map((c) => [
                    c.VpnConnectionId ?? "",
                    Object.fromEntries((c.VgwTelemetry ?? []).map((t) => [t.OutsideIpAddress ?? "", t.Status ?? "UNKNOWN"])),
                ]),
            );
        },
    };
}
