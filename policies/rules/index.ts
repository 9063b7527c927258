import type { ResourceRule } from "../types";
import { noPublicAdminIngress } from "./no-public-admin-ingress";
import { requiredTags } from "./required-tags";

/** Every rule of the platform's policy pack. */
export const RULES: readonly ResourceRule[] = [requiredTags, noPublicAdminIngress];
