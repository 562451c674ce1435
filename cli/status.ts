// `npm run status [-- --stacks DIR] [--live] [--warn-days N]`: one table of the fleet from the
// deployed site stacks' outputs (Automation API), with live tunnel states from EC2 with --live;
// exit 1 when something needs attention, so a scheduled pipeline can alert.
import { AutomationWorkspace } from "./pipeline/automationWorkspace";
import { StackStatusReader } from "./pipeline/stackOutputs";
import { fleetStatus } from "./status/fleetStatus";
import { ec2TunnelStates, TunnelStateReader } from "./status/tunnelStates";
import { checkCommandLine, CommandLine, flag, exitWith } from "./commandLine";
import { textTable } from "./textTable";
import { validateStacksDir } from "./validate";

const USAGE = "usage: npm run status [-- --stacks DIR] [--live] [--warn-days N]";
const STATUS: CommandLine = {
    usage: USAGE,
    description:
        "A table of every deployed site of DIR (default stacks/): tunnels, SSM activation expiry and registrations left, pod " +
        "CIDR, last update; --live adds each tunnel's state from EC2 (AWS credentials). Exits 1 when something needs attention.",
    valueFlags: ["stacks", "warn-days"],
    switches: ["live"],
};

/** Prints the fleet's status and returns 0, or 1 when something needs attention (or the command line is wrong). */
export async function statusCommand(
    argv: string[],
    readerFor: (stacksDir: string) => StackStatusReader,
    print: (line: string) => void,
    now = new Date(),
    tunnels: TunnelStateReader = ec2TunnelStates(),
): Promise<number> {
    const early = checkCommandLine(argv, STATUS, print);
    if (early !== undefined) return early;
    const stacksDir = flag(argv, "stacks", "stacks")!;
    const warnText = flag(argv, "warn-days", "7")!;
    const warnDays = Number(warnText);
    if (!Number.isInteger(warnDays) || warnDays < 0) {
        print(`--warn-days ${warnText}: expected a whole number of days; ${USAGE}`);
        return 1;
    }
    const { files, report } = validateStacksDir(stacksDir, print);
    if (report.problems.length > 0) return 1;
    const reader = readerFor(stacksDir);
    let rows;
    try {
        await reader.ready();
        rows = await fleetStatus(files, reader, now, warnDays, argv.includes("--live") ? tunnels : undefined);
    } catch (e) {
        print((e as Error).message.split("\n")[0]);
        return 1;
    }
    if (rows.length === 0) {
        print(`no site stacks in ${stacksDir}`);
        return 0;
    }
    const table = textTable([
        ["site", "stack", "tunnel 1", "tunnel 2", "activation expires", "registrations left", "pod CIDR", "last update"],
        ...rows.map((r) => [r.site, r.stack, r.tunnel1, r.tunnel2, r.activation, r.registrationsLeft, r.podCidr, r.lastUpdate]),
    ]);
    for (const line of table) print(line);
    const attention = rows.flatMap((r) => r.attention.map((a) => `attention: ${r.stack}: ${a}`));
    for (const line of attention) print(line);
    print(
        attention.length > 0 ? `${attention.length} ${attention.length === 1 ? "thing needs" : "things need"} attention` : "all sites fine",
    );
    return attention.length > 0 ? 1 : 0;
}

if (require.main === module) {
    exitWith(
        statusCommand(
            process.argv.slice(2),
            (stacksDir) => new AutomationWorkspace(stacksDir),
            (line) => console.log(line),
        ),
    );
}
