// The README of a site's folder (out/<site>/): what each file is, then every step in order with
// its exact commands, then how the site team and the platform team check that the site works.
import { NODE_CONFIG_PATH } from "../../components/onprem/nodeConfig";
import { userspacePorts } from "../../components/onprem/vpnServerInputs";
import { SiteOutputValues } from "../../components/site/siteOutputs";
import { siteReadmeTitle } from "./outputFiles";

/** Where nodeadm looks for a node's IAM Roles Anywhere certificate and key (aws/eks-hybrid, internal/node/hybrid/defaults.go). */
export const IAM_RA_CERTIFICATE_PATH = "/etc/iam/pki/server.pem";
/** See {@link IAM_RA_CERTIFICATE_PATH}. */
export const IAM_RA_KEY_PATH = "/etc/iam/pki/server.key";
/** Where the hybrid nodes' nodeadm is downloaded from (EKS user guide, hybrid-nodes-nodeadm). */
const NODEADM_URL = "https://hybrid-assets.eks.amazonaws.com/releases/latest/bin/linux/amd64/nodeadm";
/** Where the README installs nodeadm: on root's PATH, and apart from the folder's own `nodeadm/`. */
const NODEADM = "/usr/local/bin/nodeadm";
/** The Debian and Ubuntu packages the VPN server's files run on. */
export const VPN_SERVER_PACKAGES =
    "charon-systemd strongswan-swanctl libcharon-extra-plugins libstrongswan-standard-plugins nftables iproute2";

/** What the README is written from: the stack's outputs and which files were written. */
export interface SiteReadmeInputs {
    readonly stack: string;
    readonly outputs: Partial<SiteOutputValues>;
    readonly planned: boolean;
    readonly hosts: readonly string[];
    readonly vpnServerFiles: readonly string[];
    readonly router: boolean;
    readonly routerSecret: boolean;
}

const fence = (...lines: string[]) => ["```sh", ...lines, "```"];

