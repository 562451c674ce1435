// Preloaded into a benchmarked command (`node -r ./bench/exitFigures.js …`): at exit, prints its
// peak RSS and the file descriptors it still holds as one JSON line on stderr, for bench/plan.ts.
// Plain JavaScript, so that the command starts as `npm run plan` does, without ts-node.
const fs = require("fs");

process.on("exit", () => {
    const fds = fs.existsSync("/proc/self/fd") ? fs.readdirSync("/proc/self/fd").length : -1;
    process.stderr.write(`\nBENCH ${JSON.stringify({ peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), openFds: fds })}\n`);
});
