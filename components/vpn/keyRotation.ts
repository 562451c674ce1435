import * as pulumi from "@pulumi/pulumi";
import { engineTakesHooks } from "../config/engineHooks";

/**
 * The VPN connection properties whose change replaces the connection (ForceNew in the AWS
 * provider's `aws_vpn_connection` schema): a new connection has new outside addresses, so every
 * on-prem device must be set up again. Marked `replaceOnChanges` so a preview says so plainly.
 */
export const VPN_REPLACING_PROPERTIES = [
    "type",
    "staticRoutesOnly",
    "enableAcceleration",
    "tunnelInsideIpVersion",
    "tunnel1InsideCidr",
    "tunnel2InsideCidr",
    "tunnel1InsideIpv6Cidr",
    "tunnel2InsideIpv6Cidr",
];

/**
 * Why an update of a VPN connection must be refused, or undefined: both tunnels' pre-shared keys
 * changing at once leaves the site no tunnel while its VPN server still has the old keys.
 */
export function keyRotationProblem(
    name: string,
    before: Record<string, unknown> | undefined,
    after: Record<string, unknown> | undefined,
): string | undefined {
    if (!before || !after) return undefined;
    const changed = [1, 2].filter((n) => before[`tunnel${n}PresharedKey`] !== after[`tunnel${n}PresharedKey`]);
    if (changed.length < 2) return undefined;
    return (
        `VPN connection ${name}: both tunnels' pre-shared keys would change at once, leaving the site without a tunnel until ` +
        "its VPN server has the new keys. Raise one tunnel's tunnels.keyGenerations entry, deploy, install the new VPN server " +
        "files, then raise the other."
    );
}

/** The connection's beforeUpdate hooks: its key-rotation guard, where the engine takes hooks. */
export function keyRotationHooks(name: string): pulumi.ResourceHook[] {
    if (!engineTakesHooks()) return [];
    return [
        new pulumi.ResourceHook(
            `${name}-key-rotation-guard`,
            (args) => {
                const problem = keyRotationProblem(name, args.oldInputs, args.newInputs);
                if (problem) throw new Error(problem);
            },
            { onDryRun: true },
        ),
    ];
}
