import type { ResourceRule, Rule, StackRule } from "../types";
import { ENCRYPTION_RULES } from "./aws-encryption";
import { KEY_RULES } from "./aws-keys";
import { EXPOSURE_RULES } from "./aws-exposure";
import { OPERATIONS_RULES } from "./aws-operations";
import { CONTAINER_RULES } from "./containers";
import { KUBERNETES_RULES } from "./kubernetes";
import { STACK_RULES } from "./stack";

/** Every rule over one resource. */
export const RESOURCE_RULES: readonly ResourceRule[] = [
  ...ENCRYPTION_RULES,
  ...KEY_RULES,
  ...EXPOSURE_RULES,
  ...OPERATIONS_RULES,
  ...CONTAINER_RULES,
  ...KUBERNETES_RULES,
];

/** Every rule of the platform's policy pack: resource rules, then stack rules. */
export const RULES: readonly Rule[] = [...RESOURCE_RULES, ...STACK_RULES];

export { STACK_RULES };
export type { StackRule };
