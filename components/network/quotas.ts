// AWS's default quotas the fleet runs into, with where each is raised. Validation refuses a plan
// past one unless the stack files state the raised quota (hub key `quotas`).

/** One AWS quota: its name as Service Quotas shows it, its default, and how it is raised. */
export interface AwsQuota {
    name: string;
    default: number;
    /** Service Quotas service and code, or undefined when AWS does not raise it. */
    code?: string;
}

/** The quotas validation checks (sources in docs/design.md, "Quotas"). */
export const AWS_QUOTAS = {
    securityGroupRules: { name: "Inbound or outbound rules per security group", default: 60, code: "vpc L-0EA8095F" },
    customerGateways: { name: "Customer gateways per Region", default: 50, code: "ec2 L-4FB7FF5D" },
    vpnConnections: { name: "Site-to-Site VPN connections per Region", default: 50, code: "ec2 L-3E6EC3A3" },
    transitGatewayRoutes: { name: "Number of routes per transit gateway", default: 10000, code: "Amazon VPC Transit Gateway quotas" },
    transitGatewayAttachments: { name: "Total number of transit gateway attachments per transit gateway", default: 5000 },
    ssmStandardNodes: { name: "Registered hybrid-activated nodes in the standard-instances tier, per account and Region", default: 1000 },
} as const satisfies Record<string, AwsQuota>;

/** Quotas an account has raised, as the hub's stack file states them. */
export interface RaisedQuotasArgs {
    /** Inbound or outbound rules per security group (default 60). */
    securityGroupRules?: number;
    /** Customer gateways per Region (default 50). */
    customerGateways?: number;
    /** Site-to-Site VPN connections per Region (default 50). */
    vpnConnections?: number;
    /** Routes per transit gateway (default 10,000). */
    transitGatewayRoutes?: number;
}

/** What a quota is for this fleet, and how to say why it is too low. */
export function quotaLimit(key: keyof RaisedQuotasArgs, raised: RaisedQuotasArgs | undefined): number {
    return raised?.[key] ?? AWS_QUOTAS[key].default;
}

/** The sentence that names a quota: its default, and how it is raised (or that it is not). */
export function quotaText(key: keyof typeof AWS_QUOTAS, raised?: number): string {
    const q: AwsQuota = AWS_QUOTAS[key];
    const stated = raised === undefined ? `is ${q.default} by default` : `is stated as ${raised} (default ${q.default})`;
    const how =
        q.code === undefined
            ? "AWS does not raise it"
            : `raise it in Service Quotas (${q.code}), then state the new value under quotas.${key} in the hub's stack file`;
    return `the quota "${q.name}" ${stated}; ${how}`;
}
