import { parse, stringify } from "yaml";

const SERVICES_KEY = "infra:services";
const OBSERVABILITY_KEY = "infra:observability";

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
 * generated stack no longer has.
 */
export function scaledStackFile(stackFile: string, count: number): string {
  const doc: unknown = parse(stackFile);
  const config = isMapping(doc) ? doc.config : undefined;
  if (!isMapping(config)) throw new Error("the stack file has no config mapping");
  const services = config[SERVICES_KEY];
  const template: unknown = Array.isArray(services) ? services[0] : undefined;
  if (!isMapping(template)) throw new Error(`the stack file has no ${SERVICES_KEY} to clone`);

  const scaled: Mapping = { ...config, [SERVICES_KEY]: scaledServices(template, count) };
  const observability = config[OBSERVABILITY_KEY];
  if (isMapping(observability) && Array.isArray(observability.slos)) {
    const slos = observability.slos.filter((slo) => isMapping(slo) && slo.service === template.name);
    scaled[OBSERVABILITY_KEY] = { ...observability, slos };
  }
  return stringify({ ...(doc as Mapping), config: scaled }, { lineWidth: 0, aliasDuplicateObjects: false });
}
