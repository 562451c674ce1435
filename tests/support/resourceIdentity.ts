// A resource's identity across releases as the Pulumi engine judges it: its URN without the stack
// and project (`qualifiedType::name`), and the earlier identities its aliases, and its parents'
// aliases, claim for it. A released identity no current resource has or claims is deleted at the
// next `pulumi up` (and refused outright when protected). docs/upgrading.md, docs/design.md.
import { RecordedAlias, Registration } from "../../cli/plan/mockEngine";

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** An identity in parts: the qualified type (every ancestor's type but the stack's, `$`-joined) and the name. */
interface Identity {
    readonly qualifiedType: string;
    readonly name: string;
}

const ROOT: Identity = { qualifiedType: "", name: "" };
const text = (id: Identity) => `${id.qualifiedType}::${id.name}`;
const child = (parent: Identity, type: string, name: string): Identity => ({
    qualifiedType: parent.qualifiedType === "" ? type : `${parent.qualifiedType}$${type}`,
    name,
});

/** `urn:pulumi:stack::project::qualifiedType::name` as an identity. */
function fromUrn(urn: string): Identity {
    const [, , qualifiedType, ...name] = urn.split("::");
    return { qualifiedType, name: name.join("::") };
}

/**
 * Every identity of each registration: its own first, then those its aliases claim. A child of an
 * aliased parent is claimed under each of the parent's earlier identities, its name's prefix the
 * parent's earlier name when it starts with the parent's (`${name}-…`), as the engine's
 * inheritedChildAlias does.
 */
export function identitiesOf(registrations: readonly Registration[]): Map<Registration, string[]> {
    const byName = new Map<string, Registration>();
    for (const r of registrations) if (!byName.has(r.name) || !r.custom) byName.set(r.name, r);
    const memo = new Map<Registration, Identity[]>();

    const parentsOf = (r: Registration): { parent?: Registration; ids: Identity[] } => {
        const parent = byName.get(r.parent);
        if (parent === undefined || parent.type === ROOT_STACK_TYPE) return { ids: [ROOT] };
        return { parent, ids: identities(parent) };
    };
    const underParents = (type: string, name: string, parent: Registration | undefined, ids: Identity[]) =>
        ids.map((p) =>
            // Under one of the parent's earlier identities the engine's inherited child alias swaps the
            // parent's earlier name in as the prefix of the child's (inheritedChildAlias); under its own, nothing changes.
            parent !== undefined && name.startsWith(parent.name)
                ? child(p, type, p.name + name.slice(parent.name.length))
                : child(p, type, name),
        );
    const claimed = (r: Registration, alias: RecordedAlias): Identity[] => {
        if (alias.urn !== undefined) return [fromUrn(alias.urn)];
        const type = alias.type ?? r.type;
        const name = alias.name ?? r.name;
        if (alias.noParent) return [child(ROOT, type, name)];
        if (alias.parentUrn !== undefined) {
            const given = fromUrn(alias.parentUrn);
            if (given.qualifiedType === ROOT_STACK_TYPE) return [child(ROOT, type, name)];
            // A parent of this program is named by the mock monitor's URN, which keeps only the last type:
            // take its identities; a parent that is gone is taken as the URN says.
            const parent = byName.get(given.name);
            if (parent === undefined) return [child(given, type, name)];
            if (parent.type === ROOT_STACK_TYPE) return [child(ROOT, type, name)];
            return identities(parent).map((p) => child(p, type, name));
        }
        const { parent, ids } = parentsOf(r);
        return underParents(type, name, parent, ids);
    };
    const identities = (r: Registration): Identity[] => {
        const known = memo.get(r);
        if (known !== undefined) return known;
        memo.set(r, []); // a cycle of parents claims nothing more
        const { parent, ids } = parentsOf(r);
        const all = [...underParents(r.type, r.name, parent, ids), ...r.aliases.flatMap((a) => claimed(r, a))];
        const unique = [...new Map(all.map((id) => [text(id), id])).values()];
        memo.set(r, unique);
        return unique;
    };
    return new Map(registrations.filter((r) => r.type !== ROOT_STACK_TYPE).map((r) => [r, identities(r).map(text)]));
}

/** The registrations' own identities, in registration order: what a release records. */
export function currentIdentities(registrations: readonly Registration[]): string[] {
    return [...identitiesOf(registrations).values()].map((ids) => ids[0]);
}

/**
 * The released identities that no current registration has or claims: each one a resource the next
 * `pulumi up` would delete and create anew (a VPN connection with new tunnel addresses and keys, a
 * cluster), or refuse to, when it was protected.
 */
export function lostIdentities(released: readonly string[], registrations: readonly Registration[]): string[] {
    const claimed = new Set([...identitiesOf(registrations).values()].flat());
    return released.filter((id) => !claimed.has(id));
}
