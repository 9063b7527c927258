import { readFileSync } from "node:fs";
import type * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import { componentType } from "../components/core";
import { SERVED_COMPONENTS, type ServedComponent } from "./components";
import { SCHEMA_PATH } from "./package-schema";

/**
 * The multi-language package's provider: `construct` builds a component from the inputs another
 * language sends (plain values, and Outputs where an input is not yet known or is secret) and
 * returns its outputs as the schema declares them. The TypeScript-only parts of a component (the
 * cluster's Kubernetes provider) stay out: another language builds its own from the kubeconfig.
 */
export class InfraProvider implements provider.Provider {
  private readonly byType: ReadonlyMap<string, ServedComponent>;

  constructor(
    readonly version: string,
    private readonly packageSchema: string = readFileSync(SCHEMA_PATH, "utf8"),
  ) {
    this.byType = new Map(SERVED_COMPONENTS.map((c) => [componentType(c.component), c]));
  }

  getSchema(): Promise<string> {
    return Promise.resolve(this.packageSchema);
  }

  construct(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): Promise<provider.ConstructResult> {
    try {
      return Promise.resolve(this.constructNow(name, type, inputs, options));
    } catch (error) {
      // An InfraValidationError reaches the engine as the deployment's error message.
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private constructNow(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): provider.ConstructResult {
    const served = this.byType.get(type);
    if (!served) {
      throw new Error(
        `unknown resource type ${type}; this package serves ${[...this.byType.keys()].join(", ")}`,
      );
    }
    const resource = served.create(name, inputs as never, options);
    const state: pulumi.Inputs = {};
    for (const key of Object.keys(served.outputs.shape)) {
      state[key] = (resource as unknown as Record<string, pulumi.Output<unknown>>)[key];
    }
    return { urn: resource.urn, state };
  }
}
