import { HubArgs } from "../../components/hub/hubArgs";
import { HUB_CONFIG_KEY } from "../../components/hub/validateHub";
import { SiteStackConfig } from "../../components/site/siteArgs";
import { SITE_CONFIG_KEY } from "../../components/site/validateSite";
import { StackKind } from "../../program/stackConfig";
import { COST_FILES, PLAN_MARKER } from "../files/outputFiles";
import { StackFile } from "../stacks/stackFolder";
import { costMarkdown, estimateCost, pricedRegistrations } from "./costEstimate";
import { Registration } from "./mockEngine";
import type { StackRun } from "./stackRun";
import { PlanFile, resourceCount, resourcesJson, resourceTree, stackArtefacts } from "./planReport";
import { topologyMermaid, topologySvg } from "./topology";
import { PLAN_README, planReadme } from "./planReadme";

/**
 * What the plan keeps of a planned stack: its own files and resource tree, and what the fleet's
 * files need (the hub's region, the priced registrations). Far smaller than the run itself, so a
 * plan of thousands of sites holds little more than the files it will write.
 */
export interface PlannedStack {
    file: StackFile;
    kind: StackKind;
    /** How many resources the stack registers (its Stack resource not counted). */
    resources: number;
    /** The stack's files, by path under the out folder. */
    files: PlanFile[];
    tree: string[];
    /** The stack's region as planned (a hub's `region` output). */
    region: string;
    /** The registrations the cost estimate prices. */
    cloud: { registrations: Registration[] };
}

/** The digest of one planned stack. */
export function digestRun(run: StackRun): PlannedStack {
    const files = [
        { path: `${run.file.stack}/${PLAN_MARKER}`, text: resourcesJson(run), secret: false },
        ...stackArtefacts(run).map((f) => ({ ...f, path: `${run.file.stack}/${f.path}` })),
    ];
    return {
        file: run.file,
        kind: run.kind,
        resources: resourceCount(run),
        files,
        tree: resourceTree(run),
        region: String(run.outputs.region),
        cloud: { registrations: pricedRegistrations(run.cloud.registrations) },
    };
}

/** Every file of a plan, by path under the out folder: each stack's, each hub's topology, the cost estimate. */
export function fleetFiles(stacks: readonly PlannedStack[], only?: string, date?: string): PlanFile[] {
    const selected = stacks.filter((r) => only === undefined || r.file.stack === only);
    const files: PlanFile[] = selected.flatMap((r) => r.files);
    for (const hub of stacks.filter((r) => r.kind === StackKind.Hub)) {
        const sites = stacks.filter((r) => r.kind === StackKind.Site && hubOf(r.file) === hub.file.stack);
        // A plan of one stack (and the hub it reads) leaves the hub's other sites out: the picture needs a full plan.
        if (only !== undefined) continue;
        const input = {
            hubStack: hub.file.stack,
            region: hub.region,
            hub: hub.file.config[HUB_CONFIG_KEY] as HubArgs,
            sites: sites.map((s) => ({ stack: s.file.stack, site: s.file.config[SITE_CONFIG_KEY] as SiteStackConfig })),
        };
        files.push({ path: `${hub.file.stack}/topology.mmd`, text: topologyMermaid(input), secret: false });
        files.push({ path: `${hub.file.stack}/topology.svg`, text: topologySvg(input), secret: false });
    }
    const costLines = estimateCost(selected, date);
    const regions = selected.map((r) => String(r.file.config["aws:region"] ?? ""));
    files.push({ path: COST_FILES.markdown, text: costMarkdown(costLines, regions), secret: false });
    files.push({ path: COST_FILES.json, text: `${JSON.stringify(costLines, null, 2)}\n`, secret: false });
    const names = stacks.map((r) => ({ stack: r.file.stack, kind: r.kind }));
    files.push({ path: PLAN_README, text: planReadme(names, only), secret: false });
    return files;
}

/** Every file of a plan of these runs. */
export function planFiles(runs: Map<string, StackRun>, only?: string, date?: string): PlanFile[] {
    return fleetFiles([...runs.values()].map(digestRun), only, date);
}

/** The hub stack a site stack reads (the last part of its `hubStack`). */
export function hubOf(file: StackFile): string {
    return (file.config[SITE_CONFIG_KEY] as SiteStackConfig).hubStack.split("/").pop()!;
}
