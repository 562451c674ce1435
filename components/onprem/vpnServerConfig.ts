import { IpsecMode } from "./enums";
import { kernelDropIn, swanctl, userspaceCharonConf } from "./strongswanConf";
import { RenderedFile, userspacePorts, VpnServerConfigInputs, vpnServerFileMode } from "./vpnServerInputs";
import {
    kernelSetup,
    loadTunnelScript,
    superviseScript,
    tunnelScript,
    tunnelUnit,
    tunnelUnitFile,
    updownScript,
    userspaceSetup,
    VpnServerPaths,
} from "./vpnServerScripts";

/**
 * The VPN server's files for both tunnels of a site. Kernel mode: swanctl.conf for strongSwan's
 * charon, its settings drop-in, updown.sh and setup.sh (XFRM interfaces, sysctls, MSS clamp,
 * routes). Userspace mode: per tunnel a swanctl.conf and strongswan.conf for its own charon, the
 * scripts that run, load and supervise it and its systemd unit, and setup.sh. setup.sh takes
 * start, stop and status; start converges. Contains the pre-shared keys: a secret.
 */
export function renderVpnServerConfig(i: VpnServerConfigInputs): RenderedFile[] {
    const p: VpnServerPaths = { configDir: i.configDir ?? "/etc/eks-hybrid-vpn", runDir: i.runDir ?? "/run/eks-hybrid-vpn" };
    const updown = `${p.configDir}/updown.sh`;
    const file = (path: string, content: string): RenderedFile => ({ path, content, mode: vpnServerFileMode(path) });
    const files: RenderedFile[] = [file("updown.sh", updownScript(i, p))];
    if (i.mode === IpsecMode.Kernel) {
        files.push(
            file("swanctl.conf", swanctl(i, [1, 2], updown)),
            file("strongswan.d/eks-hybrid.conf", kernelDropIn()),
            file("setup.sh", kernelSetup(i, p)),
        );
        return files;
    }
    for (const n of [1, 2] as const) {
        const title = `charon-systemd for tunnel ${n} of site ${i.site} (userspace ESP)`;
        files.push(
            file(`tunnel${n}/swanctl.conf`, swanctl(i, [n], updown)),
            file(`tunnel${n}/strongswan.conf`, userspaceCharonConf(title, `${p.runDir}/tunnel${n}`, userspacePorts(n), 219 + n)),
            file(tunnelUnit(n), tunnelUnitFile(i, p, n)),
        );
    }
    files.push(
        file("tunnel.sh", tunnelScript(i, p)),
        file("load-tunnel.sh", loadTunnelScript(i, p)),
        file("supervise.sh", superviseScript(i, p)),
        file("setup.sh", userspaceSetup(i, p)),
    );
    return files;
}
