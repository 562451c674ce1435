import { EKS_SUPPORT_CALENDAR } from "../../components/cluster/supportCalendar";
import { Registration } from "./mockEngine";

/**
 * AWS list prices (USD, us-east-1, on-demand) as this project recorded them on 2026-11-22 from
 * AWS's public pricing pages. Other regions differ; check before budgeting.
 */
export const PRICES = {
    date: "2026-11-22",
    region: "us-east-1",
    hoursPerMonth: 730,
    eksClusterHour: 0.1,
    /** A cluster on a version past its standard support (AWS containers blog, "Amazon EKS extended support … pricing"). */
    eksClusterExtendedSupportHour: 0.6,
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
    /** What the line's price rests on, when it is not simply the list price. */
    note?: string;
}

/** The control plane's line: extended support costs six times standard support from the version's end date on. */
function controlPlaneLine(versions: string[], date: string): CostLine[] {
    const byVersion = new Map<string, number>();
    for (const v of versions) byVersion.set(v, (byVersion.get(v) ?? 0) + 1);
    return [...byVersion].map(([version, n]) => {
        const end = EKS_SUPPORT_CALENDAR[version]?.endOfStandard;
        if (end === undefined) {
            return {
                ...hourly(`EKS control plane (Kubernetes ${version})`, n, "cluster", PRICES.eksClusterHour),
                note: `standard support assumed: the support window of ${version} is not recorded here (unverified)`,
            };
        }
        const extended = date >= end;
        return {
            ...hourly(
                `EKS control plane (Kubernetes ${version})`,
                n,
                "cluster",
                extended ? PRICES.eksClusterExtendedSupportHour : PRICES.eksClusterHour,
            ),
            note: extended ? `extended support since ${end}: upgrade to pay standard support` : `standard support until ${end}`,
        };
    });
}

const hourly = (item: string, quantity: number, unit: string, perHour: number): CostLine => ({
    item,
    quantity,
    unit,
    monthlyUsd: round(quantity * perHour * PRICES.hoursPerMonth),
});
const round = (usd: number) => Math.round(usd * 100) / 100;
const plural = (unit: string) => (unit.endsWith("s") ? `${unit}es` : `${unit}s`);

/** The resource types the estimate prices or counts (the plan keeps only these). */
export const PRICED_TYPES = [
    "aws:eks/cluster:Cluster",
    "aws:ec2/vpnConnection:VpnConnection",
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    "aws:ec2/vpcEndpoint:VpcEndpoint",
    "aws:route53/resolverEndpoint:ResolverEndpoint",
    "aws:ec2/natGateway:NatGateway",
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    "aws:kms/key:Key",
    "aws:ssm/serviceSetting:ServiceSetting",
    "aws:ssm/activation:Activation",
];

/** The registrations {@link estimateCost} reads: all a plan needs to keep for it. */
export function pricedRegistrations(registrations: readonly Registration[]): Registration[] {
    return registrations.filter((r) => PRICED_TYPES.includes(r.type));
}

/**
 * The monthly cost of what the plan registers, counted from the registrations themselves so it
 * follows the components. Data transfer, EC2 instances, hybrid node vCPU hours and logs are
 * usage-based and left out.
 */
export function estimateCost(
    runs: readonly { cloud: { registrations: readonly Registration[] } }[],
    date: string = new Date().toISOString().slice(0, 10),
): CostLine[] {
    const regs = runs.flatMap((r) => r.cloud.registrations);
    const count = (type: string) => regs.filter((r) => r.type === type).length;
    const lines: CostLine[] = [
        ...controlPlaneLine(
            regs.filter((r) => r.type === "aws:eks/cluster:Cluster").map((r) => String(r.inputs.version)),
            date,
        ),
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
            item: "NAT gateways (hours only; data processed is usage-based)",
            quantity: count("aws:ec2/natGateway:NatGateway"),
            unit: "gateway",
            monthlyUsd: 0,
            note: "price not recorded here (unverified): see the Amazon VPC pricing page",
        },
        {
            item: "CloudWatch alarms (standard resolution)",
            quantity: count("aws:cloudwatch/metricAlarm:MetricAlarm"),
            unit: "alarm",
            monthlyUsd: 0,
            note: "price not recorded here (unverified): see the Amazon CloudWatch pricing page",
        },
        {
            // Every node the activations admit, once the hub switches the account to the advanced tier.
            item: "SSM advanced-instances tier (hybrid nodes, per node hour)",
            quantity: regs.some((r) => r.type === "aws:ssm/serviceSetting:ServiceSetting" && r.inputs.settingValue === "advanced")
                ? regs
                      .filter((r) => r.type === "aws:ssm/activation:Activation")
                      .reduce((n, r) => n + Number(r.inputs.registrationLimit ?? 0), 0)
                : 0,
            unit: "node",
            monthlyUsd: 0,
            note: "price not recorded here (unverified): see the AWS Systems Manager pricing page",
        },
        {
            item: "KMS keys",
            quantity: count("aws:kms/key:Key"),
            unit: "key",
            monthlyUsd: round(count("aws:kms/key:Key") * PRICES.kmsKeyMonth),
        },
    ];
    return lines.filter((l) => l.quantity > 0);
}

/** The estimate as Markdown, marked as an estimate with its prices' date and region, and the stacks' regions. */
export function costMarkdown(lines: readonly CostLine[], stackRegions: readonly string[] = []): string {
    const others = [...new Set(stackRegions)].filter((r) => r !== PRICES.region).sort();
    const total = round(lines.reduce((sum, l) => sum + l.monthlyUsd, 0));
    return [
        "# Monthly cost estimate",
        "",
        `**Estimate**, not a quote: AWS list prices (${PRICES.region}, on-demand) as recorded on ${PRICES.date}, ` +
            `${PRICES.hoursPerMonth} hours a month.`,
        ...(others.length > 0
            ? [
                  `The stacks are in ${others.join(", ")}: prices there differ from ${PRICES.region}'s, ` +
                      "so treat the figures as an order of magnitude.",
              ]
            : []),
        "Usage-based charges (data transfer, EC2 instances of the cloud node group, hybrid node vCPU hours, logs) are not included.",
        "",
        "| item | quantity | monthly USD | note |",
        "|---|---:|---:|---|",
        ...lines.map((l) => {
            const quantity = `${l.quantity} ${l.quantity === 1 ? l.unit : plural(l.unit)}`;
            return `| ${l.item} | ${quantity} | ${l.monthlyUsd.toFixed(2)} | ${l.note ?? ""} |`;
        }),
        `| **total** | | **${total.toFixed(2)}** | |`,
        "",
    ].join("\n");
}
