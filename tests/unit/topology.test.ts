import { strict as assert } from "assert";
import { topologyColumns, topologyMermaid, topologySvg } from "../../cli/plan/topology";
import { siteSettings, validHub } from "../support/fixtures";

const fleet = (n: number, hubStack = "hub") => ({
    hubStack,
    region: "eu-central-1",
    hub: validHub(),
    sites: Array.from({ length: n }, (_, i) => ({
        stack: `site-${i}`,
        site: { ...siteSettings(), name: `s${i}`, nodeCidr: `10.80.${i}.0/24`, podCidr: `10.96.${i}.0/24` },
    })),
});

const numbers = (tag: string, svg: string, keys: string[]) =>
    [...svg.matchAll(new RegExp(`<${tag} ([^>]*)/>`, "g"))].map((m) =>
        Object.fromEntries(keys.map((k) => [k, Number(new RegExp(`\\b${k}="([-\\d.]+)"`).exec(m[1])![1])])),
    );

describe("the topology picture", () => {
    for (const n of [1, 3, 24, 200]) {
        it(`lays out ${n} site${n === 1 ? "" : "s"}: every site's box, no line through a box, no blank strip`, () => {
            const svg = topologySvg(fleet(n));
            const [background, hub, ...boxes] = numbers("rect", svg, ["x", "y", "width", "height"]);
            assert.equal(boxes.length, n);
            const lines = numbers("line", svg, ["x1", "y1", "x2", "y2"]);
            for (const l of lines) {
                assert.ok(l.x1 === l.x2 || l.y1 === l.y2, "lines run straight");
                for (const b of [hub, ...boxes]) {
                    const [x0, x1] = [Math.min(l.x1, l.x2), Math.max(l.x1, l.x2)];
                    const [y0, y1] = [Math.min(l.y1, l.y2), Math.max(l.y1, l.y2)];
                    const inside = x1 > b.x && x0 < b.x + b.width && y1 > b.y && y0 < b.y + b.height;
                    assert.ok(!inside, `a line ${JSON.stringify(l)} crosses the box ${JSON.stringify(b)}`);
                }
            }
            // Every box hangs from a line ending on its top edge's middle.
            for (const b of boxes) assert.ok(lines.some((l) => l.x2 === b.x + b.width / 2 && l.y2 === b.y));
            const bottom = Math.max(...[hub, ...boxes].map((b) => b.y + b.height));
            const right = Math.max(...[hub, ...boxes].map((b) => b.x + b.width));
            assert.equal(background.height, bottom + 20, "the margin below the last row, no more");
            assert.ok(background.width >= right + 20);
            assert.ok(background.width <= 10 * 270 + 20, "at most ten columns");
        });
    }

    it("uses one row up to five sites, then about twice as wide as tall, at most ten columns", () => {
        assert.deepEqual([1, 3, 5, 6, 24, 50, 200].map(topologyColumns), [1, 3, 5, 4, 7, 10, 10]);
    });

    it("names the hub once: hub (Region) for a stack named hub, its stack otherwise", () => {
        assert.match(topologySvg(fleet(1)), />hub \(eu-central-1\): EKS hybrid-prod /);
        assert.doesNotMatch(topologySvg(fleet(1)), /hub hub/);
        assert.match(topologySvg(fleet(1, "hub-eu")), />hub stack hub-eu \(eu-central-1\): EKS /);
        assert.match(topologyMermaid(fleet(1)), /\n {2}subgraph hub\["hub \(eu-central-1\)"\]\n/);
    });
});
