import { Problem, Problems, show } from "../../components/config/problems";
import { HubConfig } from "../../components/hub/hubArgs";
import { HUB_CONFIG_KEY } from "../../components/hub/validateHub";
import { PodNetworkingMode } from "../../components/network/enums";
import { siteNodeCount, SiteStackConfig } from "../../components/site/siteArgs";
import { zoneCount } from "../../components/network/networkArgs";
import { SITE_CONFIG_KEY } from "../../components/site/validateSite";
import { podNetworkingModeOf } from "../../components/gateway/podNetworkingArgs";
import { checkFleetQuotas, checkHubSites, FleetHub, FleetRuleOptions, FleetSite } from "../../components/site/fleetRules";
import { Salvaged, salvage } from "./salvage";
import { StackFile } from "./stackFolder";
import { checkStackConfig, KIND_KEY, StackKind } from "../../program/stackConfig";
import { today, versionWarning } from "../../components/cluster/supportCalendar";
import { corednsInstalled, DEFAULT_COREDNS_REPLICAS } from "../../components/cluster/corednsConfiguration";

interface HubStack extends FleetHub {
    file: string;
    stack: string;
    unchecked: ReadonlySet<string>;
}
interface SiteStack extends FleetSite {
    file: string;
    stack: string;
    site: SiteStackConfig;
    unchecked: ReadonlySet<string>;
}

/** A version past EKS's extended support: refused, except when the stack is only refreshed or taken down. */
const pastSupport = (p: Problem) => p.key.endsWith(".kubernetesVersion") && p.message.includes("end of EKS extended support");

/** Settings that passed their own rules: nothing left out. */
const whole = <T>(settings: T): Salvaged<T> => ({ settings, unchecked: new Set() });

/** The settings at `key` of a stack file whose own rules failed, without the keys that failed. */
function salvageAt<T>(file: StackFile, key: string, found: readonly Problem[]): Salvaged<T> | undefined {
    return salvage<T>(file.config[key], `${file.file}: ${key}`, found);
}

/** Which rules between stacks apply. */
export type FolderRuleOptions = Pick<FleetRuleOptions, "removing">;

/** What `npm run validate` found: every problem, or a one-line summary per stack. */
export interface FolderReport {
    problems: readonly Problem[];
    /**
     * The rules between stacks that could not run for a stack, each with the key (a problem of its
     * own) that stopped it, one line per stack and key: what a second run may still report.
     */
    notRun: string[];
    summaries: string[];
    /** What is allowed but should be looked at (a version in extended support), with its file. */
    warnings: string[];
}

/**
 * Every rule of docs/CONFIG.md over a folder of stack files: each stack on its own, then the rules
 * between stacks (components/site/fleetRules.ts, which a program's Hub and Sites run too), and a
 * hubStack that exists.
 */
export function validateFolder(files: readonly StackFile[], problems = new Problems(), options: FolderRuleOptions = {}): FolderReport {
    // The rules between stacks run for every stack, each leaving out the keys with problems of their
    // own; what each such key kept from running, by key (which names its stack file).
    const notRun = new Map<string, string[]>();
    const note = (key: string, rule: string) => {
        const rules = notRun.get(key) ?? [];
        if (!rules.includes(rule)) rules.push(rule);
        notRun.set(key, rules);
    };
    const hubs: HubStack[] = [];
    const sites: SiteStack[] = [];
    // Refreshing or taking a stack down must still work once its Kubernetes version is past support.
    const own = new Problems();
    for (const file of files) {
        const before = own.all.length;
        const stack = checkStackConfig(file.config, `${file.file}: `, own);
        // What is left out of the rules between stacks: the problems this run reports.
        const found = own.all.slice(before).filter((p) => !(options.removing && pastSupport(p)));
        const regionKey = `${file.file}: aws:region`;
        // A Region with a problem of its own is left out, as the environment's would be.
        const badRegion = found.some((p) => p.key === regionKey);
        if (badRegion) note(regionKey, "the Region against its hub's or its sites'");
        const region = badRegion ? "" : String(file.config["aws:region"] ?? "");
        const at = { file: file.file, stack: file.stack, region };
        const kind = stack?.kind ?? file.config[KIND_KEY];
        if (kind === StackKind.Hub) {
            const hub = stack?.kind === StackKind.Hub ? whole(stack.hub) : salvageAt<HubConfig>(file, HUB_CONFIG_KEY, found);
            if (hub) hubs.push({ ...at, hub: hub.settings, unchecked: hub.unchecked, ...hubNames(file) });
            else note(`${file.file}: ${HUB_CONFIG_KEY}`, "every rule between the hub and its sites");
        }
        if (kind === StackKind.Site) {
            const site = stack?.kind === StackKind.Site ? whole(stack.site) : salvageAt<SiteStackConfig>(file, SITE_CONFIG_KEY, found);
            const root = `${file.file}: ${SITE_CONFIG_KEY}`;
            if (site) sites.push({ ...at, site: site.settings, unchecked: site.unchecked, root, regionKey });
            else note(`${file.file}: ${SITE_CONFIG_KEY}`, "every rule against its hub and the other sites");
        }
    }
    for (const p of own.all) if (!(options.removing && pastSupport(p))) problems.add(p.key, p.message);
    checkHubStacksExist(files, problems);

    const byHub = new Map<HubStack, SiteStack[]>(hubs.map((h) => [h, []]));
    for (const site of sites) {
        if (site.unchecked.has("hubStack") || typeof site.site.hubStack !== "string") {
            note(`${site.root}.hubStack`, "every rule against its hub and the hub's other sites");
            continue;
        }
        const hub = findHub(hubs, site.site.hubStack);
        if (hub) byHub.get(hub)!.push(site);
        else {
            const unread = files.find((f) => f.stack === hubStackName(site.site.hubStack) && f.config[KIND_KEY] === StackKind.Hub);
            // A hub whose settings could not be read has its own line, for all its sites.
            if (!unread) note(`${site.root}.hubStack`, "every rule against a hub and its sites");
        }
    }
    const ruleOptions: FleetRuleOptions = { ...options, notRun: (n) => note(n.key, n.rule) };
    for (const [hub, hubSites] of byHub) checkHubSites(hub, hubSites, problems, ruleOptions);
    if (!options.removing) checkFleetQuotas(byHub, problems, ruleOptions);

    return {
        problems: problems.all,
        notRun: [...notRun].map(
            ([key, rules]) => `not checked: ${key} has a problem; rules between stacks left out for it: ${rules.join("; ")}`,
        ),
        summaries: problems.all.length > 0 ? [] : [...hubs.map((h) => hubSummary(h, byHub.get(h)!)), ...sites.map(siteSummary)],
        warnings: hubs.filter((h) => h.unchecked.size === 0).flatMap((h) => {
            const warning = versionWarning(h.hub.kubernetesVersion, today());
            const dns = corednsWarning(h.hub, byHub.get(h)!.length);
            return [
                ...(warning ? [`warning: ${h.file}: ${HUB_CONFIG_KEY}.kubernetesVersion: ${warning}`] : []),
                ...(dns ? [`warning: ${h.file}: ${HUB_CONFIG_KEY}.corednsReplicas: ${dns}`] : []),
            ];
        }),
    };
}

