import * as aws from "@pulumi/aws";
import { Problem, show } from "../config/problems";
import { GatewayType } from "../network/enums";
import { HubArgs } from "./hubArgs";

/** An interface endpoint as AWS describes it. */
export interface FoundEndpoint {
    state: string;
    privateDnsEnabled: boolean;
}

/**
 * What the hub asks AWS about what exists already. The program reads it with AWS's API; tests use a
 * fake. Undefined means AWS says there is none; any other failure (access denied, throttling) rejects.
 */
export interface ExistingInfrastructureLookup {
    /** The account that deploys. */
    accountId(): Promise<string>;
    /** The account that owns a transit gateway; undefined when this account cannot see it. */
    transitGatewayOwner(id: string): Promise<string | undefined>;
    /** The VPC's interface endpoint of a service (such as `ecr.api`); undefined when it has none. */
    interfaceEndpoint(vpcId: string, service: string): Promise<FoundEndpoint | undefined>;
}

/**
 * What the hub takes as existing, checked against AWS before anything registers, so that an `up`
 * never stops halfway: a transit gateway of another account (shared through AWS RAM) cannot take
 * the sites' VPN attachments nor have its route tables changed by this account, and an endpoint
 * named in `privateEndpoints.existing` must be there, available, with private DNS. Keys start at `root`.
 */
export async function checkExistingInfrastructure(hub: HubArgs, root: string, lookup: ExistingInfrastructureLookup): Promise<Problem[]> {
    const problems: Problem[] = [];
    // An id known only later (an Output, in a program of the user's) cannot be asked about before registering.
    const tgw = hub.gateway.type === GatewayType.Tgw && typeof hub.gateway.id === "string" ? hub.gateway.id : undefined;
    if (tgw !== undefined) {
        const [account, owner] = await Promise.all([
            lookup.accountId(),
            hub.gateway.ownerAccountId ?? readOrProblem(() => lookup.transitGatewayOwner(tgw), `${root}.gateway.id`, problems),
        ]);
        // null: AWS could not be asked, already reported.
        if (owner === undefined) {
            problems.push({
                key: `${root}.gateway.id`,
                message: `${show(tgw)} is not a transit gateway account ${account} can see in this region; check the id and aws:region`,
            });
        } else if (owner !== null && owner !== account) {
            problems.push({
                key: `${root}.gateway.${hub.gateway.ownerAccountId === undefined ? "id" : "ownerAccountId"}`,
                message:
                    `${show(tgw)} belongs to account ${owner}, not to ${account} that deploys: a transit gateway shared through ` +
                    "AWS RAM takes VPN attachments only in its owner's account, and no other account may change its route " +
                    `tables; deploy the hub and its sites with credentials of ${owner}, or remove gateway.id so the hub ` +
                    "creates a transit gateway of its own",
            });
        }
    }
    const existing = hub.privateEndpoints?.existing ?? [];
    if (existing.length > 0 && typeof hub.vpc.id === "string") {
        const vpcId = hub.vpc.id;
        const found = await Promise.all(
            existing.map((service, i) =>
                readOrProblem(() => lookup.interfaceEndpoint(vpcId, service), `${root}.privateEndpoints.existing[${i}]`, problems),
            ),
        );
        existing.forEach((service, i) => {
            const endpoint = found[i];
            if (endpoint === null) return;
            const key = `${root}.privateEndpoints.existing[${i}]`;
            const why =
                endpoint === undefined
                    ? `${vpcId} has no interface endpoint for it`
                    : endpoint.state !== "available"
                      ? `its endpoint in ${vpcId} is ${endpoint.state}, not available`
                      : !endpoint.privateDnsEnabled
                        ? `its endpoint in ${vpcId} has private DNS off, so nodes would not resolve the service to it`
                        : undefined;
            if (why) problems.push({ key, message: `${show(service)}: ${why}; remove it from existing so the hub creates one` });
        });
    }
    return problems;
}

/** The answer, or null after reporting at `key` why AWS could not be asked (so no advice rests on a guess). */
async function readOrProblem<T>(read: () => Promise<T>, key: string, problems: Problem[]): Promise<T | null> {
    try {
        return await read();
    } catch (e) {
        problems.push({ key, message: `could not be checked: ${(e as Error).message.split("\n")[0]}; the deployer needs ec2:Describe*` });
        return null;
    }
}

/** The provider's data sources say "no matching … found" when AWS has none; anything else is an error. */
function notFound(error: unknown): boolean {
    return /no matching .* found|NotFound/i.test(String((error as Error)?.message ?? error));
}

/** The lookup through AWS's API (under Pulumi's mocks: the mock engine's answers). */
export function awsLookup(): ExistingInfrastructureLookup {
    return {
        accountId: async () => (await aws.getCallerIdentity({})).accountId,
        transitGatewayOwner: async (id) => {
            try {
                return (await aws.ec2transitgateway.getTransitGateway({ id })).ownerId;
            } catch (e) {
                if (notFound(e)) return undefined;
                throw e;
            }
        },
        interfaceEndpoint: async (vpcId, service) => {
            const region = (await aws.getRegion({})).region;
            try {
                const endpoint = await aws.ec2.getVpcEndpoint({
                    vpcId,
                    serviceName: `com.amazonaws.${region}.${service}`,
                    filters: [{ name: "vpc-endpoint-type", values: ["Interface"] }],
                });
                return { state: endpoint.state, privateDnsEnabled: endpoint.privateDnsEnabled };
            } catch (e) {
                if (notFound(e)) return undefined;
                throw e;
            }
        },
    };
}
