import * as aws from "@pulumi/aws";
import { componentTags } from "../components/core";
import type { EnvironmentConfig } from "./config";

/** The stack outputs of an environment. */
export interface PlatformOutputs {
  readonly environment: string;
  readonly profile: string;
  readonly resourceGroupName: unknown;
}

/**
 * Composes one environment from the components. Every resource carries the environment's tags, so
 * the resource group below lists everything this stack manages.
 */
export function platform(config: EnvironmentConfig): PlatformOutputs {
  const tags = componentTags("platform", { environment: config.environment, ...config.tags });
  const group = new aws.resourcegroups.Group(`${config.environment}-resources`, {
    description: `Everything Pulumi manages for the ${config.environment} environment`,
    resourceQuery: {
      type: "TAG_FILTERS_1_0",
      query: JSON.stringify({
        ResourceTypeFilters: ["AWS::AllSupported"],
        TagFilters: [
          { Key: "stack", Values: [config.environment] },
          { Key: "managed-by", Values: ["pulumi"] },
        ],
      }),
    },
    tags,
  });
  return { environment: config.environment, profile: config.profile, resourceGroupName: group.name };
}
