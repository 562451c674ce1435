/** A stack output as Pulumi reports it: its value, and whether it is a secret. */
export interface StackOutput {
    value: unknown;
    secret?: boolean;
}

/** Reads a deployed stack's outputs (values in clear, secrets marked). The Automation API implements it; tests use a fake. */
export interface StackOutputsReader {
    outputs(stack: string): Promise<Record<string, StackOutput>>;
}
