import { strict as assert } from "assert";
import { siteTeamFiles } from "../../cli/files/siteTeamFiles";
import { planReadme } from "../../cli/plan/planReadme";
import { StackKind } from "../../program/stackConfig";

/** The README of a site team's folder, from outputs as a deployed site stack holds them. */
const readme = (outputs: Record<string, unknown>, secret: string[] = []) =>
    siteTeamFiles(
        "site-munich",
        {
            nodeLabel: "eks-hybrid/site=munich",
            nodeKubernetesVersion: "1.34",
            podNetworkingMode: "routed",
            kubernetesObjects: true,
            podPoolName: "munich",
            tunnel1Address: "198.18.0.1",
            tunnel2Address: "198.18.0.2",
            vpnServerConfig: { "setup.sh": "#!/bin/sh\n", "strongswan.service.d/eks-hybrid.conf": "" },
            routerConfig: "! frr\n",
            nodeConfig: "kind: NodeConfig\n",
            ...outputs,
        },
        secret,
    ).find((f) => f.path === "README.md")!.text;

/** The lines of `text` from the heading `from` up to the next heading of its level. */
function section(text: string, from: string): string {
    const start = text.indexOf(`\n${from}\n`);
    assert.ok(start >= 0, `no ${from} in:\n${text}`);
    const end = text.indexOf("\n### ", start + from.length + 2);
    return text.slice(start + 1, end < 0 ? undefined : end);
}

