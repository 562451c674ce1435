import * as path from "path";
import { HubArgs } from "../../components/hub/hubArgs";
import { HUB_CONFIG_KEY } from "../../components/hub/validateHub";
import { DEFAULT_PROTECT } from "../../components/protection/protection";
import { SiteSettings } from "../../components/site/siteArgs";
import { SITE_CONFIG_KEY } from "../../components/site/validateSite";
import { KIND_KEY, StackKind } from "../../program/stackConfig";
import { StackFile } from "../stacks/stackFolder";

/**
 * Why these stacks may not be destroyed yet: a line per stack whose config still protects its
 * VPN connection (a site) or its cluster (a hub). Pulumi would refuse the delete half-way through
 * the stack; lifting the protection is a deliberate config change, applied by an `up` first.
 */
export function stillProtected(files: readonly StackFile[], stacksDir: string): string[] {
    return files.flatMap((f) => {
        const file = path.join(stacksDir, f.file);
        if (f.config[KIND_KEY] === StackKind.Hub) {
            if (((f.config[HUB_CONFIG_KEY] as HubArgs).protect ?? DEFAULT_PROTECT) === false) return [];
            return [
                `${f.stack}: its EKS cluster is protected; set protect: false under ${HUB_CONFIG_KEY} in ${file}, ` +
                    "run npm run pipeline -- up --hub-only so the state drops the protection, then destroy again",
            ];
        }
        const site = f.config[SITE_CONFIG_KEY] as SiteSettings;
        if ((site.protect ?? DEFAULT_PROTECT) === false) return [];
        return [
            `${f.stack}: its VPN connection is protected; set protect: false under ${SITE_CONFIG_KEY} in ${file}, ` +
                `run npm run pipeline -- up --sites ${site.name} so the state drops the protection, then destroy again`,
        ];
    });
}
