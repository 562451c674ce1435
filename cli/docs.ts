// `npm run docs`: regenerates the key tables of docs/CONFIG.md from the schemas and the
// argument types (a test fails while the committed file differs).
import * as fs from "fs";
import * as path from "path";
import { PACKAGE_ROOT } from "../components/config/packageRoot";
import { withReference } from "./docs/configReference";

const file = path.join(PACKAGE_ROOT, "docs/CONFIG.md");
fs.writeFileSync(file, withReference(fs.readFileSync(file, "utf8")));
console.log(`docs: ${path.relative(process.cwd(), file)} regenerated`);
