// `npm run build`: the digest of the sources kept aside, tsc, the Cilium values validator
// precompiled, the digest recorded (cli/buildFreshness.js says why). Plain JavaScript, as the
// build runs before any compiled code exists. It takes no flags: --help prints what it does, and
// anything else is refused before it starts, as every command's (cli/commandLine.ts).
const { spawnSync } = require("child_process");
const path = require("path");
const { beginBuild, writeDigest, DIGEST_FILE } = require("./buildFreshness");

const USAGE = "usage: npm run build";
const DESCRIPTION =
    "Compiles the package to bin/ with declarations (what main, types and exports point at), precompiles the Cilium " +
    "values validator and records the sources' digest: the commands and the program run from bin/ while it matches.";

/** The problems of the build's command line: it takes none but --help. */
function argvProblems(argv) {
    return argv
        .filter((arg) => arg !== "--help" && arg !== "-h")
        .map((arg) =>
            arg.startsWith("-") ? `${arg} is not a flag of this command; its flags: --help` : `${JSON.stringify(arg)} is not expected here`,
        );
}

function run(root, argv) {
    if (argv.includes("--help") || argv.includes("-h")) {
        console.log(USAGE);
        console.log(DESCRIPTION);
        return 0;
    }
    const problems = argvProblems(argv);
    if (problems.length > 0) {
        for (const p of problems) console.error(p);
        console.error(USAGE);
        return 1;
    }
    beginBuild(root);
    const steps = [
        [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"],
        [path.join(root, "bin", "cli", "build", "precompile.js")],
    ];
    for (const step of steps) {
        const result = spawnSync(process.execPath, step, { cwd: root, stdio: "inherit" });
        if (result.status !== 0) return result.status ?? 1;
    }
    writeDigest(root);
    console.log(`build: ${DIGEST_FILE} written`);
    return 0;
}

if (require.main === module) process.exitCode = run(path.join(__dirname, ".."), process.argv.slice(2));
