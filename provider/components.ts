import type * as pulumi from "@pulumi/pulumi";
import { Cluster, CLUSTER_ARGS } from "../components/cluster";
import type { SchemaComponent } from "./schema";
import { Postgres, POSTGRES_ARGS } from "../components/database";
import {
  DeployRunner,
  DEPLOY_RUNNER_ARGS,
  GithubOidc,
  GITHUB_OIDC_ARGS,
  RolloutsController,
  ROLLOUTS_CONTROLLER_ARGS,
} from "../components/delivery";
import { Network, NETWORK_ARGS } from "../components/network";
import { LogsKey, LOGS_KEY_ARGS, Observability, OBSERVABILITY_ARGS } from "../components/observability";
import { AutoscaledService, AUTOSCALED_SERVICE_ARGS } from "../components/workload";

/** A component the package serves: its definition, and how `construct` creates it. */
export interface ServedComponent extends SchemaComponent {
  create(name: string, inputs: never, opts: pulumi.ComponentResourceOptions): pulumi.ComponentResource;
}

function served(
  definition: SchemaComponent,
  create: (name: string, inputs: never, opts: pulumi.ComponentResourceOptions) => pulumi.ComponentResource,
): ServedComponent {
  return {
    component: definition.component,
    description: definition.description,
    schemas: definition.schemas,
    outputs: definition.outputs,
    create,
  };
}

/** Every component of the multi-language package, in schema order. */
export const SERVED_COMPONENTS: readonly ServedComponent[] = [
  served(NETWORK_ARGS, (name, inputs, opts) => new Network(name, inputs, opts)),
  served(CLUSTER_ARGS, (name, inputs, opts) => new Cluster(name, inputs, opts)),
  served(POSTGRES_ARGS, (name, inputs, opts) => new Postgres(name, inputs, opts)),
  served(OBSERVABILITY_ARGS, (name, inputs, opts) => new Observability(name, inputs, opts)),
  served(LOGS_KEY_ARGS, (name, inputs, opts) => new LogsKey(name, inputs, opts)),
  served(AUTOSCALED_SERVICE_ARGS, (name, inputs, opts) => new AutoscaledService(name, inputs, opts)),
  served(GITHUB_OIDC_ARGS, (name, inputs, opts) => new GithubOidc(name, inputs, opts)),
  served(DEPLOY_RUNNER_ARGS, (name, inputs, opts) => new DeployRunner(name, inputs, opts)),
  served(ROLLOUTS_CONTROLLER_ARGS, (name, inputs, opts) => new RolloutsController(name, inputs, opts)),
];
