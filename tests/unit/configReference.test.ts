import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { CONFIG_AREAS, keyRows, withReference } from "../../cli/docs/configReference";

const CONFIG_MD = path.join(__dirname, "../../docs/CONFIG.md");

describe("docs/CONFIG.md: the config contract in the repository", () => {
    const text = fs.readFileSync(CONFIG_MD, "utf8");

    it("has an entry for every key of every schema", () => {
        for (const area of CONFIG_AREAS) {
            const missing = keyRows(area.schema, () => "")
                .filter((row) => !text.includes(`| \`${row.key}\` |`))
                .map((r) => r.key);
            assert.deepEqual(missing, [], `${area.name}: keys without an entry in docs/CONFIG.md`);
        }
    });

    it("is what the schemas and the argument types generate (run npm run docs after changing either)", function () {
        this.timeout(120000);
        assert.equal(withReference(text), text);
    });

    it("lists the schema's default and the argument's meaning next to each key", () => {
        assert.match(
            text,
            new RegExp(
                "\\| `tunnels\\.phase1\\.lifetimeSeconds` \\| integer \\| {2}\\| `28800` \\| " +
                    "SA lifetime in seconds\\. \\| a lifetime from 900 to 28800 seconds \\|",
            ),
        );
        assert.match(text, /\| `gateway\.amazonSideAsn` \| integer \| {2}\| `64512` \|/);
        assert.match(
            text,
            /\| `nodes\.hosts\[\]\.name` \| string \| yes \| {2}\| Node name; with IAM Roles Anywhere also its certificate's CN\. \|/,
        );
    });
});