/** The site README: files, steps in order with their commands, and the verification checklist. */
export function siteReadme(i: SiteReadmeInputs): string {
    const o = i.outputs;
    const site = typeof o.nodeLabel === "string" ? o.nodeLabel.split("=").pop()! : i.stack;
    const iamRa = o.nodeCredentials === "iam-ra";
    const kernelMode = i.vpnServerFiles.includes("strongswan.service.d/eks-hybrid.conf");
    const gateway = o.podNetworkingMode === "gateway";
    const objectsApplied = o.kubernetesObjects ?? o.podPoolName !== "";
    const tunnels = [o.tunnel1Address, o.tunnel2Address].filter((a): a is string => typeof a === "string");
    const version = typeof o.nodeKubernetesVersion === "string" ? o.nodeKubernetesVersion : "<kubernetes version>";
    return [
        siteReadmeTitle(i.stack, i.planned),
        "",
        "Written by eks-hybrid-sites with the modes they need: files with keys or activation codes 0600, scripts 0700.",
        "Keep them that way when you copy them (the commands below do), and hand the folder over a channel fit for the keys it holds.",
        "",
        `Pod networking: ${
            gateway
                ? "AWS's Hybrid Nodes gateway. Only the node CIDR crosses the VPN; nothing on-prem routes pods, and UDP 8472 (VXLAN) " +
                  "must pass between the VPC and the node CIDR."
                : "routed. The site's node and pod CIDRs cross the VPN; the router learns the pod slices from the nodes over BGP."
        } (docs/site-runbook.md, "What the network team routes").`,
        "",
        ...(!objectsApplied
            ? [
                  "**Not the nodes yet.** The cluster's Kubernetes objects (Cilium, this site's pod pool) are not applied yet: a " +
                      "private cluster's first deployment. Set up the VPN server and the router now; run `nodeadm init` only once " +
                      'the platform team says they are applied (docs/real-account.md, "A private cluster\'s first deployment").',
                  "",
              ]
            : []),
        "## The files",
        "",
        "| file | goes to |",
        "|---|---|",
        ...(i.vpnServerFiles.length > 0 ? ["| `vpn-server/` | `/etc/eks-hybrid-vpn/` on the VPN server |"] : []),
        ...(i.router ? ["| `router/frr.conf` | `/etc/frr/frr.conf` on the site router |"] : []),
        ...i.hosts.map((h) => `| \`nodeadm/nodeconfig-${h}.yaml\` | \`${NODE_CONFIG_PATH}\` on the node ${h} (its nodeName) |`),
        ...(typeof o.nodeConfig === "string"
            ? [
                  `| \`nodeadm/nodeconfig.yaml\` | \`${NODE_CONFIG_PATH}\` on every node` +
                      (i.hosts.length > 0 ? ": a template without nodeName, for a host not listed yet" : "") +
                      " |",
              ]
            : []),
        ...(typeof o.upgradeRunbook === "string"
            ? ["| `UPGRADE.md` | the people who upgrade the site's nodes, for the next version |"]
            : []),
        "",
        "## Steps, in order",
        "",
        "Each step on the host it names, from a copy of this folder there (the commands use its relative paths).",
        "",
        "### 1. Before you start",
        "",
        `- **The firewall in front of the VPN server** lets in, from AWS's two tunnel addresses ${
            tunnels.length > 0 ? tunnels.map((t) => `\`${t}\``).join(" and ") : "(`tunnel1Address`, `tunnel2Address`)"
        }, UDP 500 (IKE) and UDP 4500 (NAT traversal)${
            kernelMode
                ? ", and ESP (IP protocol 50)"
                : `, and toward tunnel 2 UDP ${userspacePorts(2).port} and ${userspacePorts(2).natt} (its charon's own ports)`
        }, and lets the VPN server answer them.`,
        "- **The VPN server** (Debian or Ubuntu) has the packages its files run on:",
        ...fence(`sudo apt-get install ${VPN_SERVER_PACKAGES}`),
        ...(i.router ? ["- **The router** runs FRR (`sudo apt-get install frr`), or takes the same settings in its own syntax."] : []),
        "",
        "### 2. The VPN server",
        "",
        ...fence(
            // Copied as root's, modes kept: a copy owned by whoever unpacked it would let them change what root runs at boot.
            "sudo install -d -m 0700 /etc/eks-hybrid-vpn",
            "sudo cp -r --preserve=mode vpn-server/. /etc/eks-hybrid-vpn/",
            "sudo chown -R root:root /etc/eks-hybrid-vpn && sudo chmod 0700 /etc/eks-hybrid-vpn",
            ...(kernelMode
                ? [
                      "sudo systemctl start strongswan",
                      "# UPLINK: the interface toward the internet (default eth0); setup.sh keeps it for every boot",
                      "sudo UPLINK=eth0 /etc/eks-hybrid-vpn/setup.sh start",
                  ]
                : [
                      "# Each tunnel has its own charon: the distribution's strongswan.service would take tunnel 1's ports",
                      "sudo systemctl disable --now strongswan",
                      "sudo /etc/eks-hybrid-vpn/setup.sh start",
                  ]),
        ),
        "",
        "`setup.sh start` installs the firewall table `inet eks_hybrid_vpn`, the routes that keep the VPC off the uplink while " +
            "the tunnels are down, and a boot unit, then starts both tunnels (docs/site-runbook.md, step 4.1).",
        "",
        ...(i.router ? routerStep(i) : noRouterStep(gateway)),
        `### ${i.router ? 4 : 3}. The nodes`,
        "",
        `On each node (root), with \`${NODEADM_URL.replace("amd64", "arm64")}\` on Arm:`,
        "",
        ...fence(
            `sudo curl -fL -o ${NODEADM} '${NODEADM_URL}'`,
            `sudo chmod 0755 ${NODEADM}`,
            `sudo nodeadm install ${version} --credential-provider ${iamRa ? "iam-ra" : "ssm"}`,
        ),
        "",
        ...(iamRa ? iamRaNodes(i) : ssmNodes(i)),
        "",
        ...verification(i, site, gateway, tunnels),
        ...activationNote(o),
    ].join("\n");
}

function routerStep(i: SiteReadmeInputs): string[] {
    return [
        "### 3. The router",
        "",
        ...fence(
            `sudo install -m ${i.routerSecret ? "0600" : "0640"} -o frr -g frr router/frr.conf /etc/frr/frr.conf`,
            "sudo sed -i 's/^bgpd=no/bgpd=yes/' /etc/frr/daemons",
            "sudo systemctl restart frr",
        ),
        "",
        "Read frr.conf's comments first: they say which routes to the VPC and the other sites the router needs, and toward which " +
            "next hop.",
        "",
    ];
}

function noRouterStep(gateway: boolean): string[] {
    return [
        "### The router",
        "",
        "No router file: this site peers with no router over BGP. Route the VPC's CIDRs and the other sites' networks to the VPN " +
            `server, and${gateway ? "" : " the site's pod CIDR to the nodes,"} so the nodes reach the cluster.`,
        "",
    ];
}

