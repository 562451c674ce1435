import * as fs from "fs";
import * as path from "path";

/**
 * The package's root folder, where its package.json is. Code runs from the TypeScript sources (the
 * repository) or from the build in bin/ (an installed package), one folder deeper; files shipped
 * beside the code (ref/, docs/) are found from here in both cases.
 */
export const PACKAGE_ROOT = findPackageRoot(__dirname);

function findPackageRoot(from: string): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "package.json"))) return dir;
        if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
    }
}
