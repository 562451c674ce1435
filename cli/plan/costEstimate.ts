import { StackRun } from "./planFolder";

/**
 * AWS list prices (USD, us-east-1, on-demand) as this project recorded them on 2026-11-22 from
 * AWS's public pricing pages. Other regions differ; check before budgeting.
 */
export const PRICES = {
    date: "2026-11-22",
    region: "us-east-1",
    hoursPerMonth: 730,
    eksClusterHour: 0.1,
    vpnConnectionHour: 0.05,
    transitGatewayAttachmentHour: 0.05,
    interfaceEndpointAzHour: 0.01,
    resolverEndpointIpHour: 0.125,
    kmsKeyMonth: 1,
};

/** One line of the monthly estimate. */
export interface CostLine {
    item: string;
    quantity: number;
    unit: string;
    monthlyUsd: number;
}

const hourly = (item: string, quantity: number, unit: string, perHour: number): CostLine => ({
    item,
    quantity,
    unit,
    monthlyUsd: round(quantity * perHour * PRICES.hoursPerMonth),
});
const round = (usd: number) => Math.round(usd * 100) / 100;

/**
 * The monthly cost of what the plan registers, counted from the registrations themselves so it
 * follows the components. Data transfer, EC2 instances, hybrid node vCPU hours and logs are
 * usage-based and left out.
 */
export function estimateCost(runs: readonly StackRun[]): CostLine[] {
    const regs = runs.flatMap((r) => r.cloud.registrations);
    const count = (type: string) => regs.filter((r) => r.type === type).length;
    const lines: CostLine[] = [
        hourly("EKS control plane", count("aws:eks/cluster:Cluster"), "cluster", PRICES.eksClusterHour),
        hourly("Site-to-Site VPN connections", count("aws:ec2/vpnConnection:VpnConnection"), "connection", PRICES.vpnConnectionHour),
        hourly(
            "Transit gateway attachments (VPC and VPNs)",
            count("aws:ec2transitgateway/vpcAttachment:VpcAttachment") +
                regs.filter((r) => r.type === "aws:ec2/vpnConnection:VpnConnection" && r.inputs.transitGatewayId !== undefined).length,
            "attachment",
            PRICES.transitGatewayAttachmentHour,
        ),
        hourly(
            "Interface VPC endpoints",
            regs
                .filter((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && r.inputs.vpcEndpointType === "Interface")
                .reduce((azs, r) => azs + (r.inputs.subnetIds?.length ?? 0), 0),
            "endpoint-AZ",
            PRICES.interfaceEndpointAzHour,
        ),
        hourly(
            "Route 53 Resolver endpoints",
            regs
                .filter((r) => r.type === "aws:route53/resolverEndpoint:ResolverEndpoint")
                .reduce((ips, r) => ips + (r.inputs.ipAddresses?.length ?? 0), 0),
            "IP address",
            PRICES.resolverEndpointIpHour,
        ),
        {
            item: "KMS keys",
            quantity: count("aws:kms/key:Key"),
            unit: "key",
            monthlyUsd: round(count("aws:kms/key:Key") * PRICES.kmsKeyMonth),
        },
    ];
    return lines.filter((l) => l.quantity > 0);
}

/** The estimate as Markdown, marked as an estimate with its prices' date. */
export function costMarkdown(lines: readonly CostLine[]): string {
    const total = round(lines.reduce((sum, l) => sum + l.monthlyUsd, 0));
    return [
        "# Monthly cost estimate",
        "",
        `**Estimate**, not a quote: AWS list prices (${PRICES.region}, on-demand) as recorded on ${PRICES.date}, ` +
            `${PRICES.hoursPerMonth} hours a month.`,
        "Usage-based charges (data transfer, EC2 instances of the cloud node group, hybrid node vCPU hours, logs) are not included.",
        "",
        "| item | quantity | monthly USD |",
        "|---|---:|---:|",
        ...lines.map((l) => `| ${l.item} | ${l.quantity} ${l.unit}${l.quantity === 1 ? "" : "s"} | ${l.monthlyUsd.toFixed(2)} |`),
        `| **total** | | **${total.toFixed(2)}** |`,
        "",
    ].join("\n");
}
