import { daysLeft } from "../../components/site/activationWindow";
import { SiteStackConfig } from "../../components/site/siteArgs";
import { SITE_CONFIG_KEY } from "../../components/site/validateSite";
import { KIND_KEY, StackKind } from "../../program/stackConfig";
import { StackStatusReader } from "../pipeline/stackOutputs";
import { StackFile } from "../stacks/stackFolder";
import { TunnelStateReader, TunnelStates } from "./tunnelStates";

/** One site's line of the fleet table, and what about it needs someone's attention. */
export interface SiteStatus {
    stack: string;
    site: string;
    tunnel1: string;
    tunnel2: string;
    activation: string;
    registrationsLeft: string;
    podCidr: string;
    lastUpdate: string;
    attention: string[];
}

/**
 * The status of every site of the folder from its deployed outputs (and the live tunnel states,
 * when a reader is given): flags a stack that cannot be read, an SSM activation that expired or
 * expires within `warnDays`, and a tunnel that is not UP.
 */
export async function fleetStatus(
    files: readonly StackFile[],
    reader: StackStatusReader,
    now: Date,
    warnDays: number,
    tunnels?: TunnelStateReader,
): Promise<SiteStatus[]> {
    const sites = files.filter((f) => f.config[KIND_KEY] === StackKind.Site);
    const statuses = await Promise.all(
        sites.map(async (f) => {
            try {
                return { file: f, status: await reader.status(f.stack) };
            } catch (e) {
                return { file: f, error: (e as Error).message.split("\n")[0] };
            }
        }),
    );
    // One EC2 call per region for the whole fleet.
    const live: TunnelStates = {};
    if (tunnels) {
        const byRegion = new Map<string, string[]>();
        for (const s of statuses) {
            const vpn = s.status?.outputs.vpnConnectionId?.value;
            if (typeof vpn !== "string") continue;
            const region = String(s.file.config["aws:region"] ?? "");
            byRegion.set(region, [...(byRegion.get(region) ?? []), vpn]);
        }
        for (const [region, ids] of byRegion) Object.assign(live, await tunnels.states(region, ids));
    }
    return statuses.map(({ file, status, error }) => {
        const site = file.config[SITE_CONFIG_KEY] as SiteStackConfig;
        const row: SiteStatus = {
            stack: file.stack,
            site: site.name,
            tunnel1: "-",
            tunnel2: "-",
            activation: "-",
            registrationsLeft: "-",
            // With AWS's gateway a site has no pod CIDR of its own.
            podCidr: site.podCidr ?? "-",
            lastUpdate: "-",
            attention: [],
        };
        if (!status) {
            row.attention.push(`its outputs cannot be read (${error}): not deployed yet, or not reachable`);
            return row;
        }
        const value = (name: string) => status.outputs[name]?.value;
        const vpnLive = tunnels ? (live[String(value("vpnConnectionId"))] ?? {}) : undefined;
        const cells = [value("tunnel1Address"), value("tunnel2Address")].map((address, n) => {
            if (typeof address !== "string" || address === "") return "-";
            if (!vpnLive) return address;
            const state = vpnLive[address] ?? "UNKNOWN";
            if (state !== "UP") row.attention.push(`tunnel ${n + 1} (${address}) is ${state}`);
            return `${address} ${state}`;
        });
        [row.tunnel1, row.tunnel2] = cells;
        row.lastUpdate = status.lastUpdate ?? "-";
        const expiry = value("activationExpiry");
        if (typeof expiry === "string" && expiry !== "") {
            const days = daysLeft(expiry, now.getTime());
            row.activation = `${expiry.slice(0, 10)} (${days} d)`;
            row.registrationsLeft = String(value("activationRegistrationsLeft") ?? "-");
            // The site's next up renews it once it is inside its renewal days.
            const up = `npm run pipeline -- up --sites ${site.name}`;
            if (days < 0)
                row.attention.push(`its SSM activation expired on ${expiry.slice(0, 10)}: new nodes cannot register; ${up} renews it`);
            else if (days < warnDays)
                row.attention.push(`its SSM activation expires in ${days} days (${expiry.slice(0, 10)}): ${up} renews it`);
        }
        return row;
    });
}
