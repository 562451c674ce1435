import { IpsecMode } from "./enums";
import { kernelDropIn, swanctl, userspaceCharonConf } from "./strongswanConf";
import { RenderedValueCheck } from "./renderedValues";
import { RenderedFile, userspacePorts, VpnServerConfigInputs, vpnServerFileMode } from "./vpnServerInputs";
import {
    kernelSetup,
    loadTunnelScript,
    SETUP_UNIT,
    setupUnitFile,
    strongswanDropIn,
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
 * start, stop and status; start converges. Contains the pre-shared keys: a secret. Every value is
 * parsed again first (vpnServerInputProblems): an error names each one that is not what it must be.
 */
export function renderVpnServerConfig(i: VpnServerConfigInputs): RenderedFile[] {
    const p: VpnServerPaths = { configDir: i.configDir ?? "/etc/eks-hybrid-vpn", runDir: i.runDir ?? "/run/eks-hybrid-vpn" };
    const check = vpnServerInputProblems(i, p);
    check.throwIfAny(`the VPN server files of site ${JSON.stringify(i.site)} cannot be written`);
    const updown = `${p.configDir}/updown.sh`;
    const file = (path: string, content: string): RenderedFile => ({ path, content, mode: vpnServerFileMode(path) });
    const files: RenderedFile[] = [file("updown.sh", updownScript(i, p)), file(SETUP_UNIT, setupUnitFile(i, p))];
    if (i.mode === IpsecMode.Kernel) {
        files.push(
            file("swanctl.conf", swanctl(i, [1, 2], updown)),
            file("strongswan.d/eks-hybrid.conf", kernelDropIn()),
            file("strongswan.service.d/eks-hybrid.conf", strongswanDropIn(i, p)),
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

/** What is wrong with the values a VPN server's files are made of (they run as root). */
export function vpnServerInputProblems(i: VpnServerConfigInputs, p: VpnServerPaths): RenderedValueCheck {
    const check = new RenderedValueCheck();
    check.site("the site", i.site);
    check.ipv4("vpnServer.publicIp", i.localId);
    if (i.localAddress !== undefined) check.ipv4("vpnServer.localAddress", i.localAddress);
    check.cidrs("the hub's vpcCidrs", i.vpcCidrs);
    check.cidrs("the other sites' networks", i.otherSiteCidrs ?? []);
    check.cidrs("nodeCidr", i.nodeCidr);
    if (i.podCidr !== undefined) check.cidrs("podCidr", i.podCidr);
    if (i.loadBalancerCidr !== undefined) check.cidrs("loadBalancerCidr", i.loadBalancerCidr);
    check.cidrs("vpnServer.firewall.extraSiteCidrs", i.firewall?.extraSiteCidrs ?? []);
    if (i.podRouter !== undefined) check.ipv4("bgp.routerAddress", i.podRouter);
    if (i.uplink !== undefined) check.interfaceName("the uplink", i.uplink);
    check.path("the config dir", p.configDir);
    check.path("the run dir", p.runDir);
    for (const [k, t] of i.tunnels.entries()) {
        const n = k + 1;
        check.ipv4(`the VPN connection's tunnel${n}Address`, t.outsideAddress, true);
        check.ipv4(`the VPN connection's tunnel${n}CgwInsideAddress`, t.cgwInsideAddress, true);
        check.ipv4(`the VPN connection's tunnel${n}VgwInsideAddress`, t.vgwInsideAddress, true);
        check.presharedKey(`the VPN connection's tunnel${n}PresharedKey`, t.presharedKey);
    }
    return check;
}
