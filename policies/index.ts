import { PolicyPack } from "@pulumi/policy";
import { PACK_POLICIES } from "./pack";

/** The CrossGuard entry: `pulumi preview --policy-pack policies` (see docs/operators/policy.md). */
new PolicyPack("infra-platform", { policies: PACK_POLICIES });
