import * as pulumi from "@pulumi/pulumi";
import { formatProblem, Problem } from "./problems";

/** The root every component's argument keys start at (`args.vpc.cidr`); property paths leave it out. */
export const ARGUMENTS_ROOT = "args";

/**
 * A component's bad arguments, every one of them: a `pulumi.InputPropertiesError` with one
 * `{propertyPath, reason}` per problem, which the engine prints property by property in every
 * Pulumi language (a component constructed through `pulumi package add`), and that the Node.js
 * language host, for a TypeScript program, prints without a stack trace (as it does a RunError).
 */
export class ArgumentsError extends pulumi.InputPropertiesError {
    /** The Node.js language host prints an error carrying this flag (a RunError's) as its message alone. */
    readonly __pulumiRunError = true;
    /** The problems as the checks found them, keys starting at `args`. */
    readonly problems: readonly Problem[];

    constructor(subject: string, problems: readonly Problem[]) {
        super({
            message:
                `${subject}: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n` +
                problems.map((p) => `  - ${formatProblem(p)}`).join("\n"),
            errors: problems.map((p) => ({ propertyPath: propertyPath(p.key), reason: p.message })),
        });
        this.name = "ArgumentsError";
        this.problems = problems;
    }
}

/** `args.vpc.cidr` as the property path `vpc.cidr`. */
export function propertyPath(key: string): string {
    return key.startsWith(`${ARGUMENTS_ROOT}.`) ? key.slice(ARGUMENTS_ROOT.length + 1) : key;
}
