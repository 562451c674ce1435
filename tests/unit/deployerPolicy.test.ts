import { strict as assert } from "assert";
import * as fs from "fs";
import { DEPLOYER_POLICY_FILE } from "../../cli/docs";
import { DEPLOYER_ACTIONS, deployerPolicy } from "../../cli/docs/deployerPolicy";
import { COMPONENT_MODES } from "../support/componentModes";
import { MockCloud } from "../support/mockCloud";

describe("the deployer's IAM policy (docs/iam/deployer-policy.json)", function () {
    this.timeout(120000);
    let registered: Set<string>;

    before(async () => {
        registered = new Set();
        for (const program of Object.values(COMPONENT_MODES)) {
            const { cloud } = await MockCloud.run(program);
            for (const r of cloud.registrations)
                if (r.type.startsWith("aws:") || r.type === "eks:index:VpcCniAddon") registered.add(r.type);
        }
    });

    it("covers every AWS resource type the components register, and nothing they never do", () => {
        assert.deepEqual([...registered].filter((t) => !(t in DEPLOYER_ACTIONS)).sort(), []);
        assert.deepEqual(
            Object.keys(DEPLOYER_ACTIONS)
                .filter((t) => !registered.has(t))
                .sort(),
            [],
        );
    });

    it("is what npm run docs generates, a statement per service, within IAM's managed policy size", () => {
        const committed = fs.readFileSync(DEPLOYER_POLICY_FILE, "utf8");
        assert.equal(committed, `${JSON.stringify(deployerPolicy(), null, 2)}\n`, "run npm run docs");
        const policy = JSON.parse(committed);
        assert.equal(policy.Version, "2012-10-17");
        for (const statement of policy.Statement) {
            assert.deepEqual(Object.keys(statement), ["Sid", "Effect", "Action", "Resource"]);
            for (const action of statement.Action) assert.match(action, /^[a-z0-9-]+:[A-Z][A-Za-z]*\*?$|^[a-z0-9-]+:[A-Z][a-z]+\*$/);
        }
        // A customer managed policy holds at most 6,144 characters, whitespace not counted.
        assert.ok(JSON.stringify(policy).length <= 6144, `${JSON.stringify(policy).length} characters`);
    });
});
