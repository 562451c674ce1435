// Prints how long `npm run validate` takes over a hub and 1000 generated sites (in-process, after
// a warm-up run). Figures, not assertions.
import { Problems } from "../components/config/problems";
import { validateFolder } from "../cli/stacks/validateFolder";
import { generatedStacks } from "./generateStacks";

const files = generatedStacks(1000);
const once = () => {
    const started = process.hrtime.bigint();
    const report = validateFolder(files, new Problems());
    if (report.problems.length > 0)
        throw new Error(`generated stacks are invalid: ${report.problems[0].key}: ${report.problems[0].message}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
};
once();
const runs = [once(), once(), once()].sort((a, b) => a - b);
console.log(
    `validate hub + 1000 sites: ${runs[1].toFixed(0)} ms (median of 3, after one warm-up; min ${runs[0].toFixed(0)} ms, max ` +
        `${runs[2].toFixed(0)} ms)`,
);