describe("the site team's README: every step in order, with its commands", () => {
    it("an IAM Roles Anywhere site: nodeadm's install, each node's certificate and key where nodeadm reads them, its NodeConfig", () => {
        const text = readme({
            nodeCredentials: "iam-ra",
            hostNodeConfigs: { "munich-1": "nodeName: munich-1\n", "munich-2": "nodeName: munich-2\n" },
        });
        assert.equal(
            section(text, "### 4. The nodes"),
            [
                "### 4. The nodes",
                "",
                "On each node (root), with `https://hybrid-assets.eks.amazonaws.com/releases/latest/bin/linux/arm64/nodeadm` on Arm:",
                "",
                "```sh",
                "sudo curl -fL -o /usr/local/bin/nodeadm 'https://hybrid-assets.eks.amazonaws.com/releases/latest/bin/linux/amd64/nodeadm'",
                "sudo chmod 0755 /usr/local/bin/nodeadm",
                "sudo nodeadm install 1.34 --credential-provider iam-ra",
                "```",
                "",
                "IAM Roles Anywhere: each node authenticates with its own certificate, whose CN is the node's name (its `nodeName`). " +
                    "Put the node's certificate at `/etc/iam/pki/server.pem` and its private key at `/etc/iam/pki/server.key` (0600), " +
                    "then its own NodeConfig:",
                "",
                "| node | NodeConfig |",
                "|---|---|",
                "| munich-1 | `nodeadm/nodeconfig-munich-1.yaml` (nodeName munich-1) |",
                "| munich-2 | `nodeadm/nodeconfig-munich-2.yaml` (nodeName munich-2) |",
                "",
                "```sh",
                "sudo install -d -m 0700 /etc/iam/pki",
                "sudo install -m 0644 <node>.pem /etc/iam/pki/server.pem",
                "sudo install -m 0600 <node>.key /etc/iam/pki/server.key",
                "sudo install -D -m 0600 nodeadm/nodeconfig-<node>.yaml /etc/eks-hybrid/nodeConfig.yaml",
                "sudo nodeadm init -c file:///etc/eks-hybrid/nodeConfig.yaml",
                "```",
                "",
                "A host not listed in the site's `nodes.hosts` has no NodeConfig: the platform team adds it to the stack file first.",
                "",
            ].join("\n"),
        );
        assert.ok(
            text.includes(
                "\n| `nodeadm/nodeconfig-munich-2.yaml` | `/etc/eks-hybrid/nodeConfig.yaml` on the node munich-2 (its nodeName) |\n",
            ),
        );
    });

    it("opens the firewall, installs the packages and starts the VPN server with its uplink, then the router", () => {
        const text = readme({ nodeCredentials: "ssm" });
        assert.equal(
            section(text, "### 1. Before you start"),
            [
                "### 1. Before you start",
                "",
                "- **The firewall in front of the VPN server** lets in, from AWS's two tunnel addresses `198.18.0.1` and `198.18.0.2`, " +
                    "UDP 500 (IKE) and UDP 4500 (NAT traversal), and ESP (IP protocol 50), and lets the VPN server answer them.",
                "- **The VPN server** (Debian or Ubuntu) has the packages its files run on:",
                "```sh",
                "sudo apt-get install charon-systemd strongswan-swanctl libcharon-extra-plugins libstrongswan-standard-plugins nftables " +
                    "iproute2",
                "```",
                "- **The router** runs FRR (`sudo apt-get install frr`), or takes the same settings in its own syntax.",
                "",
            ].join("\n"),
        );
        assert.equal(
            section(text, "### 2. The VPN server"),
            [
                "### 2. The VPN server",
                "",
                "```sh",
                "sudo install -d -m 0700 /etc/eks-hybrid-vpn",
                "sudo cp -r --preserve=mode vpn-server/. /etc/eks-hybrid-vpn/",
                "sudo chown -R root:root /etc/eks-hybrid-vpn && sudo chmod 0700 /etc/eks-hybrid-vpn",
                "sudo systemctl start strongswan",
                "# UPLINK: the interface toward the internet (default eth0); setup.sh keeps it for every boot",
                "sudo UPLINK=eth0 /etc/eks-hybrid-vpn/setup.sh start",
                "```",
                "",
                "`setup.sh start` installs the firewall table `inet eks_hybrid_vpn`, the routes that keep the VPC off the uplink " +
                    "while the tunnels are down, and a boot unit, then starts both tunnels (docs/site-runbook.md, step 4.1).",
                "",
            ].join("\n"),
        );
        // Userspace mode: the distribution's charon off, and tunnel 2's own ports through the firewall.
        const userspace = readme({ nodeCredentials: "ssm", vpnServerConfig: { "setup.sh": "" } });
        assert.match(
            section(userspace, "### 2. The VPN server"),
            /\nsudo systemctl disable --now strongswan\nsudo \/etc\/eks-hybrid-vpn\/setup\.sh start\n/,
        );
        assert.match(section(userspace, "### 1. Before you start"), /UDP 4500 \(NAT traversal\), and toward tunnel 2 UDP 10500 and 14500 /);
        assert.match(section(text, "### 3. The router"), /\nsudo install -m 0640 -o frr -g frr router\/frr\.conf \/etc\/frr\/frr\.conf\n/);
        // A router file with the BGP password is installed readable by FRR alone.
        assert.match(section(readme({}, ["routerConfig"]), "### 3. The router"), /\nsudo install -m 0600 -o frr -g frr router\/frr\.conf /);
        assert.match(section(text, "### 4. The nodes"), /\nsudo nodeadm install 1\.34 --credential-provider ssm\n/);
    });

    it("ends with the checks of the tunnels, BGP, Cilium, the nodes and a pod on the site", () => {
        const checks = section(readme({ nodeCredentials: "ssm" }), "### 5. Check that the site works")
            .split("\n")
            .filter((l) => l.startsWith("  `"));
        assert.deepEqual(checks, [
            "  `sudo swanctl --list-sas`",
            '  `sudo vtysh -c "show bgp summary"`',
            '  `sudo vtysh -c "show ip route bgp"`',
            "  `sudo nodeadm debug -c file:///etc/eks-hybrid/nodeConfig.yaml`",
            "  `npm run status -- --live`",
            "  `cilium bgp peers`",
            "  `kubectl get nodes -l eks-hybrid/site=munich -L topology.kubernetes.io/zone`",
            "  `kubectl run munich-check --rm -it --restart=Never --image=<an image the nodes can pull, such as busybox> " +
                `--overrides='{"spec":{"nodeSelector":{"eks-hybrid/site":"munich"}}}' -- sh -c 'nslookup ` +
                "kubernetes.default.svc.cluster.local && nc -z -w 5 kubernetes.default.svc.cluster.local 443'`",
        ]);
    });

    it("without a router file, says in words what the site's routers need", () => {
        const text = readme({ nodeCredentials: "ssm", routerConfig: "" });
        assert.equal(
            section(text, "### The router"),
            "### The router\n\nNo router file: this site peers with no router over BGP. Route the VPC's CIDRs and the other sites' " +
                "networks to the VPN server, and the site's pod CIDR to the nodes, so the nodes reach the cluster.\n",
        );
        assert.match(text, /\n### 3\. The nodes\n/);
        assert.match(text, /\n### 4\. Check that the site works\n/);
    });
});

describe("out/README.md of a plan", () => {
    it("lists what the plan wrote and what each audience does next", () => {
        const text = planReadme(
            [
                { stack: "hub", kind: StackKind.Hub },
                { stack: "site-berlin", kind: StackKind.Site },
            ],
            undefined,
        );
        assert.equal(
            text,
            [
                "# The offline plan",
                "",
                "Written by `npm run plan`: what `pulumi up` would register for each stack, run on Pulumi's mock engine without AWS. " +
                    "Values only AWS knows (ids, addresses, keys, activation codes) are placeholders, `<name.attribute>`.",
                "",
                "| what | where |",
                "|---|---|",
                "| hub `hub`: its resources, outputs, Cilium values and the fleet's topology | `hub/` |",
                "| site `site-berlin`: its resources and outputs, and the site team's files for review | `site-berlin/` |",
                "| what the fleet costs a month, by line | `cost.md`, `cost.json` |",
                "",
                "## Next",
                "",
                "- **The platform team** reviews each stack's `resources.json` (every resource with its inputs and options) and " +
                    "`cost.md`, then deploys: `npm run pipeline -- up` (docs/real-account.md).",
                "- **Each site's network engineer** reads `site-berlin/README.md` to see the steps and files coming; the files to " +
                    "apply come after `pulumi up`, from `npm run artefacts -- --stack site-berlin`, with the real keys and codes. " +
                    "Nothing in a plan's site folder is meant to be installed.",
                "",
            ].join("\n"),
        );
        assert.match(planReadme([{ stack: "hub", kind: StackKind.Hub }], "hub"), /\nA plan of `hub` alone: the other stacks' folders /);
    });
});
