// Pulumi's mocks as these components need them in a unit test. The usual `{ id, state: inputs }`
// is not enough: the components read attributes only AWS computes (the cluster's ARN, whose
// partition, Region and account go into policies and the NodeConfig; the VPN's tunnel addresses;
// a role's name) and ask AWS for the Region's availability zones.
import * as pulumi from "@pulumi/pulumi";

/** The Region the mocks answer for. */
export const REGION = "eu-central-1";
/** The account the mocks answer for. */
export const ACCOUNT = "123456789012";

/** One resource the program registered: its type, name and inputs. */
export interface MockedResource {
    type: string;
    name: string;
    inputs: Record<string, any>;
}

/** What AWS computes for the resources the components read back; everything else echoes the inputs. */
function computed(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
    switch (args.type) {
        case "aws:eks/cluster:Cluster":
            return {
                arn: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${args.inputs.name}`,
                endpoint: `https://${args.inputs.name}.eks.example`,
                certificateAuthority: { data: "Q0EtREFUQQ==" },
                vpcConfig: { ...args.inputs.vpcConfig, clusterSecurityGroupId: "sg-eks-cluster" },
            };
        case "aws:iam/role:Role":
            return { name: args.inputs.name ?? args.name, arn: `arn:aws:iam::${ACCOUNT}:role/${args.name}` };
        case "aws:ec2/vpnConnection:VpnConnection":
            return {
                tunnel1Address: "198.18.0.1",
                tunnel2Address: "198.18.0.2",
                tunnel1CgwInsideAddress: "169.254.10.2",
                tunnel1VgwInsideAddress: "169.254.10.1",
                tunnel2CgwInsideAddress: "169.254.10.6",
                tunnel2VgwInsideAddress: "169.254.10.5",
            };
        case "aws:ssm/activation:Activation":
            return { activationCode: `${args.name}-code`, registrationCount: 0 };
        case "random:index/randomPassword:RandomPassword":
            // In AWS's pre-shared key alphabet: the Site refuses to render a key AWS would not issue.
            return { result: `${args.name.replace(/-/g, "_")}.secret` };
        default:
            return {};
    }
}

/** The data sources the components call, answered for {@link REGION}. */
const INVOKES: Record<string, () => Record<string, unknown>> = {
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({ accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, userId: "u" }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": () => ({ names: ["a", "b", "c"].map((z) => REGION + z) }),
    "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com" }),
    "aws:index/getRegion:getRegion": () => ({ name: REGION, region: REGION }),
};

/**
 * Sets Pulumi's mocks for the components, and `aws:region` (a program under mocks reads no stack
 * config). Call it before the program's module is loaded; returns the list every registration
 * is added to.
 */
export function setMocks(project = "eks-hybrid-sites-example", stack = "dev"): MockedResource[] {
    const registered: MockedResource[] = [];
    pulumi.runtime.setAllConfig({ "aws:region": REGION });
    pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                registered.push({ type: args.type, name: args.name, inputs: args.inputs });
                return { id: `${args.name}-id`, state: { ...args.inputs, ...computed(args) } };
            },
            call: (args) => {
                const answer = INVOKES[args.token];
                if (answer === undefined) throw new Error(`no mock for the data source ${args.token}`);
                return answer();
            },
        },
        project,
        stack,
        false,
    );
    return registered;
}
