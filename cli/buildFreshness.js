// Whether the compiled build in bin/ was made from the TypeScript sources as they are now, judged
// by content (a file's time says nothing after a checkout, a copy or an unpack). `npm run build`
// ends with `node cli/buildFreshness.js write`, which records the sources' digest in bin/; the
// launchers (cli/launch.js for the commands, program/main.js for `pulumi up`) run the build only
// when the digest still matches, else the sources through ts-node. Plain JavaScript: it runs
// before any compiler.
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

/** Where the build records the digest of the sources it was made from. */
const DIGEST_FILE = path.join("bin", ".sources-digest");
/** What the build compiles (tsconfig.build.json's include) and the options it compiles with. */
const SOURCE_DIRS = ["cli", "components", "program"];
const SOURCE_FILES = ["index.ts", "tsconfig.json", "tsconfig.build.json"];

function tsFiles(root, dir, out) {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = path.posix.join(dir, entry.name);
        if (entry.isDirectory()) tsFiles(root, rel, out);
        else if (entry.name.endsWith(".ts")) out.push(rel);
    }
    return out;
}

/** SHA-256 over every source's path and content, in a fixed order. */
function sourceDigest(root) {
    const files = [...SOURCE_FILES, ...SOURCE_DIRS.flatMap((d) => tsFiles(root, d, []))].sort();
    const hash = crypto.createHash("sha256");
    for (const rel of files) {
        const full = path.join(root, rel);
        // A missing tsconfig is part of what was built from, as much as a present one.
        const content = fs.existsSync(full) ? fs.readFileSync(full) : Buffer.from("\0missing");
        hash.update(`${rel}\0${content.length}\0`);
        hash.update(content);
    }
    return hash.digest("hex");
}

/** True when bin/ holds a build of exactly the current sources. */
function buildIsCurrent(root) {
    let recorded;
    try {
        recorded = fs.readFileSync(path.join(root, DIGEST_FILE), "utf8").trim();
    } catch {
        return false;
    }
    return recorded === sourceDigest(root);
}

function writeDigest(root) {
    fs.writeFileSync(path.join(root, DIGEST_FILE), `${sourceDigest(root)}\n`);
}

module.exports = { DIGEST_FILE, buildIsCurrent, sourceDigest, writeDigest };

if (require.main === module) {
    if (process.argv[2] !== "write") {
        console.error("usage: node cli/buildFreshness.js write");
        process.exit(2);
    }
    const root = path.join(__dirname, "..");
    writeDigest(root);
    console.log(`build: ${DIGEST_FILE} written`);
}
