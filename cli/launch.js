// Runs a command (`node cli/launch.js plan …`) from the compiled build in bin/ when that build was
// made from the sources as they are now (cli/buildFreshness.js), else from the TypeScript sources
// through ts-node. The build is what `npm ci` leaves (prepare), and it starts in a fraction of
// ts-node's time; an edited source runs through ts-node until `npm run build`. Plain JavaScript:
// it runs before any compiler.
const fs = require("fs");
const Module = require("module");
const path = require("path");
const { buildIsCurrent } = require("./buildFreshness");

const root = path.join(__dirname, "..");
const command = process.argv[2];

const built = path.join(root, "bin/cli", `${command}.js`);
const fromBuild = fs.existsSync(built) && buildIsCurrent(root);

// The command runs as the main module, as if started directly: its arguments follow its name.
process.argv.splice(1, 2, fromBuild ? built : path.join(root, "cli", `${command}.ts`));
if (!fromBuild) require("ts-node").register({ transpileOnly: true });
Module.runMain();
