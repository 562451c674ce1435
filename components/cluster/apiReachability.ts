import * as net from "net";
import * as pulumi from "@pulumi/pulumi";
import { underRealEngine } from "../config/engineHooks";
import { EndpointAccess } from "./enums";
import { kubeconfigServer } from "./kubeconfig";

/** Opens a TCP connection to host:port and closes it; rejects with an error whose `code` says why. */
export type Dial = (host: string, port: number, timeoutMs: number) => Promise<void>;

/** How many times, how long each, and how long between: a new endpoint's name can take a moment. */
export interface DialPolicy {
    attempts: number;
    timeoutMs: number;
    pauseMs: number;
}

const DEFAULT_POLICY: DialPolicy = { attempts: 3, timeoutMs: 10000, pauseMs: 5000 };

/**
 * How the components dial the API before anything is applied through it: TCP under the real
 * engine; nothing under Pulumi's mocks (the plan, the tests, a user's unit tests), where the
 * endpoint is a placeholder, unless a test sets `dial` (and `policy`) here.
 */
export const apiCheck: { dial?: Dial; policy?: DialPolicy } = {};

/** A real TCP connection, closed as soon as it opens. */
export const tcpDial: Dial = (host, port, timeoutMs) =>
    new Promise((resolve, reject) => {
        const socket = net.connect({ host, port });
        socket.setTimeout(timeoutMs, () => {
            socket.destroy();
            reject(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: "ETIMEDOUT" }));
        });
        socket.once("connect", () => {
            socket.destroy();
            resolve();
        });
        socket.once("error", reject);
    });

function reason(error: any, timeoutMs: number): string {
    switch (error?.code) {
        case "ENOTFOUND":
        case "EAI_AGAIN":
            return "its name does not resolve here";
        case "ETIMEDOUT":
            return `no answer within ${timeoutMs / 1000} s (no route to the VPC, or a security group that does not admit this network)`;
        case "ECONNREFUSED":
            return "the connection was refused";
        default:
            return error?.code ?? String(error?.message ?? error);
    }
}

/**
 * Why the API at `endpoint` (an https URL) cannot be reached from here, or undefined once a
 * connection opens; `attempts` tries with a pause between them.
 */
export async function apiUnreachableReason(endpoint: string, dial: Dial, policy: DialPolicy = DEFAULT_POLICY): Promise<string | undefined> {
    const url = new URL(endpoint);
    const port = Number(url.port || 443);
    let last: unknown;
    for (let attempt = 1; attempt <= policy.attempts; attempt++) {
        try {
            await dial(url.hostname, port, policy.timeoutMs);
            return undefined;
        } catch (e) {
            last = e;
            if (attempt < policy.attempts) await new Promise((r) => setTimeout(r, policy.pauseMs));
        }
    }
    return `${reason(last, policy.timeoutMs)} (${policy.attempts} ${policy.attempts === 1 ? "attempt" : "attempts"})`;
}

/**
 * `kubeconfig`, once the API server it names answers: a Kubernetes provider built from it applies
 * nothing until then, and an unreachable API fails the run with `advice` instead of Helm's or the
 * provider's timeout many minutes later. Secretness carries through.
 */
export function whenApiReachable(kubeconfig: pulumi.Input<string>, advice: string): pulumi.Output<string> {
    const dial = apiCheck.dial ?? (underRealEngine() ? tcpDial : undefined);
    if (!dial) return pulumi.output(kubeconfig);
    return pulumi.output(kubeconfig).apply(async (config) => {
        const url = kubeconfigServer(config);
        if (!url) throw new pulumi.RunError(`The kubeconfig names no API server (clusters[].cluster.server). ${advice}`);
        const problem = await apiUnreachableReason(url, dial, apiCheck.policy);
        if (problem) throw new pulumi.RunError(`The Kubernetes API at ${url} is not reachable from this machine: ${problem}. ${advice}`);
        return config;
    });
}

/** What to do when the hub cannot reach its own cluster's API. */
export function apiAccessAdvice(access: EndpointAccess, publicWindow = false): string {
    if (access === EndpointAccess.Public)
        return "With endpointAccess: public, this machine's public address must be inside publicAccessCidrs.";
    const path =
        "With endpointAccess: private, run pulumi up where the VPC is reachable (a runner inside it, or on a network " +
        "connected over VPN or Direct Connect) and list that network in apiAccessCidrs (default: the VPC's CIDR).";
    return publicWindow
        ? `The bootstrap window admits only temporaryPublicAccessCidrs: this machine's public address must be inside them. ${path}`
        : `${path} Before any such network exists (a first deployment), set kubernetesObjects: false or a bootstrap window ` +
              "(temporaryPublicAccessCidrs: [<your address>/32]); docs/real-account.md has the order.";
}

/** What to do when a site stack cannot reach the hub's API (it applies its Cilium objects through it). */
export const SITE_API_ADVICE =
    "A site stack applies its Cilium objects through the hub's API: run pulumi up where that API is reachable " +
    "(with a private endpoint: inside the VPC, on a connected network listed in the hub's apiAccessCidrs, or from an " +
    "address of the hub's temporaryPublicAccessCidrs while that window is open).";
