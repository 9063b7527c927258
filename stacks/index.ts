import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { readRawConfig, secretConfigKeys } from "./config";
import { loadEnvironment } from "./environment";
import { platform } from "./platform";

/**
 * The Pulumi program: the engine calls the exported function and records its result as stack
 * outputs. The region's zones are read first so that every config problem, the zone count's
 * included, is reported before any resource is registered; `aws:allowedAccountIds` (the AWS
 * provider's own key) is read for the account checks, and which keys are secret config for the
 * receiver-credential check.
 */
export = async () => {
  const raw = readRawConfig();
  const allowedAccountIds = new pulumi.Config("aws").getObject<unknown>("allowedAccountIds");
  const { names } = await aws.getAvailabilityZones({ state: "available" });
  return platform(
    loadEnvironment(raw, pulumi.getStack(), names, { allowedAccountIds, secretKeys: secretConfigKeys() }),
  );
};
