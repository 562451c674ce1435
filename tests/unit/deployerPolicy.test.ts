import { strict as assert } from "assert";
import * as fs from "fs";
import { deployerPolicyFiles } from "../../cli/docs";
import {
    DEPLOYER_ACTIONS,
    deployerPolicy,
    EXAMPLE_BOUNDARY,
    GUARDED_ACTIONS,
    OWNER_TAG,
    OWNER_TAGGED_ACTIONS,
    PASSED_TO_SERVICES,
    PolicyDocument,
    ROLE_ARNS,
} from "../../cli/docs/deployerPolicy";
import type { Registration } from "../../cli/plan/mockEngine";
import { Hub } from "../../components/hub/hub";
import { validHub } from "../support/fixtures";
import { COMPONENT_MODES } from "../support/componentModes";
import { MockCloud } from "../support/mockCloud";

describe("the deployer's IAM policy (docs/iam/deployer-policy.json)", function () {
    this.timeout(120000);
    let registered: Set<string>;
    let roleNames: Set<string>;
    const registrations: Registration[] = [];

    before(async () => {
        registered = new Set();
        roleNames = new Set();
        for (const program of Object.values(COMPONENT_MODES)) {
            const { cloud } = await MockCloud.run(program);
            registrations.push(...cloud.registrations);
            for (const r of cloud.registrations) {
                if (r.type.startsWith("aws:") || r.type === "eks:index:VpcCniAddon") registered.add(r.type);
                if (r.type === "aws:iam/role:Role") roleNames.add(r.name);
            }
        }
    });

    /** Whether a role ARN pattern (IAM's `*` wildcard) covers a role name as Pulumi names it: its resource name and a random suffix. */
    const covers = (pattern: string, roleName: string) =>
        new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === "*" ? ".*" : `\\${c}`))}$`).test(
            `arn:aws:iam::123456789012:role/${roleName}-0a1b2c3`,
        );

    it("grants IAM only on the roles the components create, and hands them only to the services that take them", () => {
        const expected = [
            "hub-addons-cloud-nodes",
            "hub-eks-cluster-role",
            "hub-gateway-role",
            "hub-hybrid-nodes-role",
            "hub-load-balancer-controller-role",
        ];
        assert.deepEqual([...roleNames].sort(), expected);
        for (const name of roleNames)
            assert.ok(
                ROLE_ARNS.some((p) => covers(p, name)),
                name,
            );
        assert.ok(!ROLE_ARNS.some((p) => covers(p, "admin")), "another role");
        for (const boundary of [undefined, EXAMPLE_BOUNDARY]) {
            const statements = deployerPolicy(boundary).Statement;
            const onEverything = statements.filter((s) => s.Resource === "*").flatMap((s) => s.Action);
            assert.deepEqual(
                onEverything.filter((a) => /^iam:/.test(a)),
                [],
                "no IAM action on *",
            );
            const passRole = statements.filter((s) => s.Action.includes("iam:PassRole"));
            assert.deepEqual(passRole, [
                {
                    Sid: "IamPassRole",
                    Effect: "Allow",
                    Action: ["iam:PassRole"],
                    Resource: ROLE_ARNS,
                    Condition: { StringEquals: { "iam:PassedToService": PASSED_TO_SERVICES } },
                },
            ]);
        }
    });

    it("with a boundary, lets the deployer grant a role anything only while it carries the boundary", () => {
        const statements = deployerPolicy(EXAMPLE_BOUNDARY).Statement;
        const within = statements.find((s) => s.Sid === "IamRolesWithinBoundary")!;
        assert.deepEqual(within.Action, [
            "iam:AttachRolePolicy",
            "iam:CreateRole",
            "iam:DeleteRolePolicy",
            "iam:DetachRolePolicy",
            "iam:PutRolePermissionsBoundary",
            "iam:PutRolePolicy",
        ]);
        assert.deepEqual(within.Condition, { StringEquals: { "iam:PermissionsBoundary": EXAMPLE_BOUNDARY } });
        const unconditioned = statements
            .filter((s) => s.Condition === undefined && s.Sid !== "IamServiceLinkedRoles")
            .flatMap((s) => s.Action);
        assert.deepEqual(
            unconditioned.filter((a) => /^iam:(Create|Put|Attach)/.test(a)),
            [],
        );
        assert.deepEqual(statements.find((s) => s.Sid === "IamServiceLinkedRoles")!.Resource, "arn:aws:iam::*:role/aws-service-role/*");
    });

    it("puts the hub's permissions boundary on every role it creates", async () => {
        const boundary = "arn:aws:iam::123456789012:policy/eks-hybrid-sites-boundary";
        const { cloud } = await MockCloud.run(
            () => new Hub("hub", { ...validHub(), cloudNodeGroup: {}, iamPermissionsBoundary: boundary }),
        );
        const roles = cloud.ofType("aws:iam/role:Role");
        assert.equal(roles.length, 3);
        for (const role of roles) assert.equal(role.inputs.permissionsBoundary, boundary, role.name);
    });

    it("reads with wildcards only what returns metadata: no SSM parameter, no log event, no boundary taken off", () => {
        const actions = deployerPolicy().Statement.flatMap((s) => s.Action);
        const covered = (action: string) => actions.some((a) => a === action || (a.endsWith("*") && action.startsWith(a.slice(0, -1))));
        for (const secret of ["ssm:GetParameter", "ssm:GetParameters", "logs:GetLogEvents", "kms:Decrypt", "secretsmanager:GetSecretValue"])
            assert.equal(covered(secret), false, secret);
        const withBoundary = deployerPolicy(EXAMPLE_BOUNDARY).Statement.flatMap((s) => s.Action);
        assert.equal(withBoundary.includes("iam:DeleteRolePermissionsBoundary"), false);
    });

    it("asks for the Route 53 association private DNS makes", () => {
        const route53 = deployerPolicy().Statement.find((s) => s.Sid === "Route53")!;
        assert.ok(route53.Action.includes("route53:AssociateVPCWithHostedZone"));
    });

    it("covers every AWS resource type the components register, and nothing they never do", () => {
        assert.deepEqual([...registered].filter((t) => !(t in DEPLOYER_ACTIONS)).sort(), []);
        assert.deepEqual(
            Object.keys(DEPLOYER_ACTIONS)
                .filter((t) => !registered.has(t))
                .sort(),
            [],
        );
    });

    it("is what npm run docs generates, a statement per service, within IAM's managed policy size", () => {
        assert.deepEqual(
            deployerPolicyFiles().map(([file]) => file.split("/").slice(-2).join("/")),
            [
                "iam/deployer-policy.json",
                "iam/deployer-owned-policy.json",
                "iam/deployer-iam-policy.json",
                "iam/deployer-iam-policy-with-boundary.json",
            ],
        );
        for (const [file, document] of deployerPolicyFiles()) {
            const committed = fs.readFileSync(file, "utf8");
            assert.equal(committed, `${JSON.stringify(document, null, 2)}\n`, "run npm run docs");
            const policy = JSON.parse(committed);
            assert.equal(policy.Version, "2012-10-17");
            for (const statement of policy.Statement) {
                assert.deepEqual(Object.keys(statement).slice(0, 4), ["Sid", "Effect", "Action", "Resource"]);
                for (const action of statement.Action) assert.match(action, /^[a-z0-9-]+:[A-Z][A-Za-z0-9]*\*?$|^[a-z0-9-]+:[A-Z][a-z]+\*$/);
            }
            // A customer managed policy holds at most 6,144 characters, whitespace not counted.
            assert.ok(JSON.stringify(policy).length <= 6144, `${file}: ${JSON.stringify(policy).length} characters`);
        }
    });

    /**
     * IAM's evaluation of the policy's Allow statements for one request, as the IAM user guide's
     * policy evaluation logic has it (no Deny here): allowed when a statement's action pattern
     * matches and every condition holds; `Null: false` holds when the key is present.
     */
    function allows(policy: PolicyDocument, action: string, context: Record<string, string>, resource = VPC_ARN): boolean {
        const matches = (pattern: string) => pattern === action || (pattern.endsWith("*") && action.startsWith(pattern.slice(0, -1)));
        const covers = (pattern: string) =>
            new RegExp(
                `^${pattern
                    .split("*")
                    .map((p) => p.replace(/[.?+^${}()|[\]\\/]/g, "\\$&"))
                    .join(".*")}$`,
            ).test(resource);
        return policy.Statement.some((st) => {
            if (!st.Action.some(matches)) return false;
            if (![st.Resource].flat().some(covers)) return false;
            return Object.entries(st.Condition ?? {}).every(([operator, keys]) =>
                Object.entries(keys).every(([key, expected]) => {
                    const values = Array.isArray(expected) ? expected : [expected];
                    if (operator === "Null") return (context[key] === undefined) === (values[0] === "true");
                    if (operator === "StringEquals") return context[key] !== undefined && values.includes(context[key]);
                    return false;
                }),
            );
        });
    }
    const VPC_ARN = "arn:aws:ec2:eu-central-1:123456789012:vpc/vpc-0a1b2c3d";
    const tagged = (key: string, value = "x") => ({ [`aws:ResourceTag/${key}`]: value });

    it("changes and deletes what only the components create only when it carries its owner tag", () => {
        const policy = deployerPolicy();
        for (const { owner, actions } of OWNER_TAGGED_ACTIONS)
            for (const action of actions) {
                assert.equal(allows(policy, action, tagged(OWNER_TAG[owner])), true, `${action} on an owned resource`);
                assert.equal(allows(policy, action, {}), false, `${action} on another resource of the account`);
                assert.equal(allows(policy, action, tagged("team")), false, `${action} on a resource tagged otherwise`);
            }
        assert.equal(allows(policy, "ec2:DeleteVpnConnection", tagged(OWNER_TAG.hub)), false, "a site's connection carries the site tag");
    });

    it("tags EC2 resources only as they are created or once they carry an owner tag", () => {
        const policy = deployerPolicy();
        assert.equal(allows(policy, "ec2:CreateTags", {}), false, "an owner tag put on any resource, to delete it next");
        assert.equal(allows(policy, "ec2:CreateTags", { "ec2:CreateAction": "CreateVpnConnection" }), true);
        assert.equal(allows(policy, "ec2:CreateTags", { "ec2:CreateAction": "DeleteVpc" }), false);
        // The one exception, security group rules, which the provider may tag just after creating them.
        assert.equal(allows(policy, "ec2:CreateTags", {}, "arn:aws:ec2:eu-central-1:123456789012:security-group-rule/sgr-1"), true);
        assert.equal(allows(policy, "ec2:CreateTags", tagged(OWNER_TAG.site)), true);
        assert.equal(allows(policy, "ec2:DeleteTags", {}), false);
        const onCreate = policy.Statement.find((st) => st.Sid === "Ec2TagOnCreate")!.Condition!.StringEquals["ec2:CreateAction"];
        // Every EC2 create call of the table may tag what it creates.
        const creates = Object.values(DEPLOYER_ACTIONS)
            .flat()
            .filter((a) => /^ec2:(Create|Allocate|Authorize)/.test(a))
            .map((a) => a.replace(/^ec2:/, ""));
        assert.deepEqual([...onCreate].sort(), [...new Set(creates)].sort());
    });

    it("registers every resource a guarded action touches with its owner tag, so no deployment of the components is refused", () => {
        for (const { type, owner } of OWNER_TAGGED_ACTIONS) {
            const ofType = registrations.filter((r) => r.type === type);
            assert.ok(ofType.length > 0, `${type} is registered in some mode`);
            for (const r of ofType) {
                const tags = (r.inputs.tags ?? {}) as Record<string, string>;
                assert.ok(
                    typeof tags[OWNER_TAG[owner]] === "string" && tags[OWNER_TAG[owner]] !== "",
                    `${r.name} (${type}) lacks ${OWNER_TAG[owner]}`,
                );
            }
        }
    });

    it("guards only actions the table asks for, and leaves none of them on every resource", () => {
        const needed = new Set(Object.values(DEPLOYER_ACTIONS).flat());
        assert.deepEqual(
            [...GUARDED_ACTIONS].filter((a) => !needed.has(a)),
            [],
        );
        for (const boundary of [undefined, EXAMPLE_BOUNDARY])
            for (const st of deployerPolicy(boundary).Statement.filter((x) => x.Condition === undefined))
                assert.deepEqual(
                    st.Action.filter((a) => GUARDED_ACTIONS.has(a)),
                    [],
                    st.Sid,
                );
    });
});
