/** A stack output as Pulumi reports it: its value, and whether it is a secret. */
export interface StackOutput {
    value: unknown;
    secret?: boolean;
}

/** Reads a deployed stack's outputs (values in clear, secrets marked). The Automation API implements it; tests use a fake. */
export interface StackOutputsReader {
    outputs(stack: string): Promise<Record<string, StackOutput>>;
}

/** A deployed stack's outputs and when its last update ended. */
export interface StackStatus {
    outputs: Record<string, StackOutput>;
    /** ISO time the last operation ended (undefined when the stack has none). */
    lastUpdate?: string;
}

/** Reads a deployed stack's status. The Automation API implements it; tests use a fake. */
export interface StackStatusReader {
    /** Rejects, once and with a clear message, when nothing can be read (no Pulumi CLI). */
    ready(): Promise<unknown>;
    status(stack: string): Promise<StackStatus>;
}
