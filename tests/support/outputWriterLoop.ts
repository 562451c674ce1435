// A writer for the kill test: writes generation after generation of a fleet-sized out/ folder
// with the one writer the plan and the artefacts command use, printing each finished generation.
// usage: node -r ts-node/register/transpile-only tests/support/outputWriterLoop.ts <outDir> <firstGeneration>
import { OutputFile, writeOutputFiles } from "../../cli/files/outputFiles";

const [outDir, first] = process.argv.slice(2);
const STACKS = 12;
const FILES = 20;

/** Every file of generation `g`: each names its generation, so a mixed folder shows. */
export function generation(g: number): OutputFile[] {
    const files: OutputFile[] = [];
    for (let s = 0; s < STACKS; s++)
        for (let f = 0; f < FILES; f++)
            files.push({
                path: `site-${s}/dir${f % 3}/file${f}.txt`,
                text: `generation ${g}\n${"x".repeat(20_000)}\n`,
                secret: f % 2 === 0,
            });
    files.push({ path: "cost.md", text: `generation ${g}\n`, secret: false });
    return files;
}

if (require.main === module) {
    for (let g = Number(first); ; g++) {
        writeOutputFiles(outDir, generation(g));
        process.stdout.write(`generation ${g}\n`);
    }
}
