import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { Problems } from "../../components/config/problems";
import { Hub } from "../../components/hub/hub";
import { HubArgs } from "../../components/hub/hubArgs";
import { checkHub } from "../../components/hub/validateHub";
import { loadBalancerControllerPolicy } from "../../components/loadBalancing/loadBalancerControllerChart";
import { validHub } from "../support/fixtures";
import { MockCloud } from "../support/mockCloud";

const REF_POLICY = path.join(__dirname, "../../ref/aws-load-balancer-controller-3.5.0/iam_policy.json");

function withController(change: (h: any) => void = () => {}): any {
    const hub = validHub();
    hub.cloudNodeGroup = { instanceTypes: ["m7i.large"] };
    hub.kubernetesObjects = true;
    hub.loadBalancerController = { enabled: true };
    change(hub);
    return hub;
}

describe("the AWS Load Balancer Controller on the hub (loadBalancerController)", () => {
    let cloud: MockCloud;
    before(async () => ({ cloud } = await MockCloud.run(() => new Hub("hub", withController() as HubArgs))));

    it("installs the chart on the cloud nodes with the cluster, region and VPC given", () => {
        const release = cloud.named("hub-load-balancer-controller-release");
        const { name, chart, repositoryOpts, version, namespace, values } = release.inputs;
        assert.deepEqual(
            { name, chart, repositoryOpts, version, namespace },
            {
                name: "aws-load-balancer-controller",
                chart: "aws-load-balancer-controller",
                repositoryOpts: { repo: "https://aws.github.io/eks-charts" },
                version: "3.5.0",
                namespace: "kube-system",
            },
        );
        assert.deepEqual(values, {
            clusterName: "hybrid-prod",
            region: "eu-central-1",
            vpcId: "hub-network-vpc-id",
            serviceAccount: { create: true, name: "aws-load-balancer-controller" },
            enableServiceMutatorWebhook: false,
            affinity: {
                nodeAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: {
                        nodeSelectorTerms: [
                            { matchExpressions: [{ key: "eks.amazonaws.com/compute-type", operator: "NotIn", values: ["hybrid"] }] },
                        ],
                    },
                },
            },
            // A private cluster: the image through its pull-through cache.
            image: { repository: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/ecr-public/eks/aws-load-balancer-controller" },
        });
        assert.equal(release.provider, "hub-k8s");
        assert.deepEqual(release.explicitDependsOn, ["hub-addons-eks-pod-identity-agent", "hub-load-balancer-controller-pod-identity"]);
    });

    it("gives it its project's IAM policy through Pod Identity, and the agent and endpoints it needs", () => {
        assert.deepEqual(
            JSON.parse(cloud.named("hub-load-balancer-controller-policy").inputs.policy),
            JSON.parse(fs.readFileSync(REF_POLICY, "utf8")),
        );
        assert.equal(loadBalancerControllerPolicy().Statement.length, 16);
        const govCloud = JSON.stringify(loadBalancerControllerPolicy("aws-us-gov"));
        assert.ok(
            !govCloud.includes('"arn:aws:') && govCloud.includes('"arn:aws-us-gov:ec2:*:*:security-group/*"'),
            "the cluster's partition",
        );
        const association = cloud.named("hub-load-balancer-controller-pod-identity").inputs;
        assert.deepEqual([association.namespace, association.serviceAccount], ["kube-system", "aws-load-balancer-controller"]);
        assert.equal(cloud.named("hub-addons-eks-pod-identity-agent").type, "aws:eks/addon:Addon");
        const services = cloud.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").map((r) => String(r.inputs.serviceName).split(".").pop());
        for (const service of ["elasticloadbalancing", "ec2", "eks-auth"]) assert.ok(services.includes(service), service);
    });

    it("is refused without cloud nodes, naming the key", () => {
        const problems = new Problems();
        checkHub(
            withController((h) => delete h.cloudNodeGroup),
            "eks-hybrid:hub",
            problems,
        );
        assert.deepEqual(
            problems.all.map((p) => `${p.key}: ${p.message}`),
            [
                "eks-hybrid:hub.loadBalancerController.enabled: is true without cloudNodeGroup: the controller runs on cloud nodes, " +
                    "so that a site's outage never takes it down; add cloudNodeGroup",
            ],
        );
    });

    it("makes nothing of the kind when not enabled", async () => {
        const { cloud: off } = await MockCloud.run(
            () => new Hub("hub", withController((h) => (h.loadBalancerController = { enabled: false })) as HubArgs),
        );
        assert.deepEqual(
            off.registrations.filter((r) => r.name.startsWith("hub-load-balancer-controller")),
            [],
        );
    });
});
