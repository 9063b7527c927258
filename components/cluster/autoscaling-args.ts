import { z } from "zod";
import { byProfile, show, uniqueBy, wholeNumber, type Profile } from "../core";

/** How Karpenter may buy a node, spelled as its `karpenter.sh/capacity-type` label. */
export const NODE_CAPACITY_TYPES = ["on-demand", "spot"] as const;
export type NodeCapacityType = (typeof NODE_CAPACITY_TYPES)[number];

/** CPU architectures, spelled as the `kubernetes.io/arch` label. */
export const NODE_ARCHITECTURES = ["amd64", "arm64"] as const;
export type NodeArchitecture = (typeof NODE_ARCHITECTURES)[number];

/** When Karpenter removes or replaces nodes to save money. */
export const CONSOLIDATION_POLICIES = ["WhenEmptyOrUnderutilized", "WhenEmpty"] as const;
export type ConsolidationPolicy = (typeof CONSOLIDATION_POLICIES)[number];

/** An EC2 instance category: the letters before the generation (`m` of `m7i`, `inf` of `inf2`). */
const INSTANCE_CATEGORY = /^[a-z]{1,4}$/;
/** A Go duration as Karpenter reads it, in whole seconds, minutes or hours (`30s`, `5m`, `1h`). */
const DURATION = /^\d+[smh]$/;

/** At most this many vCPUs / GiB in a NodePool: beyond any one account's EC2 quota, so surely a typo. */
const MAX_LIMIT = 100_000;

/** One value per item; repeats are reported where they stand. */
function uniqueValues<T extends z.ZodArray>(schema: T, what: string) {
  return uniqueBy(
    schema,
    (v) => v,
    (v, first) => `${show(v)} is already listed at [${first}]; list each ${what} once`,
  );
}

/**
 * `infra:cluster.autoscaling`: Karpenter's default NodePool and EC2NodeClass. Every field has a
 * default per profile; the object replaces nothing else (a partial object keeps the other defaults).
 */
export function autoscalingSchema(profile: Profile) {
  return z
    .strictObject({
      enabled: z
        .boolean()
        .default(true)
        .describe(
          "Install Karpenter and its default NodePool, so pods that fit no node get one. Off: nothing adds nodes; services must fit the node groups.",
        ),
      cpuLimit: wholeNumber(
        1,
        MAX_LIMIT,
        (v) => `${show(v)} is not a vCPU count; use a whole number from 1 to ${MAX_LIMIT}`,
      )
        .default(byProfile(profile, { development: 16, production: 64 }))
        .describe(
          "Most vCPUs all of Karpenter's nodes together may have (the NodePool's `limits.cpu`): the ceiling of the EC2 bill.",
        ),
      memoryLimitGib: wholeNumber(
        1,
        MAX_LIMIT,
        (v) => `${show(v)} is not a GiB count; use a whole number from 1 to ${MAX_LIMIT}`,
      )
        .default(byProfile(profile, { development: 64, production: 256 }))
        .describe("Most memory, in GiB, all of Karpenter's nodes together may have (`limits.memory`)."),
      capacityTypes: uniqueValues(
        z
          .array(z.enum(NODE_CAPACITY_TYPES).meta({ typeName: "NodeCapacityType" }))
          .min(1, { error: 'is empty; list at least one of "on-demand", "spot"' }),
        "capacity type",
      )
        .default(
          byProfile<NodeCapacityType[]>(profile, {
            development: ["spot", "on-demand"],
            production: ["on-demand"],
          }),
        )
        .describe(
          "How Karpenter may buy nodes; with both, it prefers Spot and falls back to on-demand. Production must keep `on-demand`.",
        ),
      architectures: uniqueValues(
        z
          .array(z.enum(NODE_ARCHITECTURES).meta({ typeName: "NodeArchitecture" }))
          .min(1, { error: 'is empty; list at least one of "amd64", "arm64"' }),
        "architecture",
      )
        .default(["amd64"])
        .describe(
          "CPU architectures of Karpenter's nodes; list `arm64` (Graviton) only when every service image is built for it.",
        ),
      instanceCategories: uniqueValues(
        z
          .array(
            z.string().refine((v) => INSTANCE_CATEGORY.test(v), {
              error: (i) =>
                `${show(i.input)} is not an EC2 instance category; use the letters before the generation, e.g. "c", "m", "r"`,
            }),
          )
          .min(1, { error: 'is empty; list at least one instance category, e.g. ["c", "m", "r"]' }),
        "category",
      )
        .default(["c", "m", "r"])
        .describe(
          'EC2 instance categories Karpenter chooses from (`c` compute, `m` general purpose, `r` memory; `["c", "m", "r"]`).',
        ),
      minInstanceGeneration: wholeNumber(
        1,
        99,
        (v) => `${show(v)} is not an instance generation; use a whole number such as 5 (m5, c5 and newer)`,
      )
        .default(5)
        .describe("Oldest instance generation Karpenter may launch (5: `m5`, `c5` and newer)."),
      consolidationPolicy: z
        .enum(CONSOLIDATION_POLICIES)
        .meta({ typeName: "ConsolidationPolicy" })
        .default("WhenEmptyOrUnderutilized")
        .describe(
          "`WhenEmptyOrUnderutilized` also replaces or removes nodes whose pods fit elsewhere; `WhenEmpty` removes only empty nodes.",
        ),
      consolidateAfter: z
        .string()
        .refine((v) => DURATION.test(v), {
          error: (i) => `${show(i.input)} is not a duration; use whole seconds, minutes or hours, e.g. "1m"`,
        })
        .default(byProfile(profile, { development: "1m", production: "5m" }))
        .describe(
          "How long a node must be consolidatable before Karpenter acts (a duration: `30s`, `5m`, `1h`).",
        ),
      maxDisruptedNodesPercent: wholeNumber(
        1,
        100,
        (v) => `${show(v)} is not a percentage; use a whole number from 1 to 100`,
      )
        .default(byProfile(profile, { development: 100, production: 10 }))
        .describe(
          "Most nodes, as a share of the NodePool, Karpenter may disrupt at once (consolidation, expiry, drift).",
        ),
      expireAfterHours: wholeNumber(
        1,
        8760,
        (v) => `${show(v)} is not allowed; use a whole number of hours from 1 to 8760 (a year)`,
      )
        .default(720)
        .describe(
          "Hours after which a node is replaced, so nodes are rotated onto fresh AMIs and patches (720: 30 days).",
        ),
    })
    .meta({ typeName: "ClusterAutoscaling" });
}

export type AutoscalingSettings = z.output<ReturnType<typeof autoscalingSchema>>;
