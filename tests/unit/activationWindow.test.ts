import { strict as assert } from "assert";
import fc from "fast-check";
import { activationExpiry, daysLeft } from "../../components/site/activationWindow";
import { Site } from "../../components/site/site";
import { activationClock } from "../../components/site/activationWindow";
import { changeKind, ChangeKind, engineInputs } from "../support/changeModel";
import { siteHubArgs, siteSettings } from "../support/fixtures";
import { MockCloud } from "../support/mockCloud";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Date.parse("2026-12-03T10:00:00Z");

describe("the SSM activation's renewal window", () => {
    it("keeps one date through a window and moves it at the window's end (table: 30 days, renewed at 7)", () => {
        const first = activationExpiry(T0, "munich", 30, 7);
        // munich's 23-day window runs from 2026-12-01 to 2026-12-24: 30 days from its start.
        assert.equal(first, "2026-12-30T23:00:00Z");
        assert.equal(activationExpiry(T0 + 3 * DAY, "munich", 30, 7), first);
        assert.equal(activationExpiry(Date.parse("2026-12-23T23:59:59Z"), "munich", 30, 7), first);
        assert.equal(activationExpiry(Date.parse("2026-12-24T00:00:00Z"), "munich", 30, 7), "2027-01-22T23:00:00Z");
        // Sites renew on different days.
        assert.notEqual(activationExpiry(T0, "berlin", 30, 7), first);
    });

    it("is always less than `days` ahead (AWS's 30-day limit, an hour to spare) and `renewDays` or more, less that hour (property)", () => {
        fc.assert(
            fc.property(
                fc.integer({ min: Date.parse("2020-01-01"), max: Date.parse("2040-01-01") }),
                fc.string({ minLength: 1, maxLength: 20 }),
                fc.integer({ min: 2, max: 30 }).chain((days) => fc.tuple(fc.constant(days), fc.integer({ min: 1, max: days - 1 }))),
                (now, site, [days, renew]) => {
                    const left = Date.parse(activationExpiry(now, site, days, renew)) - now;
                    assert.ok(left > renew * DAY - HOUR && left <= days * DAY - HOUR, `${left / DAY} days left`);
                },
            ),
        );
    });

    it("counts whole days left", () => {
        assert.equal(daysLeft("2026-12-10T10:00:00Z", T0), 7);
        assert.equal(daysLeft("2026-12-03T09:00:00Z", T0), -1);
    });
});

describe("a change that replaces a deployed site's activation", () => {
    const plan = async (now: number, change: (s: any) => void = () => {}) => {
        const site = siteSettings();
        change(site);
        activationClock.now = () => now;
        try {
            const { cloud } = await MockCloud.run(() => new Site("munich", { site, hub: siteHubArgs() }));
            return cloud.named("munich-activation");
        } finally {
            activationClock.now = undefined;
        }
    };

    for (const [what, change] of [
        ["a new node count", (s: any) => (s.nodes.count = 4)],
        ["new tags", (s: any) => (s.tags = { team: "net" })],
        ["listed hosts", (s: any) => (s.nodes = { hosts: [{ name: "munich-1", ip: "10.80.1.11" }] })],
    ] as const) {
        it(`${what} 25 days after the first up: the new activation is born with more than 7 days left, not with the old date`, async () => {
            const deployed = await plan(T0);
            const later = T0 + 25 * DAY;
            const next = await plan(later, change);
            assert.equal(changeKind(deployed, next), ChangeKind.Replace);
            // What the engine sends for the replacement: the new inputs, ignoreChanges taken from the old state.
            const sent = engineInputs(deployed, next);
            assert.ok(daysLeft(sent.expirationDate, later) >= 7, `${sent.expirationDate} at ${new Date(later).toISOString()}`);
        });
    }

    it("with ignoreChanges on the date, as before, the replacement would have had the old date (the model can fail)", async () => {
        const deployed = await plan(T0);
        const later = T0 + 25 * DAY;
        const next = { ...(await plan(later, (s) => (s.nodes.count = 4))), ignoreChanges: ["expirationDate"] };
        assert.ok(daysLeft(engineInputs(deployed, next).expirationDate, later) < 7);
    });

    it("leaves the activation alone from run to run within a window", async () => {
        assert.equal(changeKind(await plan(T0), await plan(T0 + 2 * DAY)), ChangeKind.Same);
    });
});
