// A release's step (docs/upgrading.md): records what the components register in every mode of
// tests/support/componentModes.ts as tests/fixtures/released/<package version>.json, which
// tests/unit/releasedResources.test.ts holds every later version to.
//   node -r ts-node/register/transpile-only tests/support/recordRelease.ts
import "./pinnedDate";
import * as fs from "fs";
import * as path from "path";
import { checkCommandLine } from "../../cli/commandLine";
import { COMPONENT_MODE_ARGS } from "./componentModes";
import { recordRelease, RELEASED_DIR } from "./releasedResources";

const code = checkCommandLine(
    process.argv.slice(2),
    {
        usage: "usage: node -r ts-node/register/transpile-only tests/support/recordRelease.ts",
        description: "Records the resource identities of this package version for the released-resources test.",
        valueFlags: [],
    },
    console.log,
);
if (code !== undefined) process.exit(code);

const version = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8")).version as string;
const file = path.join(RELEASED_DIR, `${version}.json`);
recordRelease(version, COMPONENT_MODE_ARGS).then((release) => {
    fs.writeFileSync(file, `${JSON.stringify(release, null, 2)}\n`);
    console.log(`${file}: ${Object.values(release.modes).reduce((n, m) => n + m.resources.length, 0)} resources`);
});
