// Entry point of the Pulumi program (Pulumi.yaml `main: program/`): the stack outputs are this
// module's exports.
import { runStack } from "./run";

export = runStack();
