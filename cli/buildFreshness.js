// Whether the compiled build in bin/ was made from the TypeScript sources as they are now, judged
// by content (a file's time says nothing after a checkout, a copy or an unpack). `npm run build`
// (cli/build.js) starts with beginBuild (the digest of the sources as tsc will read them, kept
// aside, and the old record removed: a failed or partial build is never current) and ends with
// writeDigest, which records it in bin/; the
// launchers (cli/launch.js for the commands, program/main.js for `pulumi up`) run the build only
// when the digest still matches, else the sources through ts-node. Plain JavaScript: it runs
// before any compiler.
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

/** Where the build records the digest of the sources it was made from. */
const DIGEST_FILE = path.join("bin", ".sources-digest");
/** The digest `begin` took, until `write` records it. */
const PENDING_FILE = path.join("bin", ".sources-digest.pending");
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
    // The compiler's version changes the output as much as a source does.
    const compiler = path.join(root, "node_modules", "typescript", "package.json");
    hash.update(`typescript\0${fs.existsSync(compiler) ? JSON.parse(fs.readFileSync(compiler, "utf8")).version : "none"}\0`);
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

/** Before the compiler: the old record goes, and the digest of the sources it is about to read is kept aside. */
function beginBuild(root) {
    fs.rmSync(path.join(root, DIGEST_FILE), { force: true });
    fs.mkdirSync(path.join(root, "bin"), { recursive: true });
    fs.writeFileSync(path.join(root, PENDING_FILE), `${sourceDigest(root)}\n`);
}

/**
 * After a successful build: records the digest `begin` took, so sources edited during the build
 * make it stale; without a `begin` (a hand-run build step) the digest of the sources now.
 */
function writeDigest(root) {
    const pending = path.join(root, PENDING_FILE);
    const digest = fs.existsSync(pending) ? fs.readFileSync(pending, "utf8") : `${sourceDigest(root)}\n`;
    fs.writeFileSync(path.join(root, DIGEST_FILE), digest);
    fs.rmSync(pending, { force: true });
}

module.exports = { DIGEST_FILE, beginBuild, buildIsCurrent, sourceDigest, writeDigest };

