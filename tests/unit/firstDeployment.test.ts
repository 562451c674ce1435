import { strict as assert } from "assert";
import * as path from "path";
import { hubNextSteps, hubStageProblem } from "../../cli/pipeline/deploymentStages";
import { planFolder, StackRun } from "../../cli/plan/planFolder";
import { loadStackFolder, StackFile } from "../../cli/stacks/stackFolder";
import { validateFolder } from "../../cli/stacks/validateFolder";
import { Problems } from "../../components/config/problems";
import { cidr, contains } from "../../components/network/cidr";
import { FIRST_DEPLOYMENT_STACKS, FIXTURE_STACKS } from "../support/fixtures";

// A model of who reaches the cluster's API at each stage of a first deployment, as AWS documents
// it (docs/design.md, "First deployment"): a public endpoint answers only the addresses of its
// publicAccessCidrs; a private endpoint answers only inside the VPC or over a connected network
// whose address its security group admits on 443, and a site's network is connected only once
// its VPN exists (an earlier stage created it) and the site team has brought its VPN server up.

/** Where the deployer runs a stage from. */
interface Deployer {
    /** `internet` (a laptop, a hosted CI runner) or the name of the site on whose node network it runs. */
    from: string;
    address: string;
}

/** One stage of docs/real-account.md: the hub's config, where the pipeline runs, what a site team does after. */
interface Stage {
    title: string;
    hub: Record<string, unknown>;
    deployer: Deployer;
    /** Sites whose team applies the VPN server and router files after this stage (their VPN then carries traffic). */
    thenVpnUp?: string[];
}

const INTERNET: Deployer = { from: "internet", address: "203.0.113.7" };
const ON_MUNICH: Deployer = { from: "munich", address: "10.80.1.50" };

/** The stack files of the shipped example, the hub's settings changed. */
function stackFiles(hubChange: Record<string, unknown>): StackFile[] {
    const files = loadStackFolder(FIRST_DEPLOYMENT_STACKS, new Problems());
    return files.map((f) => {
        if (f.stack !== "hub") return f;
        const hub: Record<string, unknown> = { ...(f.config["eks-hybrid:hub"] as object) };
        for (const [key, value] of Object.entries(hubChange)) {
            if (value === undefined) delete hub[key];
            else hub[key] = value;
        }
        return { ...f, config: { ...f.config, "eks-hybrid:hub": hub } };
    });
}

/** What the engine would apply through the Kubernetes API: every Kubernetes object (providers are not objects). */
const kubernetesObjects = (run: StackRun) => run.cloud.registrations.filter((r) => r.type.startsWith("kubernetes:"));

