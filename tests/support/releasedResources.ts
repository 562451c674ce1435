import * as fs from "fs";
import * as path from "path";
import { ComponentMode, construct } from "./componentModes";
import { MockCloud } from "./mockCloud";
import { currentIdentities } from "./resourceIdentity";

/** Where each release's resource identities are kept, one file per version. */
export const RELEASED_DIR = path.join(__dirname, "../fixtures/released");

/** What a release registered for one mode of the components: the construction and the identities. */
export interface ReleasedMode extends ComponentMode {
    /** Every resource's identity (`qualifiedType::name`), in registration order. */
    readonly resources: string[];
    /** Those of protected resources: `pulumi up` refuses to delete them. */
    readonly protected: string[];
}

/** One release's record. */
export interface Release {
    readonly version: string;
    readonly modes: Record<string, ReleasedMode>;
}

/** The records of every release, oldest first. */
export function releases(): Release[] {
    return fs
        .readdirSync(RELEASED_DIR)
        .filter((f) => f.endsWith(".json"))
        .map((f) => JSON.parse(fs.readFileSync(path.join(RELEASED_DIR, f), "utf8")) as Release)
        .sort((a, b) => a.version.localeCompare(b.version, "en", { numeric: true }));
}

/** What the components register now for `mode`. */
export async function registrationsOf(mode: ComponentMode) {
    const { cloud } = await MockCloud.run(() => construct(mode));
    return cloud.registrations;
}

/** The record of `version` from the components as they are now. */
export async function recordRelease(version: string, modes: Record<string, ComponentMode>): Promise<Release> {
    const recorded: Record<string, ReleasedMode> = {};
    for (const [name, mode] of Object.entries(modes)) {
        const registrations = await registrationsOf(mode);
        const ids = currentIdentities(registrations);
        const own = registrations.filter((r) => r.type !== "pulumi:pulumi:Stack");
        recorded[name] = { ...mode, resources: ids, protected: ids.filter((_, i) => own[i].protect) };
    }
    return { version, modes: recorded };
}
