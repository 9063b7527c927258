import type * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../core";

/** What every resource-building function of the Network needs: names, parent, tags and the VPC. */
export interface NetworkScope {
  /** The component's name: every child's name starts with it. */
  readonly name: string;
  readonly parent: pulumi.Resource;
  /** The component tags every taggable child carries. */
  readonly tags: Tags;
  readonly vpcId: pulumi.Output<string>;
}
