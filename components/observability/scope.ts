import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsScope } from "./policies";

/** The account, region and partition the component deploys into, for ARNs and policy conditions. */
export function awsScope(parent: pulumi.Resource): pulumi.Output<AwsScope> {
  const opts = { parent };
  return pulumi
    .all([
      aws.getCallerIdentityOutput({}, opts),
      aws.getRegionOutput({}, opts),
      aws.getPartitionOutput({}, opts),
    ])
    .apply(([identity, region, partition]) => ({
      accountId: identity.accountId,
      region: region.region,
      partition: partition.partition,
    }));
}