/**
 * Fewer CoreDNS replicas than zones with nodes (the cloud node group's zones and one per site):
 * with the kube-dns Service's traffic kept in the zone, a zone without a replica resolves across
 * the WAN, and a site whose link is down has no DNS (docs/design.md, "A site outage is a zone outage").
 */
function corednsWarning(hub: HubConfig, sites: number): string | undefined {
    const cloudZones = hub.cloudNodeGroup ? zoneCount(hub.vpc) : 0;
    if (!corednsInstalled(hub.coredns, hub.cloudNodeGroup !== undefined)) return undefined;
    const zones = cloudZones + sites;
    const replicas = hub.corednsReplicas ?? DEFAULT_COREDNS_REPLICAS;
    if (replicas >= zones) return undefined;
    return (
        `${replicas} CoreDNS replicas for ${zones} zones with nodes ` +
        `(${cloudZones} in the cloud, ${sites} site${sites === 1 ? "" : "s"}): ` +
        `a zone without one resolves across the WAN, and a site that loses its link loses DNS; set corednsReplicas to at least ${zones}`
    );
}


/** How the fleet rules name a hub stack file and its settings. */
function hubNames(file: StackFile): Pick<FleetHub, "label" | "owner" | "root" | "settingsRoot"> {
    return { label: file.file, owner: `hub stack ${file.stack}`, root: `${file.file}: ${HUB_CONFIG_KEY}`, settingsRoot: HUB_CONFIG_KEY };
}

/** `hub`, `project/hub` and `org/project/hub` all name the stack `hub` of this project. */
function hubStackName(hubStack: string): string {
    return hubStack.split("/").pop()!;
}

function findHub(hubs: HubStack[], hubStack: string): HubStack | undefined {
    return hubs.find((h) => h.stack === hubStackName(hubStack));
}

/** Every site's hubStack names a hub stack file of the folder (valid or not: that is reported on its own). */
function checkHubStacksExist(files: readonly StackFile[], problems: Problems): void {
    const hubNames = files.filter((f) => f.config[KIND_KEY] === StackKind.Hub).map((f) => f.stack);
    for (const f of files) {
        const hubStack = (f.config[SITE_CONFIG_KEY] as Partial<SiteStackConfig> | undefined)?.hubStack;
        if (f.config[KIND_KEY] !== StackKind.Site || typeof hubStack !== "string") continue;
        if (!hubNames.includes(hubStackName(hubStack))) {
            problems.add(`${f.file}: ${SITE_CONFIG_KEY}.hubStack`, `${show(hubStack)} is not a hub stack of this folder; hub ` +
                `stacks here: ${hubNames.join(", ") || "none"}`);
        }
    }
}

function hubSummary(h: HubStack, sites: SiteStack[]): string {
    const hub = h.hub;
    const stage = [
        ...(hub.temporaryPublicAccessCidrs ? [`bootstrap window for ${hub.temporaryPublicAccessCidrs.join(" ")}`] : []),
        ...(hub.kubernetesObjects === false ? ["no Kubernetes objects yet"] : []),
    ];
    return (
        `${h.stack} (hub): cluster ${hub.clusterName} ${hub.kubernetesVersion}, ${hub.gateway.type}, ${hub.endpointAccess} endpoint` +
        `${stage.map((s) => ` (${s})`).join("")}, ${hub.nodeCredentials}, nodes ${hub.remoteNodeNetworks.join(" ")}, ` +
        `pods ${hub.remotePodNetworks.join(" ")}` +
        `${podNetworkingModeOf(hub.podNetworking) === PodNetworkingMode.Gateway ? " (Hybrid Nodes gateway)" : ""}, ` +
        `${sites.length} site${sites.length === 1 ? "" : "s"}`
    );
}

function siteSummary(s: SiteStack): string {
    const site = s.site;
    return (
        `${s.stack} (site ${site.name} of ${site.hubStack}): nodes ${site.nodeCidr}, ` +
        `${site.podCidr === undefined ? "pods from the hub's cluster pool" : `pods ${site.podCidr} /${site.podMaskSize}`}, ` +
        `VPN ${site.vpnServer.publicIp} AS${site.vpnServer.asn}, ${siteNodeCount(site)} node${siteNodeCount(site) === 1 ? "" : "s"}`
    );
}
