import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { artefactsCommand } from "../../cli/artefacts";
import { writeOutputFiles } from "../../cli/files/outputFiles";
import { loadStackFolder, stackNameProblem } from "../../cli/stacks/stackFolder";
import { Problems } from "../../components/config/problems";

describe("hostile stack names and paths", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("refuses a stack file whose name would make the stack `..` (a folder outside out/)", () => {
        const stacks = path.join(dir, "stacks");
        fs.mkdirSync(stacks);
        fs.writeFileSync(path.join(stacks, "Pulumi....yaml"), "config:\n  eks-hybrid:kind: site\n");
        const problems = new Problems();
        assert.deepEqual(loadStackFolder(stacks, problems), []);
        assert.deepEqual(
            problems.all.map((p) => `${p.key}: ${p.message}`),
            [
                'Pulumi....yaml: its stack name ".." is not a stack name: use 1 to 100 letters, digits, -, _ and ., not . or .., ' +
                    "such as site-munich; rename the file to Pulumi.<stack>.yaml with such a name",
            ],
        );
    });

    it("accepts Pulumi's stack names and nothing else (table)", () => {
        for (const ok of ["hub", "site-munich", "site_2", "prod.eu"]) assert.equal(stackNameProblem(ok), undefined, ok);
        for (const bad of [".", "..", "a/b", "a b", "", "x".repeat(101), "$(reboot)"]) assert.ok(stackNameProblem(bad), bad);
    });

    it("writes nothing and removes nothing outside the output folder", () => {
        const out = path.join(dir, "out");
        const sibling = path.join(dir, "keep");
        fs.mkdirSync(sibling);
        fs.writeFileSync(path.join(sibling, "precious"), "x");
        for (const bad of ["../keep/precious", "../keep", "/etc/passwd", "a/../../keep/x", ""]) {
            assert.throws(
                () => writeOutputFiles(out, [{ path: bad, text: "pwned", secret: false }]),
                new RegExp(`^Error: refusing to write ${JSON.stringify(bad).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: it leads outside `),
            );
        }
        assert.equal(fs.readFileSync(path.join(sibling, "precious"), "utf8"), "x");
        writeOutputFiles(out, [{ path: "site-a/README.md", text: "ok", secret: false }]);
        assert.equal(fs.readFileSync(path.join(out, "site-a/README.md"), "utf8"), "ok");
    });

    it("refuses artefacts --stack .. before reading anything", async () => {
        const lines: string[] = [];
        const reader = { outputs: async () => assert.fail("read") };
        assert.equal(await artefactsCommand(["--stack", "..", "--out", path.join(dir, "out")], reader, (l) => lines.push(l)), 1);
        assert.deepEqual(lines, [
            '--stack ".." is not a stack name: use 1 to 100 letters, digits, -, _ and ., not . or .., such as site-munich',
        ]);
    });
});
