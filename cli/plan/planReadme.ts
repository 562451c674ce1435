import { StackKind } from "../../program/stackConfig";
import { COST_FILES } from "../files/outputFiles";

/** The top-level README of a plan's `out/`. */
export const PLAN_README = "README.md";

/** One planned stack, as the README lists it. */
export interface PlannedStackName {
    readonly stack: string;
    readonly kind: StackKind;
}

/** What a plan wrote to `out/` and what each audience does next. */
export function planReadme(stacks: readonly PlannedStackName[], only: string | undefined): string {
    const hubs = stacks.filter((s) => s.kind === StackKind.Hub && (only === undefined || s.stack === only));
    const sites = stacks.filter((s) => s.kind === StackKind.Site && (only === undefined || s.stack === only));
    const first = sites[0]?.stack ?? "site-<name>";
    return [
        "# The offline plan",
        "",
        "Written by `npm run plan`: what `pulumi up` would register for each stack, run on Pulumi's mock engine without AWS. " +
            "Values only AWS knows (ids, addresses, keys, activation codes) are placeholders, `<name.attribute>`.",
        ...(only === undefined ? [] : ["", `A plan of \`${only}\` alone: the other stacks' folders are as an earlier plan left them.`]),
        "",
        "| what | where |",
        "|---|---|",
        ...hubs.map((h) => {
            const picture = only === undefined ? " and the fleet's topology" : "";
            return `| hub \`${h.stack}\`: its resources, outputs, Cilium values${picture} | \`${h.stack}/\` |`;
        }),
        ...sites.map((s) => `| site \`${s.stack}\`: its resources and outputs, and the site team's files for review | \`${s.stack}/\` |`),
        `| what ${only === undefined ? "the fleet costs" : `\`${only}\` costs`} a month, by line | ` +
            `\`${COST_FILES.markdown}\`, \`${COST_FILES.json}\` |`,
        "",
        "## Next",
        "",
        "- **The platform team** reviews each stack's `resources.json` (every resource with its inputs and options) and " +
            "`cost.md`, then deploys: `npm run pipeline -- up` (docs/real-account.md).",
        `- **Each site's network engineer** reads \`${first}/README.md\` to see the steps and files coming; the files to apply ` +
            `come after \`pulumi up\`, from \`npm run artefacts -- --stack ${first}\`, with the real keys and codes. ` +
            "Nothing in a plan's site folder is meant to be installed.",
        "",
    ].join("\n");
}
