// Preloaded (NODE_OPTIONS=--require) into a program started by tests/support/languageHost.ts: when
// the module LOAD_MARK_MODULE names has finished loading, writes to LOAD_MARK_FILE the seconds since
// the process began and the peak resident memory so far. Plain JavaScript: it loads before ts-node.
const fs = require("fs");
const Module = require("module");
const { performance } = require("perf_hooks");

const target = process.env.LOAD_MARK_MODULE;
const file = process.env.LOAD_MARK_FILE;
if (target && file) {
    const load = Module._load;
    Module._load = function (request, parent, isMain) {
        const result = load.apply(this, arguments);
        let resolved;
        try {
            resolved = Module._resolveFilename(request, parent, isMain);
        } catch {
            return result;
        }
        if (resolved === target && !fs.existsSync(file)) {
            const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
            fs.writeFileSync(file, JSON.stringify({ seconds: performance.now() / 1000, peakRssKb: hwm ? Number(hwm[1]) : null }));
        }
        return result;
    };
}
