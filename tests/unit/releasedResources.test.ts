// Renaming or re-parenting a resource changes its URN: without an alias the next `pulumi up`
// deletes the old resource and creates a new one (a VPN connection with new tunnel addresses and
// keys), and refuses to, failing the update, when the old one is protected (the VPN connection,
// the cluster). Every released version's resources must keep their identities in the current code,
// or be claimed by an alias. docs/upgrading.md says how; docs/design.md cites the engine's rules.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { COMPONENT_MODE_ARGS } from "../support/componentModes";
import { MockCloud } from "../support/mockCloud";
import { registrationsOf, releases } from "../support/releasedResources";
import { identitiesOf, lostIdentities } from "../support/resourceIdentity";

class Thing extends pulumi.ComponentResource {
    constructor(name: string, children: (parent: Thing) => void, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Thing", name, {}, opts);
        children(this);
        this.registerOutputs({});
    }
}
class Res extends pulumi.CustomResource {
    constructor(name: string, opts?: pulumi.CustomResourceOptions) {
        super("test:index:Res", name, {}, opts);
    }
}
const res = (name: string, opts?: pulumi.CustomResourceOptions) => new Res(name, opts);
const identities = async (program: () => void) => {
    const { cloud } = await MockCloud.run(program);
    return [...identitiesOf(cloud.registrations).values()];
};

describe("resource identities across releases (the engine's URNs and aliases)", () => {
    it("name a resource by every ancestor's type but the stack's, and the name", async () => {
        assert.deepEqual(await identities(() => new Thing("site", (t) => res("site-vpn", { parent: t }))), [
            ["test:index:Thing::site"],
            ["test:index:Thing$test:index:Res::site-vpn"],
        ]);
    });

    it("count a renamed resource as lost unless an alias names its old name", async () => {
        const released = ["test:index:Thing$test:index:Res::site-vpn"];
        const renamed = await MockCloud.run(() => new Thing("site", (t) => res("site-connection", { parent: t })));
        assert.deepEqual(lostIdentities(released, renamed.cloud.registrations), released);
        const aliased = await MockCloud.run(
            () => new Thing("site", (t) => res("site-connection", { parent: t, aliases: [{ name: "site-vpn" }] })),
        );
        assert.deepEqual(lostIdentities(released, aliased.cloud.registrations), []);
    });

    it("count a re-parented resource as lost unless an alias names its old parent", async () => {
        const released = ["test:index:Res::site-vpn"];
        const moved = await MockCloud.run(() => new Thing("site", (t) => res("site-vpn", { parent: t })));
        assert.deepEqual(lostIdentities(released, moved.cloud.registrations), released);
        const aliased = await MockCloud.run(
            () => new Thing("site", (t) => res("site-vpn", { parent: t, aliases: [{ parent: pulumi.rootStackResource }] })),
        );
        assert.deepEqual(lostIdentities(released, aliased.cloud.registrations), []);
    });

    it("keep a renamed component's children, named after it, through its alias alone (the engine's inherited child alias)", async () => {
        const released = ["test:index:Thing::munich", "test:index:Thing$test:index:Res::munich-vpn"];
        const { cloud } = await MockCloud.run(
            () => new Thing("site-munich", (t) => res("site-munich-vpn", { parent: t }), { aliases: [{ name: "munich" }] }),
        );
        assert.deepEqual(lostIdentities(released, cloud.registrations), []);
        assert.deepEqual([...identitiesOf(cloud.registrations).values()][1], [
            "test:index:Thing$test:index:Res::site-munich-vpn",
            "test:index:Thing$test:index:Res::munich-vpn",
        ]);
    });

    it("claim for a child of a parent with another earlier type only its name under that parent's earlier name", async () => {
        const { cloud } = await MockCloud.run(
            () =>
                new Thing("site-munich", (t) => res("site-munich-vpn", { parent: t }), {
                    aliases: [{ name: "munich", type: "old:index:Thing" }],
                }),
        );
        assert.deepEqual([...identitiesOf(cloud.registrations).values()][1], [
            "test:index:Thing$test:index:Res::site-munich-vpn",
            "old:index:Thing$test:index:Res::munich-vpn",
        ]);
    });

    it("claim under a parent that is gone the URN its alias names", async () => {
        const { cloud } = await MockCloud.run(() => res("x", { aliases: [{ parent: "urn:pulumi:stack::project::old:index:Gone::gone" }] }));
        assert.deepEqual([...identitiesOf(cloud.registrations).values()][0], ["test:index:Res::x", "old:index:Gone$test:index:Res::x"]);
    });

    it("hold every released version's resources in every mode of the components, or claimed by an alias", async () => {
        const all = releases();
        assert.ok(all.length > 0);
        for (const release of all) {
            for (const [mode, released] of Object.entries(release.modes)) {
                const lost = lostIdentities(released.resources, await registrationsOf(released));
                const refused = lost.filter((id) => released.protected.includes(id));
                assert.deepEqual(
                    { lost, refused },
                    { lost: [], refused: [] },
                    `${release.version}, ${mode}: these resources would be replaced at the next pulumi up (the refused ones ` +
                        "are protected: pulumi up fails); keep their names and parents, or add aliases (docs/upgrading.md)",
                );
            }
        }
    });

    it("records the current version's release from every mode the components have", () => {
        const version = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8")).version as string;
        const current = releases().find((r) => r.version === version);
        assert.ok(current, `no tests/fixtures/released/${version}.json: record it (docs/upgrading.md)`);
        assert.deepEqual(Object.keys(current.modes), Object.keys(COMPONENT_MODE_ARGS));
    });
});
