import { strict as assert } from "assert";
import * as fs from "fs";
import { deployerPolicyFiles } from "../../cli/docs";
import { DEPLOYER_ACTIONS, deployerPolicy, EXAMPLE_BOUNDARY, PASSED_TO_SERVICES, ROLE_ARNS } from "../../cli/docs/deployerPolicy";
import { Hub } from "../../components/hub/hub";
import { validHub } from "../support/fixtures";
import { COMPONENT_MODES } from "../support/componentModes";
import { MockCloud } from "../support/mockCloud";

describe("the deployer's IAM policy (docs/iam/deployer-policy.json)", function () {
    this.timeout(120000);
    let registered: Set<string>;
    let roleNames: Set<string>;

    before(async () => {
        registered = new Set();
        roleNames = new Set();
        for (const program of Object.values(COMPONENT_MODES)) {
            const { cloud } = await MockCloud.run(program);
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
        assert.deepEqual([...roleNames].sort(), ["hub-addons-cloud-nodes", "hub-eks-cluster-role", "hub-hybrid-nodes-role"]);
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
            ["iam/deployer-policy.json", "iam/deployer-iam-policy.json", "iam/deployer-iam-policy-with-boundary.json"],
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
});
