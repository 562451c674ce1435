import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * The SNS topic the sites' tunnel alarms notify, encrypted with a key of its own: CloudWatch
 * alarms cannot publish to a topic under the AWS managed `alias/aws/sns` key, whose policy does not
 * admit CloudWatch, so the key's policy lets CloudWatch use it for the account's alarms in the
 * hub's Region (aws:SourceAccount, aws:SourceArn: the confused-deputy guard) and the account manage it.
 */
export function alertTopic(name: string, tags: Record<string, string>, parent: pulumi.Resource): aws.sns.Topic {
    const opts = { parent };
    const account = aws.getCallerIdentityOutput({}, opts).accountId;
    const partition = aws.getPartitionOutput({}, opts).partition;
    const region = aws.getRegionOutput({}, opts).region;
    const key = new aws.kms.Key(
        `${name}-alerts-key`,
        {
            description: `${name}: encrypts the tunnel alarm topic`,
            enableKeyRotation: true,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "Account",
                        Effect: "Allow",
                        Principal: { AWS: pulumi.interpolate`arn:${partition}:iam::${account}:root` },
                        Action: "kms:*",
                        Resource: "*",
                    },
                    {
                        Sid: "CloudWatchAlarms",
                        Effect: "Allow",
                        Principal: { Service: "cloudwatch.amazonaws.com" },
                        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                        Resource: "*",
                        // Only for this account's alarms in this Region: no other account's alarm can make CloudWatch use the key.
                        Condition: {
                            StringEquals: { "aws:SourceAccount": account },
                            ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
                        },
                    },
                ],
            }),
            tags,
        },
        opts,
    );
    return new aws.sns.Topic(`${name}-alerts`, { kmsMasterKeyId: key.id, tags: { ...tags, Name: `${name}-alerts` } }, opts);
}
