import { parse, stringify } from "yaml";
import { PROFILES } from "../stacks/profiles";

const SERVICES_KEY = "infra:services";
const OBSERVABILITY_KEY = "infra:observability";
const CLUSTER_KEY = "infra:cluster";
const PROFILE_KEY = "infra:profile";
/**
 * Extra nodes per this many cloned services, so the scaled stack still passes the pod-capacity
 * preflight (the dev service, 50m / 64Mi, on the development profile's 2-vCPU nodes).
 */
const SERVICES_PER_EXTRA_NODE = 25;

type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `count` services cloned from `template`: the first is the template itself, the others are named
 * `<name>-2`, `<name>-3`, ... and take their namespace from their own name, so every service is
 * distinct and the first keeps whatever refers to it (SLOs).
 */
export function scaledServices(template: Mapping, count: number): Mapping[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`service count must be >= 1, got ${count}`);
  const name = template.name;
  if (typeof name !== "string") throw new Error("the template service has no name");
  return Array.from({ length: count }, (_, i) => {
    if (i === 0) return template;
    const { namespace: _namespace, ...rest } = template;
    return { ...rest, name: `${name}-${i + 1}` };
  });
}

/**
 * A stack file like `stackFile` (the text of a `Pulumi.<stack>.yaml`) but with `count` services
 * cloned from its first one; SLOs of other services are dropped, since they would name services the
 * generated stack no longer has. With more than one service its node groups grow
 * (`SERVICES_PER_EXTRA_NODE`) so that the services fit.
 */
export function scaledStackFile(stackFile: string, count: number): string {
  const doc: unknown = parse(stackFile);
  const config = isMapping(doc) ? doc.config : undefined;
  if (!isMapping(config)) throw new Error("the stack file has no config mapping");
  const services = config[SERVICES_KEY];
  const template: unknown = Array.isArray(services) ? services[0] : undefined;
  if (!isMapping(template)) throw new Error(`the stack file has no ${SERVICES_KEY} to clone`);

  const scaled: Mapping = { ...config, [SERVICES_KEY]: scaledServices(template, count) };
  if (count > 1) scaled[CLUSTER_KEY] = withNodesFor(config, count);
  const observability = config[OBSERVABILITY_KEY];
  if (isMapping(observability) && Array.isArray(observability.slos)) {
    const slos = observability.slos.filter((slo) => isMapping(slo) && slo.service === template.name);
    scaled[OBSERVABILITY_KEY] = { ...observability, slos };
  }
  return stringify({ ...(doc as Mapping), config: scaled }, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** The stack's cluster config with every node group's minimum raised for `count` services. */
function withNodesFor(config: Mapping, count: number): Mapping {
  const cluster = isMapping(config[CLUSTER_KEY]) ? config[CLUSTER_KEY] : {};
  const profile = config[PROFILE_KEY] === "production" ? "production" : "development";
  const groups = Array.isArray(cluster.nodeGroups)
    ? (cluster.nodeGroups as Mapping[])
    : PROFILES[profile].cluster.nodeGroups.map((g) => ({ ...g }));
  const extra = Math.ceil(count / SERVICES_PER_EXTRA_NODE);
  return {
    ...cluster,
    nodeGroups: groups.map((group) => {
      const minSize = Number(group.minSize) + extra;
      return { ...group, minSize, desiredSize: minSize, maxSize: Math.max(Number(group.maxSize), minSize) };
    }),
  };
}
