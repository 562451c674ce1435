import * as pulumi from "@pulumi/pulumi";
import { Problems } from "./problems";

/**
 * `T` with every `pulumi.Input` known: what a stack file holds. The component's arguments take an
 * Output where the component only passes a value on (an id); its stack config never does.
 */
export type KnownValues<T> = T extends Promise<unknown> | pulumi.OutputInstance<unknown>
    ? never
    : T extends (infer E)[]
      ? KnownValues<E>[]
      : T extends object
        ? { [K in keyof T]: KnownValues<T[K]> }
        : T;

/** A value known only when the program runs against the engine: an Output or a Promise. */
export function isUnknown(value: unknown): boolean {
    return pulumi.Output.isInstance(value) || value instanceof Promise;
}

/** `args.vpc.privateSubnetIds[1]` as the pattern the opaque keys are listed by: `args.vpc.privateSubnetIds[]`. */
function pattern(key: string): string {
    return key.replace(/\[\d+\]/g, "[]");
}

/**
 * What the rules see of a value known only later: given (not undefined), of no type the structure
 * accepts (its problems there are dropped) and shown in messages as "an Output".
 */
export class UnknownValue {
    toJSON(): string {
        return "an Output";
    }
}

/** What {@link knownView} found: the view the rules run over, and the keys whose values the rules cannot read. */
export interface KnownView<T> {
    /** The arguments with each unknown value replaced by an {@link UnknownValue}. */
    readonly view: T;
    /** The keys of unknown values: what the structure says about their stand-ins is no problem of the program's. */
    readonly unknown: ReadonlySet<string>;
}

/**
 * The arguments as the rules can read them. An unknown value (an Output, a Promise) at a key of
 * `opaque` (an id the component only passes on, listed as `args.vpc.privateSubnetIds[]`) becomes an
 * {@link UnknownValue}, which the rules see as "given"; one anywhere else is a problem: the component
 * computes with it (a CIDR, a count, a choice) before anything registers, as aws-cdk refuses a token CIDR.
 */
export function knownView<T>(args: T, root: string, opaque: readonly string[], problems: Problems): KnownView<T> {
    const keys = new Set<string>();
    const walk = (value: unknown, key: string): unknown => {
        if (isUnknown(value)) {
            keys.add(key);
            if (opaque.includes(`${pattern(key)}[]`)) {
                problems.add(
                    key,
                    "is an Output or a Promise of a list; the component counts this list (a zone or a route per item) before it " +
                        "registers anything: give a plain list, whose items may be Outputs (splitOutput makes one of an Output list)",
                );
            } else if (!opaque.includes(pattern(key))) {
                problems.add(
                    key,
                    "is an Output or a Promise, known only once the program runs; the component computes with this value before " +
                        "it registers anything, so give it as a plain value (only the ids and ARNs it passes on may be Outputs)",
                );
            }
            return new UnknownValue();
        }
        if (Array.isArray(value)) return value.map((item, i) => walk(item, `${key}[${i}]`));
        if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
            return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, `${key}.${k}`)]));
        }
        return value;
    };
    return { view: walk(args, root) as T, unknown: keys };
}

/**
 * An Output of a list as a plain list of `count` Outputs, one per item, for an argument the
 * component counts (`vpc.privateSubnetIds` from an awsx `ec2.Vpc`'s `privateSubnetIds`). The
 * count is the caller's to know (the VPC's zones); a list of another length fails the update,
 * naming both lengths.
 */
export function splitOutput(list: pulumi.Input<string[]>, count: number): pulumi.Output<string>[] {
    const checked = pulumi.output(list).apply((items) => {
        if (items.length !== count) {
            throw new pulumi.RunError(`splitOutput: the list has ${items.length} items, not the ${count} the program said`);
        }
        return items;
    });
    return Array.from({ length: count }, (_, i) => checked.apply((items) => items[i]));
}
