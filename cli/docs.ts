// `npm run docs`: regenerates the key tables of docs/CONFIG.md from the schemas and the
// argument types, and the deployer's IAM policy from the resource types' actions (tests fail
// while a committed file differs).
import * as fs from "fs";
import * as path from "path";
import { PACKAGE_ROOT } from "../components/config/packageRoot";
import { COMPONENT_REFERENCE_FILE, componentSchema, renderComponentReference } from "./docs/componentReference";
import { withReference } from "./docs/configReference";
import { deployerPolicies, EXAMPLE_BOUNDARY, PolicyDocument } from "./docs/deployerPolicy";
import { checkCommandLine, CommandLine, exitWith } from "./commandLine";

/** Where the deployer's policy is written. */
export const DEPLOYER_POLICY_FILE = path.join(PACKAGE_ROOT, "docs/iam/deployer-policy.json");
/** Changes and deletions only on the resources the components tagged: a second managed policy. */
export const DEPLOYER_OWNED_POLICY_FILE = path.join(PACKAGE_ROOT, "docs/iam/deployer-owned-policy.json");
/** Its IAM part, a third managed policy: the components' roles only. */
export const DEPLOYER_IAM_POLICY_FILE = path.join(PACKAGE_ROOT, "docs/iam/deployer-iam-policy.json");
/** The IAM part with a permissions boundary every role must carry (a placeholder ARN to replace). */
export const DEPLOYER_BOUNDARY_POLICY_FILE = path.join(PACKAGE_ROOT, "docs/iam/deployer-iam-policy-with-boundary.json");

/** Each generated policy file and the document it holds. */
export function deployerPolicyFiles(): [string, PolicyDocument][] {
    return [
        [DEPLOYER_POLICY_FILE, deployerPolicies().services],
        [DEPLOYER_OWNED_POLICY_FILE, deployerPolicies().owned],
        [DEPLOYER_IAM_POLICY_FILE, deployerPolicies().iam],
        [DEPLOYER_BOUNDARY_POLICY_FILE, deployerPolicies(EXAMPLE_BOUNDARY).iam],
    ];
}

const DOCS: CommandLine = {
    usage: "usage: npm run docs",
    description:
        "Regenerates the key tables of docs/CONFIG.md from the schemas and argument types, the component reference " +
        "docs/components.md from the package schema, and the deployer's policies in docs/iam/ from the resource types' API actions.",
    valueFlags: [],
};

/** Regenerates the generated docs and returns the exit code. */
export async function docsCommand(argv: string[], print: (line: string) => void): Promise<number> {
    const early = checkCommandLine(argv, DOCS, print);
    if (early !== undefined) return early;
    const config = path.join(PACKAGE_ROOT, "docs/CONFIG.md");
    fs.writeFileSync(config, withReference(fs.readFileSync(config, "utf8")));
    fs.writeFileSync(COMPONENT_REFERENCE_FILE, renderComponentReference(await componentSchema()));
    fs.mkdirSync(path.dirname(DEPLOYER_POLICY_FILE), { recursive: true });
    for (const [file, document] of deployerPolicyFiles()) fs.writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
    for (const file of [config, COMPONENT_REFERENCE_FILE, ...deployerPolicyFiles().map(([f]) => f)])
        print(`docs: ${path.relative(process.cwd(), file)} regenerated`);
    return 0;
}

if (require.main === module) exitWith(docsCommand(process.argv.slice(2), (line) => console.log(line)));
