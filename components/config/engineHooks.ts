import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { getMonitor } from "@pulumi/pulumi/runtime/settings";

/**
 * Whether the engine this program runs under can register resource hooks. Pulumi's own mocks
 * (`pulumi.runtime.setMocks`) cannot (pulumi/pulumi#20874): a hook built there would fail a
 * user's unit test, and hooks never run under mocks anyway, so components leave them out.
 */
export function engineTakesHooks(): boolean {
    return typeof (getMonitor() as any)?.registerResourceHook === "function";
}

/** Whether a real engine runs the program, not Pulumi's mocks (the plan, the tests, a user's unit tests). */
export function underRealEngine(): boolean {
    return !(getMonitor() instanceof MockMonitor);
}
