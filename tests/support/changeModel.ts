import { Registration } from "./mockCloud";

// A model of what a real `pulumi up` does with a change between two plans of a stack, and of the
// AWS rules that can refuse a step (docs/design.md, "Changes to a deployed site").

/**
 * Properties whose change replaces a resource, per type: ForceNew in hashicorp/terraform-provider-aws.
 * A resource's `replaceOnChanges` counts too: the VPN connection carries its ForceNew properties there
 * (components/vpn/keyRotation.ts, from internal/service/ec2/vpnsite_connection.go, where
 * customer_gateway_id is ModifyVpnConnection, in place).
 */
export const FORCE_NEW: Record<string, readonly string[]> = {
    // internal/service/ec2/vpnsite_customer_gateway.go
    "aws:ec2/customerGateway:CustomerGateway": ["bgpAsn", "bgpAsnExtended", "certificateArn", "deviceName", "ipAddress", "type"],
    // internal/service/ssm/activation.go: no update at all (tags too: tagsUpdateForceNew)
    "aws:ssm/activation:Activation": ["description", "expirationDate", "iamRole", "name", "registrationLimit", "tags"],
};

/** What the engine does to one resource. */
export enum ChangeKind {
    Same = "same",
    Update = "update",
    Replace = "replace",
}

/** The inputs that differ between two registrations of one resource. */
export function changedInputs(before: Registration, after: Registration): string[] {
    const keys = new Set([...Object.keys(before.inputs), ...Object.keys(after.inputs)]);
    return [...keys].filter((k) => JSON.stringify(before.inputs[k]) !== JSON.stringify(after.inputs[k])).sort();
}

/** Same, update in place, or replace: replace when a ForceNew input (or a `replaceOnChanges` one) changed. */
export function changeKind(before: Registration, after: Registration): ChangeKind {
    const changed = changedInputs(before, after);
    if (changed.length === 0) return ChangeKind.Same;
    const replacing = [...(FORCE_NEW[after.type] ?? []), ...(after.replaceOnChanges ?? [])];
    return changed.some((k) => replacing.includes(k)) ? ChangeKind.Replace : ChangeKind.Update;
}

/**
 * The engine's steps for a replacement and the updates of the resources that read it, in the order
 * pulumi/pulumi's step generator emits them (pkg/resource/deploy/step_generator.go): by default
 * create the replacement, update the dependents to it, delete the old one; with
 * `deleteBeforeReplace` delete the old one first.
 */
export function replacementSteps(replaced: Registration, dependents: readonly Registration[]): string[] {
    const updates = dependents.map((d) => `update ${d.name}`);
    return replaced.deleteBeforeReplace
        ? [`delete ${replaced.name}`, `create ${replaced.name}`, ...updates]
        : [`create ${replaced.name}`, ...updates, `delete ${replaced.name} (old)`];
}

/**
 * AWS's answer to each step while a VPN connection uses the customer gateway: DeleteCustomerGateway
 * is refused ("You must delete the VPN connection before you can delete the customer gateway", EC2
 * API reference); ModifyVpnConnection moves the connection to another gateway. Returns the first
 * refusal, or undefined when every step succeeds.
 */
export function awsRefusal(steps: readonly string[], gateway: string, connection: string): string | undefined {
    let connectionOnOldGateway = true;
    for (const step of steps) {
        if (step === `update ${connection}`) connectionOnOldGateway = false;
        if (step.startsWith(`delete ${gateway}`) && connectionOnOldGateway)
            return `${step}: refused, VPN connection ${connection} still uses it`;
    }
    return undefined;
}

/**
 * How a resource that reads a replaced one changes: the inputs holding the replaced resource's id
 * get the new id, so it is replaced when one of them forces that, else updated in place.
 */
export function dependentChange(dependent: Registration, replacedId: string): { kind: ChangeKind; inputs: string[] } {
    const inputs = Object.keys(dependent.inputs).filter((k) => JSON.stringify(dependent.inputs[k]).includes(replacedId));
    if (inputs.length === 0) return { kind: ChangeKind.Same, inputs };
    const replacing = [...(FORCE_NEW[dependent.type] ?? []), ...dependent.replaceOnChanges];
    return { kind: inputs.some((k) => replacing.includes(k)) ? ChangeKind.Replace : ChangeKind.Update, inputs };
}

/**
 * The inputs the engine sends for the new registration: `ignoreChanges` properties keep the old
 * state's value, for an update and for a replacement alike (pulumi/pulumi
 * `pkg/resource/deploy/step_generator.go`, processIgnoreChanges before the diff).
 */
export function engineInputs(before: Registration, after: Registration): Record<string, any> {
    const inputs = { ...after.inputs };
    for (const key of after.ignoreChanges) if (key in before.inputs) inputs[key] = before.inputs[key];
    return inputs;
}
