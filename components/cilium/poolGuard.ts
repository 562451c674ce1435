import * as pulumi from "@pulumi/pulumi";
import { engineTakesHooks } from "../config/engineHooks";

interface PoolSpec {
    ipv4?: { cidrs?: string[]; maskSize?: number };
}

/**
 * Why a pool update must be refused, or undefined when it may go ahead. Nodes hold per-node
 * slices of the pool; Cilium cannot take in-use CIDRs away or re-cut them to another mask.
 */
export function poolChangeProblem(name: string, before: PoolSpec | undefined, after: PoolSpec | undefined): string | undefined {
    const [b, a] = [before?.ipv4, after?.ipv4];
    if (!b || !a) return undefined;
    const sameCidrs = JSON.stringify(b.cidrs) === JSON.stringify(a.cidrs);
    if (sameCidrs && b.maskSize === a.maskSize) return undefined;
    return (
        `CiliumPodIPPool ${name}: podCidr ${b.cidrs?.join(",")} /${b.maskSize} -> ${a.cidrs?.join(",")} /${a.maskSize} ` +
        "cannot change in place: nodes hold slices of the pool. Instead, give the new range its own site stack " +
        "(new pool, VPN routes and NodeConfig), move the nodes there and remove the old site; or drain every node " +
        "of this site, destroy its stack and deploy it again with the new range."
    );
}

/** The pool's beforeUpdate hooks: its guard, or none where the engine cannot take hooks ({@link engineTakesHooks}). */
export function poolGuardHooks(name: string): pulumi.ResourceHook[] {
    return engineTakesHooks() ? [poolGuardHook(name)] : [];
}

/** A hook that runs before every update of a pool, in previews too, and refuses a changed range. */
export function poolGuardHook(name: string): pulumi.ResourceHook {
    return new pulumi.ResourceHook(
        `${name}-pool-guard`,
        (args) => {
            const problem = poolChangeProblem(name, args.oldInputs?.spec, args.newInputs?.spec);
            if (problem) throw new Error(problem);
        },
        { onDryRun: true },
    );
}