/** Why the deployer cannot reach the API the hub's registered cluster serves, or undefined when it can. */
function unreachable(hub: StackRun, deployer: Deployer, vpnUp: ReadonlySet<string>): string | undefined {
    const cluster = hub.cloud.registrations.find((r) => r.type === "aws:eks/cluster:Cluster")!.inputs.vpcConfig;
    const address = cidr(`${deployer.address}/32`);
    if (deployer.from === "internet") {
        if (!cluster.endpointPublicAccess) return "the endpoint is private and the internet is not connected to the VPC";
        const admitted = (cluster.publicAccessCidrs as string[]).some((c) => contains(cidr(c), address));
        return admitted ? undefined : `${deployer.address} is outside publicAccessCidrs ${JSON.stringify(cluster.publicAccessCidrs)}`;
    }
    if (!cluster.endpointPrivateAccess) return "the endpoint is public only";
    if (!vpnUp.has(deployer.from)) return `site ${deployer.from}'s VPN does not carry traffic yet`;
    const https = hub.cloud.registrations
        .filter((r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" && r.name.startsWith("hybrid-prod-eks-"))
        .filter((r) => r.inputs.fromPort === 443)
        .map((r) => r.inputs.cidrIpv4 as string);
    return https.some((c) => contains(cidr(c), address)) ? undefined : `no security group rule admits ${deployer.address} on 443`;
}

/**
 * Runs the stages in order on the mock engine and returns every stage that applies a Kubernetes
 * object its deployer cannot reach; and the last stage's runs.
 */
async function walk(stages: Stage[]): Promise<{ violations: string[]; last: Map<string, StackRun> }> {
    const violations: string[] = [];
    const vpnUp = new Set<string>();
    const vpnExists = new Set<string>();
    let last = new Map<string, StackRun>();
    for (const stage of stages) {
        const files = stackFiles(stage.hub);
        assert.deepEqual(validateFolder(files).problems, [], stage.title);
        last = await planFolder(files);
        const objects = [...last.values()].flatMap((run) => kubernetesObjects(run).map((r) => `${run.file.stack}/${r.name}`));
        const why = unreachable(last.get("hub")!, stage.deployer, vpnUp);
        if (objects.length > 0 && why !== undefined) {
            violations.push(`${stage.title}: applies ${objects.length} Kubernetes objects (${objects[0]}, …) but ${why}`);
        }
        for (const [stack, run] of last) {
            if (run.cloud.registrations.some((r) => r.type === "aws:ec2/vpnConnection:VpnConnection"))
                vpnExists.add(stack.replace(/^site-/, ""));
        }
        for (const site of stage.thenVpnUp ?? []) {
            assert.ok(vpnExists.has(site), `${stage.title}: site ${site} has no VPN connection to bring up`);
            vpnUp.add(site);
        }
    }
    return { violations, last };
}

/** The end state every path reaches: Cilium installed and every site's pool applied, the endpoint private only. */
function assertComplete(runs: Map<string, StackRun>): void {
    const hub = runs.get("hub")!;
    assert.ok(
        kubernetesObjects(hub).some((r) => r.type === "kubernetes:helm.sh/v3:Release"),
        "Cilium's Helm release",
    );
    for (const site of ["site-berlin", "site-munich"]) {
        assert.ok(
            kubernetesObjects(runs.get(site)!).some((r) => r.type === "kubernetes:cilium.io/v2alpha1:CiliumPodIPPool"),
            site,
        );
    }
    const cluster = hub.cloud.registrations.find((r) => r.type === "aws:eks/cluster:Cluster")!.inputs.vpcConfig;
    assert.deepEqual([cluster.endpointPrivateAccess, cluster.endpointPublicAccess, cluster.publicAccessCidrs], [true, false, undefined]);
}

describe("a private cluster's first deployment, against who can reach the API at each stage", function () {
    this.timeout(120_000);

    it("the shipped example as it is: AWS resources only, nothing through the API nobody reaches yet", async () => {
        const { violations, last } = await walk([{ title: "hub and sites up", hub: {}, deployer: INTERNET }]);
        assert.deepEqual(violations, []);
        assert.deepEqual(
            [...last.values()].map((run) => [run.file.stack, kubernetesObjects(run).length]),
            [
                ["hub", 0],
                ["site-berlin", 0],
                ["site-munich", 0],
            ],
        );
    });

    it("an organisation that forbids any public endpoint: kubernetesObjects on from a site's network once its VPN is up", async () => {
        const { violations, last } = await walk([
            { title: "1. hub and sites, AWS only", hub: {}, deployer: INTERNET, thenVpnUp: ["munich"] },
            { title: "2. kubernetesObjects: true", hub: { kubernetesObjects: true }, deployer: ON_MUNICH },
            { title: "3. coredns once the nodes are Ready", hub: { kubernetesObjects: true, coredns: true }, deployer: ON_MUNICH },
        ]);
        assert.deepEqual(violations, []);
        assertComplete(last);
    });

    it("an organisation that allows a window: public for the deployer's address, closed from a site's network", async () => {
        const window = { kubernetesObjects: true, temporaryPublicAccessCidrs: ["203.0.113.7/32"] };
        const { violations, last } = await walk([
            { title: "1. hub and sites through the window", hub: window, deployer: INTERNET, thenVpnUp: ["munich"] },
            { title: "2. window closed", hub: { kubernetesObjects: true }, deployer: ON_MUNICH },
        ]);
        assert.deepEqual(violations, []);
        assertComplete(last);
    });

    it("catches the orders that cannot finish (the model can fail)", async () => {
        const objects = { kubernetesObjects: true };
        assert.deepEqual((await walk([{ title: "objects at once", hub: objects, deployer: INTERNET }])).violations, [
            "objects at once: applies 15 Kubernetes objects (hub/hybrid-prod-cilium-crd-ciliumpodippools, …) but the endpoint " +
                "is private and the internet is not connected to the VPC",
        ]);
        const early = await walk([
            { title: "1", hub: {}, deployer: INTERNET },
            { title: "2. before any VPN is up", hub: objects, deployer: ON_MUNICH },
        ]);
        assert.deepEqual(
            early.violations.map((v) => v.replace(/ \(.*?\)/, "")),
            ["2. before any VPN is up: applies 15 Kubernetes objects but site munich's VPN does not carry traffic yet"],
        );
        const elsewhere = await walk([
            {
                title: "window for another address",
                hub: { ...objects, temporaryPublicAccessCidrs: ["198.51.100.0/24"] },
                deployer: INTERNET,
            },
        ]);
        assert.match(elsewhere.violations[0], /but 203\.0\.113\.7 is outside publicAccessCidrs \["198\.51\.100\.0\/24"\]$/);
    });
});

describe("the pipeline's stages of a first deployment", () => {
    const hubFile = (dir: string, change: Record<string, unknown> = {}): StackFile => {
        const hub = loadStackFolder(dir, new Problems()).find((f) => f.stack === "hub")!;
        return { ...hub, config: { ...hub.config, "eks-hybrid:hub": { ...(hub.config["eks-hybrid:hub"] as object), ...change } } };
    };
    const where = (dir: string) => path.join(dir, "Pulumi.hub.yaml");

    it("refuses a first up of a private hub in a new VPC that would apply objects nobody reaches", () => {
        assert.equal(
            hubStageProblem(hubFile(FIXTURE_STACKS), FIXTURE_STACKS, undefined),
            `hub: a first deployment cannot finish: eks-hybrid:hub in ${where(FIXTURE_STACKS)} has a private endpoint in a VPC ` +
                "this run creates, and no machine can reach that API until a site's VPN is up, so Cilium could not be installed. " +
                "Set kubernetesObjects: false (the Kubernetes objects follow once a network path exists) or a bootstrap window " +
                "(temporaryPublicAccessCidrs: [<this machine's public address>/32]); see " +
                "docs/real-account.md#a-private-clusters-first-deployment",
        );
        // Deployed already, deferred, in a window, or in a VPC that exists: the up may go ahead.
        assert.equal(hubStageProblem(hubFile(FIXTURE_STACKS), FIXTURE_STACKS, { clusterName: { value: "hybrid-prod" } }), undefined);
        assert.equal(hubStageProblem(hubFile(FIRST_DEPLOYMENT_STACKS), FIRST_DEPLOYMENT_STACKS, undefined), undefined);
        const window = hubFile(FIXTURE_STACKS, { temporaryPublicAccessCidrs: ["203.0.113.7/32"] });
        assert.equal(hubStageProblem(window, FIXTURE_STACKS, undefined), undefined);
    });

    it("refuses changing podNetworking.mode on a deployed hub, either way; a hub from before the output is routed", () => {
        const gateway = hubFile(FIXTURE_STACKS, { podNetworking: { mode: "gateway" } });
        assert.equal(
            hubStageProblem(gateway, FIXTURE_STACKS, { podNetworkingMode: { value: "routed" } }),
            `hub: podNetworking.mode is gateway in ${where(FIXTURE_STACKS)}, but the deployed hub runs routed: changing it in ` +
                "place is not built (the running nodes' Cilium IPAM cannot change, and the gateway's routes and Pulumi's would " +
                "fight over the VPC's route tables); set podNetworking.mode: routed again",
        );
        assert.match(hubStageProblem(gateway, FIXTURE_STACKS, { clusterName: { value: "hybrid-prod" } })!, /deployed hub runs routed/);
        assert.match(
            hubStageProblem(hubFile(FIXTURE_STACKS), FIXTURE_STACKS, { podNetworkingMode: { value: "gateway" } })!,
            /podNetworking\.mode is routed in .*, but the deployed hub runs gateway/,
        );
        assert.equal(hubStageProblem(gateway, FIXTURE_STACKS, { podNetworkingMode: { value: "gateway" } }), undefined);
        const first = hubFile(FIXTURE_STACKS, { podNetworking: { mode: "gateway" }, kubernetesObjects: false });
        assert.equal(hubStageProblem(first, FIXTURE_STACKS, undefined), undefined, "a first deployment chooses freely");
    });

    it("refuses switching the Kubernetes objects off again, which would uninstall Cilium", () => {
        const deployed = { kubernetesObjects: { value: true } };
        assert.equal(
            hubStageProblem(hubFile(FIRST_DEPLOYMENT_STACKS), FIRST_DEPLOYMENT_STACKS, deployed),
            `hub: kubernetesObjects: false in ${where(FIRST_DEPLOYMENT_STACKS)}, but the deployed hub applied its Kubernetes ` +
                "objects: this up would uninstall Cilium and with it every hybrid node's networking; set kubernetesObjects: true again",
        );
        assert.equal(
            hubStageProblem(hubFile(FIRST_DEPLOYMENT_STACKS), FIRST_DEPLOYMENT_STACKS, { kubernetesObjects: { value: false } }),
            undefined,
        );
        // A hub deployed before the output existed applied its objects too.
        const older = { clusterName: { value: "hybrid-prod" } };
        assert.match(hubStageProblem(hubFile(FIRST_DEPLOYMENT_STACKS), FIRST_DEPLOYMENT_STACKS, older)!, /would uninstall Cilium/);
    });

    it("says after a window's stage how to close it, then the coredns step", () => {
        const steps = hubNextSteps(hubFile(FIXTURE_STACKS, { temporaryPublicAccessCidrs: ["203.0.113.7/32"] }), FIXTURE_STACKS);
        assert.deepEqual(steps, [
            "next for hub: the API is also public for 203.0.113.7/32 (bootstrap window). Once a site's VPN is up, from a machine " +
                "on that site's node network (or inside the VPC), remove temporaryPublicAccessCidrs from eks-hybrid:hub in " +
                `${where(FIXTURE_STACKS)} and run npm run pipeline -- up --hub-only (EKS closes the window in place); hybrid nodes ` +
                "join after that, unless the site's DNS already forwards the endpoint name to the hub's resolverInboundIps (with " +
                "the window open they resolve it to public addresses); see docs/real-account.md#a-private-clusters-first-deployment",
            "next for hub: coredns is not installed yet; the first npm run pipeline -- up that finds a node Ready (kubectl get " +
                `nodes) sets coredns: true under eks-hybrid:hub in ${where(FIXTURE_STACKS)} and installs it (commit the change), ` +
                "or set it yourself and run npm run pipeline -- up --hub-only",
        ]);
    });
});
