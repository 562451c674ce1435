import { HubConfig } from "./hubArgs";

/** A Hub component of this program as its Sites' fleet rules see it. */
export interface DeclaredHub {
    /** The Hub's component name. */
    readonly name: string;
    /** Its arguments, with each Output (an id it only passes on) as a stand-in. */
    readonly config: HubConfig;
}

// Keyed by the Hub component itself: a Site given that object (not a copy of its outputs, nor a
// stack reference's) belongs to its fleet. A WeakMap, so a program's hubs go when it does.
const hubs = new WeakMap<object, DeclaredHub>();

/** Records `hub` (a Hub component, after its arguments passed) for the Sites that will name it. */
export function declareHub(hub: object, name: string, config: HubConfig): void {
    hubs.set(hub, { name, config });
}

/** The Hub component `hub` is, or undefined when it is something else (a stack reference's outputs). */
export function declaredHub(hub: object): DeclaredHub | undefined {
    return hubs.get(hub);
}
