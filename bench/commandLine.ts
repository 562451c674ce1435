import { checkCommandLine } from "../cli/commandLine";

/**
 * A benchmark's command line: it takes no flags (its sizes come from the environment variables
 * its description names), answers --help, and refuses anything else before it measures.
 */
export function benchCommandLine(script: string, description: string): void {
    const code = checkCommandLine(process.argv.slice(2), { usage: `usage: npm run ${script}`, description, valueFlags: [] }, console.log);
    if (code !== undefined) process.exit(code);
}
