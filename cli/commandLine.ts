// The command line of every command: `--name VALUE` flags, switches, positional words, --help.
// Not Node's util.parseArgs: in strict mode it throws at the first problem, where a command
// reports every problem of its line at once; without strict mode it takes the next flag as a
// value (`--out --tree` sets out to "--tree"). These forty lines do neither.

/** What a command accepts. */
export interface CommandLine {
    /** `usage: npm run …`, printed with every problem and by --help. */
    usage: string;
    /** What the command does, printed by --help after the usage. */
    description: string;
    /** Flags that take a value (`--stacks DIR`), without the dashes. */
    valueFlags: string[];
    /** Flags that take none (`--hub-only`), without the dashes. */
    switches?: string[];
    /** How many words the command takes before or between its flags (the pipeline's operation). */
    positionals?: number;
}

/** The value of `--name VALUE` in argv, or `fallback`. */
export function flag(argv: string[], name: string, fallback?: string): string | undefined {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined && !argv[i + 1].startsWith("--") ? argv[i + 1] : fallback;
}

/** Every problem of argv against the command's flags: unknown flags, flags without a value, stray words. */
export function argvProblems(argv: readonly string[], line: CommandLine): string[] {
    const problems: string[] = [];
    let words = 0;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg.startsWith("--")) {
            const name = arg.slice(2);
            if (line.valueFlags.includes(name)) {
                if (argv[i + 1] === undefined || argv[i + 1].startsWith("--")) problems.push(`${arg} needs a value`);
                else i++;
            } else if (!(line.switches ?? []).includes(name)) {
                const known = [...line.valueFlags, ...(line.switches ?? []), "help"].map((f) => `--${f}`).join(", ");
                problems.push(`${arg} is not a flag of this command; its flags: ${known}`);
            }
        } else if (++words > (line.positionals ?? 0)) {
            problems.push(`${JSON.stringify(arg)} is not expected here`);
        }
    }
    return problems;
}

/**
 * Checks argv before a command runs: with --help prints the usage and description and returns 0;
 * with problems prints each and the usage and returns 1; otherwise returns undefined (run).
 */
export function checkCommandLine(argv: readonly string[], line: CommandLine, print: (text: string) => void): number | undefined {
    if (argv.includes("--help") || argv.includes("-h")) {
        print(line.usage);
        print(line.description);
        return 0;
    }
    const problems = argvProblems(argv, line);
    if (problems.length === 0) return undefined;
    for (const p of problems) print(p);
    print(line.usage);
    return 1;
}

/** Runs a command from its module's entry: its exit code, or 1 and the error's message alone. */
export function exitWith(run: Promise<number>): void {
    run.then(
        (code) => (process.exitCode = code),
        (error) => {
            console.error(error instanceof Error ? error.message : error);
            process.exitCode = 1;
        },
    );
}
