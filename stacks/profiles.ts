import { CLUSTER_ARGS } from "../components/cluster";
import { PLATFORM_LOG_RETENTION_DAYS } from "../components/core";
import { POSTGRES_ARGS } from "../components/database";
import { NETWORK_ARGS } from "../components/network";
import { OBSERVABILITY_DEFAULTS } from "../components/observability";
import {
  AUTOSCALED_SERVICE_ARGS,
  AUTOSCALED_SERVICE_DEFAULTS,
  SERVICE_DEFAULTS,
} from "../components/workload";
import { autoscalingSchema } from "../components/cluster/autoscaling-args";
import { PROFILES as PROFILE_NAMES, type Profile } from "../components/core";

export { PROFILE_NAMES };
export type { Profile };

/**
 * What each profile gives the config keys the stack file leaves out. The values are the components'
 * own defaults (each lives once, in its component's argument definition `args.ts` or, for
 * values the component also uses internally, its `defaults.ts`); only `availabilityZoneCount` is
 * the stack's own choice. `services` holds the defaults of every item of `infra:services`.
 */
function profile(name: Profile) {
  const cluster = CLUSTER_ARGS.defaults(name);
  const database = POSTGRES_ARGS.defaults(name);
  const service = AUTOSCALED_SERVICE_DEFAULTS[name];
  return {
    network: {
      availabilityZoneCount: name === "production" ? 3 : 2,
      natGateways: NETWORK_ARGS.defaults(name).natGateways,
    },
    cluster: {
      version: cluster.version,
      nodeGroups: cluster.nodeGroups,
      endpointPublicAccess: cluster.endpointPublicAccess,
      // A nested object's default is its fields' defaults.
      autoscaling: autoscalingSchema(name).parse({}),
    },
    database: {
      instanceClass: database.instanceClass,
      allocatedStorageGb: database.allocatedStorageGb,
      multiAz: database.multiAz,
      backupRetentionDays: database.backupRetentionDays,
    },
    observability: {
      logRetentionDays: PLATFORM_LOG_RETENTION_DAYS[name],
      prometheus: { ...OBSERVABILITY_DEFAULTS[name].prometheus },
    },
    services: {
      port: SERVICE_DEFAULTS.port,
      minReplicas: AUTOSCALED_SERVICE_ARGS.defaults(name).minReplicas,
      maxReplicas: service.maxReplicas,
      targetCpuUtilization: SERVICE_DEFAULTS.targetCpuUtilization,
      // The stack's own choice: production releases go through a canary with automated analysis;
      // development keeps the quick rolling update (the component's default).
      strategy: { type: name === "production" ? ("canary" as const) : ("rolling" as const) },
    },
  };
}

export const PROFILES = {
  development: profile("development"),
  production: profile("production"),
} as const satisfies Record<Profile, unknown>;
