// Runs a command (`node cli/launch.js plan …`) from the compiled build in bin/ when the build is
// at least as new as every source, else from the TypeScript sources through ts-node. The build is
// what `npm ci` leaves (prepare), and it starts in a fraction of ts-node's time; an edited source
// falls back to ts-node until `npm run build`. Plain JavaScript: it runs before any compiler.
const fs = require("fs");
const Module = require("module");
const path = require("path");

const root = path.join(__dirname, "..");
const command = process.argv[2];

function newestSource(dir) {
    let newest = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
        else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
    return newest;
}

const built = path.join(root, "bin/cli", `${command}.js`);
const sourcesChanged = () =>
    Math.max(
        fs.statSync(path.join(root, "index.ts")).mtimeMs,
        ...["cli", "program", "components"].map((d) => newestSource(path.join(root, d))),
    );
const fromBuild = fs.existsSync(built) && fs.statSync(built).mtimeMs >= sourcesChanged();

// The command runs as the main module, as if started directly: its arguments follow its name.
process.argv.splice(1, 2, fromBuild ? built : path.join(root, "cli", `${command}.ts`));
if (!fromBuild) require("ts-node").register({ transpileOnly: true });
Module.runMain();
