import { PolicyPack, type ResourceValidationPolicy } from "@pulumi/policy";
import { RULES } from "./rules";

/**
 * The CrossGuard pack: `pulumi preview --policy-pack policies`. Each rule is the pure function that
 * `infra synth` also runs, so offline and real previews agree.
 */
const policies: ResourceValidationPolicy[] = RULES.map((rule) => ({
  name: rule.name,
  description: rule.description,
  enforcementLevel: rule.enforcementLevel,
  validateResource: (args, reportViolation) => {
    if (!rule.appliesTo(args.type)) return;
    for (const message of rule.check({
      urn: args.urn,
      type: args.type,
      name: args.name,
      props: args.props,
    })) {
      reportViolation(message);
    }
  },
}));

new PolicyPack("infra-platform", { policies });
