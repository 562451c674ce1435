/** How a site's VPN is watched. Everything has a default. */
export interface VpnMonitoringArgs {
    /**
     * SNS topic the tunnel alarms notify (default: the hub's `alertTopicArn`). Subscribe the
     * people who answer for the site.
     */
    alertTopicArn?: string;
    /** Minutes a tunnel must be down before its alarm fires (default 5). */
    tunnelDownMinutes?: number;
    /** Days CloudWatch Logs keeps the tunnels' IKE and BGP logs (default 30; one of CloudWatch's retention values). */
    logRetentionDays?: number;
}

/** Minutes a tunnel is down before its alarm fires, when a site sets none. */
export const DEFAULT_TUNNEL_DOWN_MINUTES = 5;
/** Days the tunnel logs are kept, when a site sets none. */
export const DEFAULT_LOG_RETENTION_DAYS = 30;
/** The retention periods CloudWatch Logs accepts (PutRetentionPolicy), in days. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
