// `npm run docs`: regenerates the key tables of docs/CONFIG.md from the schemas and the
// argument types, and the deployer's IAM policy from the resource types' actions (tests fail
// while a committed file differs).
import * as fs from "fs";
import * as path from "path";
import { PACKAGE_ROOT } from "../components/config/packageRoot";
import { withReference } from "./docs/configReference";
import { deployerPolicy } from "./docs/deployerPolicy";

/** Where the deployer's policy is written. */
export const DEPLOYER_POLICY_FILE = path.join(PACKAGE_ROOT, "docs/iam/deployer-policy.json");

if (require.main === module) {
    const config = path.join(PACKAGE_ROOT, "docs/CONFIG.md");
    fs.writeFileSync(config, withReference(fs.readFileSync(config, "utf8")));
    fs.mkdirSync(path.dirname(DEPLOYER_POLICY_FILE), { recursive: true });
    fs.writeFileSync(DEPLOYER_POLICY_FILE, `${JSON.stringify(deployerPolicy(), null, 2)}\n`);
    for (const file of [config, DEPLOYER_POLICY_FILE]) console.log(`docs: ${path.relative(process.cwd(), file)} regenerated`);
}
