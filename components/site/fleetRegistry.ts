import { Problems } from "../config/problems";
import { declaredHub } from "../hub/declaredHubs";
import { checkFleetQuotas, checkHubSites, FleetHub, FleetSite } from "./fleetRules";
import { SiteSettings } from "./siteArgs";

/** A hub of this program and the sites that named it so far, each by its component name. */
interface Fleet {
    readonly hub: FleetHub;
    readonly sites: { readonly name: string; readonly site: SiteSettings }[];
}

// Keyed by the Hub component, as declaredHubs.ts is.
const fleets = new WeakMap<object, Fleet>();

/** The fleet of `hub`, begun on its first Site; undefined when `hub` is no Hub of this program. */
function fleetOf(hub: object): Fleet | undefined {
    const known = fleets.get(hub);
    if (known !== undefined) return known;
    const declared = declaredHub(hub);
    if (declared === undefined) return undefined;
    const label = `Hub "${declared.name}"`;
    const fleet = {
        hub: { hub: declared.config, label, owner: label, region: "", root: `${label} args`, settingsRoot: `${label} args` },
        sites: [],
    };
    fleets.set(hub, fleet);
    return fleet;
}

/**
 * The fleet rules (docs/CONFIG.md, as `npm run validate` runs them over stack files) for a Site
 * joining the fleet of `hub`: its ranges inside the hub's supernets and clear of the earlier Sites',
 * its name and VPN server address its own, no ASN clash, the gateway's and the Region's quotas. The
 * new Site's keys start at `args.site`; an earlier one's at `Site "name" args.site`. Nothing is
 * checked when `hub` is not a Hub of this program (a stack reference's outputs: one site per stack).
 */
export function checkFleetJoin(hub: object, name: string, site: SiteSettings, problems: Problems): void {
    const fleet = fleetOf(hub);
    if (fleet === undefined) return;
    const sites: FleetSite[] = [
        ...fleet.sites.map((s) => ({ site: s.site, region: "", root: `Site "${s.name}" args.site`, regionKey: `Site "${s.name}"` })),
        { site, region: "", root: "args.site", regionKey: "args" },
    ];
    checkHubSites(fleet.hub, sites, problems, { sitesCheckedAgainstHub: true });
    checkFleetQuotas(new Map([[fleet.hub, sites]]), problems);
}

/** Adds a Site that passed {@link checkFleetJoin} to the fleet of `hub`. */
export function joinFleet(hub: object, name: string, site: SiteSettings): void {
    fleetOf(hub)?.sites.push({ name, site });
}
