import { AUTOSCALED_SERVICE_ARGS } from "../../../components/workload/args";
import { resolveServiceSpec, type ServiceSpec } from "../../../components/workload/service-spec";
import type { AutoscaledServiceArgs } from "../../../components/workload";

/** A valid production service: every test starts from it and changes one thing. */
export function validArgs(overrides: Partial<AutoscaledServiceArgs> = {}): AutoscaledServiceArgs {
  return {
    image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments/api:1.4.2",
    cpu: { request: "250m", limit: "1" },
    memory: { request: "256Mi", limit: "512Mi" },
    ...overrides,
  };
}

interface Validatable {
  validate(): void;
}

/**
 * Checks `object` against the Kubernetes OpenAPI schema with a kubernetes-models class and returns
 * the typed model, so tests read fields with the API's own types. Throws the schema errors.
 */
export function validated<M extends Validatable>(Model: new (data: any) => M, object: unknown): M {
  const model = new Model(JSON.parse(JSON.stringify(object)));
  model.validate();
  return model;
}

/** The builders' spec for `args`, resolved as the component resolves them. */
export function specOf(name: string, args: AutoscaledServiceArgs): ServiceSpec {
  return resolveServiceSpec(name, AUTOSCALED_SERVICE_ARGS.parse(args, name, { componentName: name }));
}
