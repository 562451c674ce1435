// Preloaded into a benchmarked command: at exit, prints its peak RSS and the file descriptors it
// still holds, as one JSON line on stderr, for bench/plan.ts to read.
import * as fs from "fs";

process.on("exit", () => {
    const fds = fs.existsSync("/proc/self/fd") ? fs.readdirSync("/proc/self/fd").length : -1;
    process.stderr.write(`\nBENCH ${JSON.stringify({ peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), openFds: fds })}\n`);
});
