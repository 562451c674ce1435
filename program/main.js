// The entry `pulumi up` runs (Pulumi.yaml: `main: program/main.js`, `typescript: false`): the
// compiled program in bin/ when it was built from the sources as they are now, which starts as
// fast as the SDKs load; otherwise the TypeScript sources through ts-node, transpile-only, so an
// edited component runs as edited and never a stale build. Type errors are `npm test`'s and
// `npm run typecheck`'s to find, not each stack's start. Plain JavaScript: no compiler yet.
const path = require("path");
const { buildIsCurrent } = require("../cli/buildFreshness");

const root = path.join(__dirname, "..");
if (buildIsCurrent(root)) {
    module.exports = require("../bin/program/index.js");
} else {
    process.stderr.write(
        "eks-hybrid: bin/ was not built from the current sources; running the sources through ts-node " +
            "(slower to start). `npm run build` makes the next run start from the build.\n",
    );
    require("ts-node").register({ transpileOnly: true, project: path.join(root, "tsconfig.json") });
    module.exports = require("./index.ts");
}
