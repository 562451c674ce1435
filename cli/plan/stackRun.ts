import { StackKind } from "../../program/stackConfig";
import { StackFile } from "../stacks/stackFolder";
import { Registration } from "./mockEngine";

/** One stack run on the mock engine: what it registered and what it exported. */
export interface StackRun {
    file: StackFile;
    kind: StackKind;
    /** What the mock engine recorded. */
    cloud: { registrations: Registration[] };
    outputs: Record<string, unknown>;
    /** Names of the outputs that are secrets. */
    secretOutputs: string[];
}
