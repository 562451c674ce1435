import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The log group a site's tunnels log to: created before the connection, whose tunnel options name it. */
export function tunnelLogGroup(
    name: string,
    logGroupName: pulumi.Input<string>,
    retentionDays: number,
    tags: Record<string, string>,
    parent: pulumi.Resource,
) {
    return new aws.cloudwatch.LogGroup(
        `${name}-tunnel-logs`,
        { name: logGroupName, retentionInDays: retentionDays, tags: { ...tags, Name: `${name}-tunnel-logs` } },
        { parent },
    );
}

/**
 * The tunnel options that make a tunnel log its IKE and BGP events as JSON, and leave AWS's
 * endpoint maintenance (tunnel replacements) to the operator, who starts it in the site's window.
 */
export function tunnelOperationArgs(n: 1 | 2, logGroupArn: pulumi.Input<string>): Record<string, unknown> {
    return {
        [`tunnel${n}LogOptions`]: { cloudwatchLogOptions: { logEnabled: true, logGroupArn, logOutputFormat: "json" } },
        [`tunnel${n}EnableTunnelLifecycleControl`]: true,
    };
}

/**
 * The alarms of one VPN connection on AWS/VPN `TunnelState` (0 down, 1 up for static routing):
 * one per tunnel (its outside address as `TunnelIpAddress`), and one when both are down
 * (`Maximum` over the connection falls below 1 only when no tunnel is up). Missing data counts as
 * down: a tunnel that stops reporting must not look healthy.
 */
export function tunnelAlarms(
    name: string,
    vpnId: pulumi.Input<string>,
    tunnelAddresses: pulumi.Input<string>[],
    topicArn: pulumi.Input<string>,
    minutes: number,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm[] {
    // No topic (a hub deployed before it had one, and none named): the alarms still show the state.
    const actions = pulumi.output(topicArn).apply((arn) => (arn ? [arn] : []));
    const alarm = (suffix: string, description: string, dimensions: Record<string, pulumi.Input<string>>) =>
        new aws.cloudwatch.MetricAlarm(
            `${name}-${suffix}`,
            {
                alarmDescription: description,
                namespace: "AWS/VPN",
                metricName: "TunnelState",
                dimensions,
                statistic: "Maximum",
                period: 60,
                evaluationPeriods: minutes,
                threshold: 1,
                comparisonOperator: "LessThanThreshold",
                treatMissingData: "breaching",
                alarmActions: actions,
                okActions: actions,
                tags,
            },
            { parent },
        );
    return [
        ...tunnelAddresses.map((address, i) =>
            alarm(`tunnel${i + 1}-down`, `${name}: tunnel ${i + 1} down for ${minutes} min`, { VpnId: vpnId, TunnelIpAddress: address }),
        ),
        alarm("both-tunnels-down", `${name}: both tunnels down for ${minutes} min: the site is cut off`, { VpnId: vpnId }),
    ];
}