function iamRaNodes(i: SiteReadmeInputs): string[] {
    return [
        "IAM Roles Anywhere: each node authenticates with its own certificate, whose CN is the node's name (its `nodeName`). " +
            `Put the node's certificate at \`${IAM_RA_CERTIFICATE_PATH}\` and its private key at \`${IAM_RA_KEY_PATH}\` (0600), ` +
            "then its own NodeConfig:",
        "",
        "| node | NodeConfig |",
        "|---|---|",
        ...i.hosts.map((h) => `| ${h} | \`nodeadm/nodeconfig-${h}.yaml\` (nodeName ${h}) |`),
        "",
        ...fence(
            `sudo install -d -m 0700 /etc/iam/pki`,
            `sudo install -m 0644 <node>.pem ${IAM_RA_CERTIFICATE_PATH}`,
            `sudo install -m 0600 <node>.key ${IAM_RA_KEY_PATH}`,
            `sudo install -D -m 0600 nodeadm/nodeconfig-<node>.yaml ${NODE_CONFIG_PATH}`,
            `sudo nodeadm init -c file://${NODE_CONFIG_PATH}`,
        ),
        "",
        "A host not listed in the site's `nodes.hosts` has no NodeConfig: the platform team adds it to the stack file first.",
    ];
}

function ssmNodes(i: SiteReadmeInputs): string[] {
    const file = i.hosts.length > 0 ? "nodeadm/nodeconfig-<node>.yaml" : "nodeadm/nodeconfig.yaml";
    return [
        "SSM: the NodeConfig holds the site's activation code (0600).",
        "",
        ...fence(`sudo install -D -m 0600 ${file} ${NODE_CONFIG_PATH}`, `sudo nodeadm init -c file://${NODE_CONFIG_PATH}`),
    ];
}

function verification(i: SiteReadmeInputs, site: string, gateway: boolean, tunnels: string[]): string[] {
    const check = (what: string, ...commands: string[]) => [`- [ ] ${what}`, ...commands.map((c) => `  \`${c}\``)];
    return [
        `### ${i.router ? 5 : 4}. Check that the site works`,
        "",
        "On the site's hosts:",
        "",
        ...check(
            "Both tunnels are up: two IKE SAs ESTABLISHED, each with an INSTALLED child SA" +
                (tunnels.length > 0 ? ` (to ${tunnels.join(", ")}).` : "."),
            "sudo swanctl --list-sas",
        ),
        ...(i.router && !gateway
            ? [
                  ...check("BGP is established with every node.", 'sudo vtysh -c "show bgp summary"'),
                  ...check("The router learned one slice of the pod CIDR per node.", 'sudo vtysh -c "show ip route bgp"'),
              ]
            : []),
        ...check(
            "A node reaches the cluster and its credentials (nodeadm's own check).",
            `sudo nodeadm debug -c file://${NODE_CONFIG_PATH}`,
        ),
        "",
        "By the platform team (a kubeconfig of the cluster, docs/real-account.md):",
        "",
        ...check("Both tunnels UP as AWS sees them.", "npm run status -- --live"),
        ...(i.router && !gateway ? check("Cilium's side of the peering: established from every node.", "cilium bgp peers") : []),
        ...check(
            `The nodes are Ready, in the site's zone ${site}.`,
            `kubectl get nodes -l eks-hybrid/site=${site} -L topology.kubernetes.io/zone`,
        ),
        ...check(
            "A pod on the site resolves names and reaches the VPC (the API's service address is there).",
            `kubectl run ${site}-check --rm -it --restart=Never --image=<an image the nodes can pull, such as busybox> ` +
                `--overrides='{"spec":{"nodeSelector":{"eks-hybrid/site":"${site}"}}}' -- ` +
                "sh -c 'nslookup kubernetes.default.svc.cluster.local && nc -z -w 5 kubernetes.default.svc.cluster.local 443'",
        ),
        "",
    ];
}

function activationNote(o: Partial<SiteOutputValues>): string[] {
    if (typeof o.activationExpiry !== "string" || o.activationExpiry === "") return [];
    const left =
        typeof o.activationRegistrationsLeft === "number" && o.activationRegistrationsLeft >= 0
            ? ` and has ${o.activationRegistrationsLeft} registrations left`
            : "";
    return [
        `The SSM activation in the NodeConfigs expires ${o.activationExpiry}${left}: run \`nodeadm init\` on new nodes before then. ` +
            "Nodes already registered are not affected by its expiry; the pipeline renews it before then and the platform team " +
            "hands out new NodeConfigs for later nodes.",
        "",
    ];
}
