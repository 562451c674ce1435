/** One thing wrong with the input: the key (config path or argument path) and what is wrong. */
export interface Problem {
    readonly key: string;
    readonly message: string;
}

/** Every problem found in one input, reported together. */
export class ConfigError extends Error {
    constructor(
        readonly subject: string,
        readonly problems: readonly Problem[],
    ) {
        super(
            `${subject}: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n` +
                problems.map((p) => `  - ${formatProblem(p)}`).join("\n"),
        );
        this.name = "ConfigError";
    }
}

/** A problem as one line: `key: message`. */
export function formatProblem(p: Problem): string {
    return `${p.key}: ${p.message}`;
}

/** Collects problems so that validation can report all of them at once. */
export class Problems {
    private readonly list: Problem[] = [];

    add(key: string, message: string): void {
        this.list.push({ key, message });
    }

    /** True when a problem was already reported for `key` or anything beneath it. */
    touches(key: string): boolean {
        return this.list.some((p) => p.key === key || p.key.startsWith(`${key}.`) || p.key.startsWith(`${key}[`));
    }

    get all(): readonly Problem[] {
        return this.list;
    }

    /** Adds the problems of `found` but those at the `skipped` keys (an Output's stand-in, see knownView). */
    addAllBut(found: Problems, skipped: ReadonlySet<string>): void {
        for (const p of found.all) if (!skipped.has(p.key)) this.add(p.key, p.message);
    }

    /** Throws one ConfigError naming every problem, if there is any. */
    throwIfAny(subject: string): void {
        if (this.list.length > 0) throw new ConfigError(subject, this.list);
    }
}

/** A value as it appears in messages: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
    return value === undefined ? "undefined" : JSON.stringify(value);
}

/** Runs `check` over `raw` at `root` and returns `raw` as `T`, or throws one ConfigError with every problem. */
export function parseChecked<T>(raw: unknown, root: string, check: (raw: unknown, root: string, problems: Problems) => void): T {
    const problems = new Problems();
    check(raw, root, problems);
    problems.throwIfAny(`invalid ${root}`);
    return raw as T;
}
