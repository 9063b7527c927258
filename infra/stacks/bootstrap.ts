import { componentType } from "../../components/core";
import { LOGS_KEY_TYPE } from "../../components/observability/logs-key";
import type { SynthResource } from "../synth/model";

/**
 * The first deploy of a stack whose pipeline runs on its own in-VPC runner cannot come from that
 * runner: it does not exist yet. So an operator first creates, from outside the VPC, only what the
 * runner needs: the logs key, the network and the runner itself. None of these talk to the
 * cluster's API, so they deploy from anywhere with AWS credentials; everything else follows from
 * the pipeline, on the runner (docs/operators/first-deploy.md).
 */
export const BOOTSTRAP_COMPONENTS = [
  LOGS_KEY_TYPE,
  componentType("Network"),
  componentType("DeployRunner"),
] as const;

/** The type chain of a URN: `urn:pulumi:<stack>::<project>::<parent types $ own type>::<name>`. */
function typeChain(urn: string): string {
  return urn.split("::")[2] ?? "";
}

/** URNs to pass to `pulumi up --target` for the bootstrap: the bootstrap components and everything beneath them. */
export function bootstrapTargets(resources: readonly SynthResource[]): string[] {
  return resources
    .filter((r) => {
      const chain = typeChain(r.urn);
      return BOOTSTRAP_COMPONENTS.some((type) => chain === type || chain.startsWith(`${type}$`));
    })
    .map((r) => r.urn);
}
