// `npm run docs`: regenerates the key tables of docs/CONFIG.md from the schemas and the
// argument types, and the deployer's IAM policy from the resource types' actions (tests fail
// while a committed file differs).
import * as fs from "fs";
import * as path from "path";
import { PACKAGE_ROOT } from "../components/config/packageRoot";
import { withReference } from "./docs/configReference";
import { deployerPolicy } from "./docs/deployerPolicy";
import { checkCommandLine, CommandLine } from "./commandLine";

/** Where the deployer's policy is written. */
export const DEPLOYER_POLICY_FILE = path.join(PACKAGE_ROOT, "docs/iam/deployer-policy.json");

const DOCS: CommandLine = {
    usage: "usage: npm run docs",
    description:
        "Regenerates the key tables of docs/CONFIG.md from the schemas and argument types, and docs/iam/deployer-policy.json " +
        "from the resource types' API actions.",
    valueFlags: [],
};

/** Regenerates the generated docs and returns the exit code. */
export function docsCommand(argv: string[], print: (line: string) => void): number {
    const early = checkCommandLine(argv, DOCS, print);
    if (early !== undefined) return early;
    const config = path.join(PACKAGE_ROOT, "docs/CONFIG.md");
    fs.writeFileSync(config, withReference(fs.readFileSync(config, "utf8")));
    fs.mkdirSync(path.dirname(DEPLOYER_POLICY_FILE), { recursive: true });
    fs.writeFileSync(DEPLOYER_POLICY_FILE, `${JSON.stringify(deployerPolicy(), null, 2)}\n`);
    for (const file of [config, DEPLOYER_POLICY_FILE]) print(`docs: ${path.relative(process.cwd(), file)} regenerated`);
    return 0;
}

if (require.main === module) process.exitCode = docsCommand(process.argv.slice(2), (line) => console.log(line));
