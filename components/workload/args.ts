import { z } from "zod";
import {
  byProfile,
  defineArgs,
  input,
  isDeferred,
  matching,
  profileField,
  show,
  type ArgsOf,
  type Profile,
  type ResolvedArgsOf,
  type ValidationIssue,
} from "../core";
import { selector } from "../observability/args";
import { credentialKind } from "./credential-values";
import {
  DELIVERY_STRATEGIES,
  PROGRESSIVE_DELIVERY_DEFAULTS,
  SERVICE_DEFAULTS,
  deliveryStrategy,
} from "./defaults";
import { looksLikeSecretName } from "./env";
import { imageReferenceProblem } from "./image";
import {
  isConfigKey,
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  isEnvVarName,
  isLabelKey,
  isLabelValue,
} from "./kubernetes-names";
import { RESERVED_LABELS } from "./labels";
import { parseCidr } from "../network/ipv4";
import { compareQuantities, isPositive, isWhole, parseQuantity } from "./quantity";
import { replicaBounds } from "./service-spec";

export const WHEN_UNSATISFIABLE = ["DoNotSchedule", "ScheduleAnyway"] as const;
/** What the scheduler does when a spread constraint cannot be met. */
export type WhenUnsatisfiable = (typeof WHEN_UNSATISFIABLE)[number];
export const SELECT_POLICIES = ["Max", "Min", "Disabled"] as const;
export const SCALING_POLICY_TYPES = ["Pods", "Percent"] as const;

const IAM_ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const PERCENT = /^(\d{1,3})%$/;
/** A Prometheus duration as scrape intervals take it: `30s`, `1m`, `1m30s`. */
const PROMETHEUS_DURATION = /^(?:\d+(?:ms|s|m|h))+$/;
const MAX_PORT = 65535;
const MAX_INT32 = 2 ** 31 - 1;

/** A whole number in [min, max] (of `unit`), with the playbook's message for anything else. */
function integer(min: number, max: number, unit?: string) {
  const range = max === MAX_INT32 ? `${min} or more` : `from ${min} to ${max}`;
  const what = unit ? `a whole number of ${unit}` : "a whole number";
  const message = (v: unknown) => `${show(v)} is not allowed; use ${what}, ${range}`;
  return z
    .number({ error: (i) => (i.input === undefined ? undefined : message(i.input)) })
    .refine((v) => Number.isInteger(v) && v >= min && v <= max, { error: (i) => message(i.input) })
    .meta({ integer: true });
}

/** An optional group of settings: anything but an object is refused with one message. */
function group<T extends z.ZodObject>(shape: T) {
  return z.strictObject(shape.shape, {
    error: (i) =>
      i.code === "invalid_type" && i.input !== undefined
        ? `${show(i.input)} is not allowed; use an object of settings or leave it out`
        : undefined,
  }) as unknown as T;
}

/** A positive Kubernetes quantity such as `example`. */
function quantity(example: string) {
  return z
    .string({
      error: (i) =>
        i.input === undefined
          ? undefined
          : `${show(i.input)} is not a Kubernetes quantity; use a string such as "${example}"`,
    })
    .superRefine((value, ctx) => {
      const parsed = parseQuantity(value);
      if (!parsed) {
        ctx.addIssue({
          code: "custom",
          input: value,
          message: `"${value}" is not a Kubernetes quantity; use a number with an optional suffix m, k, M, G, T, Ki, Mi, Gi, Ti or an exponent, such as "${example}"`,
        });
      } else if (!isPositive(parsed)) {
        ctx.addIssue({
          code: "custom",
          input: value,
          message: `"${value}" is not above zero; use a positive quantity such as "${example}"`,
        });
      }
    });
}

function labelsField(reserved: readonly string[] = []) {
  return z
    .record(z.string(), z.unknown(), {
      error: (i) =>
        i.input === undefined
          ? undefined
          : `${show(i.input)} is not allowed; use an object of label keys to string values`,
    })
    .superRefine((labels, ctx) => {
      for (const [key, value] of Object.entries(labels)) {
        const path = [`["${key}"]`];
        if (!isLabelKey(key)) {
          ctx.addIssue({
            code: "custom",
            path,
            input: key,
            message: `"${key}" is not a label key; use an optional DNS prefix and "/", then at most 63 letters, digits, "-", "_" or "."`,
          });
        } else if (reserved.includes(key)) {
          ctx.addIssue({
            code: "custom",
            path,
            input: key,
            message: `"${key}" is set by the component (the selector depends on it); remove it`,
          });
        }
        if (typeof value !== "string" || !isLabelValue(value)) {
          ctx.addIssue({
            code: "custom",
            path,
            input: value,
            message: `${show(value)} is not a label value; use at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`,
          });
        }
      }
    }) as unknown as z.ZodRecord<z.ZodString, z.ZodString>;
}

function resources(resource: "cpu" | "memory", example: { request: string; limit: string }) {
  return z
    .strictObject(
      {
        request: quantity(example.request).optional().describe("What the scheduler reserves."),
        limit: quantity(example.limit).optional().describe("The ceiling, at least the request."),
      },
      {
        error: (i) =>
          i.code === "invalid_type"
            ? `${show(i.input)} is not allowed; ${resource} needs a request and a limit, e.g. { request: "${example.request}", limit: "${example.limit}" }`
            : undefined,
      },
    )
    .superRefine((value, ctx) => {
      // Both are required; the messages say why, which depends on the other.
      if (value.request === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["request"],
          input: undefined,
          message:
            value.limit !== undefined && resource === "cpu"
              ? `is required when a CPU limit is set (Kubernetes would silently make the request equal the limit); set a request, e.g. "${example.request}"`
              : `is required: the scheduler places pods by their requests and the HPA measures utilisation against them; set it, e.g. "${example.request}"`,
        });
      }
      if (value.limit === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["limit"],
          input: undefined,
          message:
            resource === "memory"
              ? `is required: without a memory limit one pod can exhaust its node's memory; set it at or above the request, e.g. "${example.limit}"`
              : `is required; set it at or above the request, e.g. "${example.limit}"`,
        });
      }
    })
    .meta({ typeName: "ResourceQuantities" }) as unknown as z.ZodObject<{
    request: z.ZodString;
    limit: z.ZodString;
  }>;
}

const intOrPercent = z
  .union([z.number(), z.string()])
  .refine(
    (v) =>
      (typeof v === "number" && Number.isInteger(v) && v >= 0) ||
      (typeof v === "string" && Number(PERCENT.exec(v)?.[1] ?? 101) <= 100),
    {
      error: (i) =>
        `${show(i.input)} is not allowed; use a whole number of pods (0 or more) or a percentage such as "25%"`,
    },
  );

function probe(kind: "startup" | "readiness" | "liveness") {
  return group(
    z.object({
      enabled: z
        .boolean()
        .optional()
        .describe("`false` runs without this probe (an explicit opt-out). Default: true."),
      path: z
        .string()
        .refine((p) => p.startsWith("/"), {
          error: (i) => `${show(i.input)} is not allowed; use an HTTP path starting with "/"`,
        })
        .optional()
        .describe("HTTP path. Default: the playbook's `/healthz/<kind>`."),
      port: integer(1, MAX_PORT)
        .optional()
        .describe("Container port the probe calls. Default: the container's port."),
      initialDelaySeconds: integer(0, MAX_INT32, "seconds")
        .optional()
        .describe("Seconds before the first probe."),
      periodSeconds: integer(1, MAX_INT32, "seconds").optional().describe("Seconds between probes."),
      timeoutSeconds: integer(1, MAX_INT32, "seconds")
        .optional()
        .describe("Seconds before one probe times out."),
      failureThreshold: integer(1, MAX_INT32, "probes")
        .optional()
        .describe("Consecutive failures before the probe fails."),
      successThreshold: (kind === "readiness"
        ? integer(1, MAX_INT32, "probes")
        : z
            .number()
            .refine((v) => v === 1, {
              error: (i) => `${show(i.input)} is not allowed; Kubernetes requires 1 for ${kind} probes`,
            })
            .meta({ integer: true })
      )
        .optional()
        .describe("Consecutive successes before the probe passes (1 for startup and liveness)."),
    }),
  ).meta({ typeName: "Probe" });
}

const scalingRule = group(
  z.object({
    stabilizationWindowSeconds: integer(0, 3600, "seconds")
      .optional()
      .describe("Seconds of past recommendations considered before scaling. Default: 60 (up) / 300 (down)."),
    policies: z
      .array(
        z
          .strictObject(
            {
              type: z
                .enum(SCALING_POLICY_TYPES)
                .meta({ typeName: "ScalingPolicyType" })
                .describe("Pods or Percent."),
              value: integer(1, MAX_INT32, "pods or percent").describe("Pods or percent, at least 1."),
              periodSeconds: integer(1, 1800, "seconds").describe("Window the policy counts over."),
            },
            {
              error: (i) =>
                i.code === "invalid_type"
                  ? `${show(i.input)} is not allowed; use { type: "Pods" | "Percent", value, periodSeconds }`
                  : undefined,
            },
          )
          .meta({ typeName: "ScalingPolicy" }),
      )
      .min(1, {
        error: (i) =>
          `${show(i.input)} is not allowed; give at least one policy, or leave it out for the default`,
      })
      .optional()
      .describe("Replaces the default policies. Default: up 4 pods per 60 s; down 10 percent per 60 s."),
    selectPolicy: z
      .enum(SELECT_POLICIES)
      .meta({ typeName: "SelectPolicy" })
      .optional()
      .describe("Which policy wins when several apply; `Disabled` turns this direction off. Default: Max."),
  }),
).meta({ typeName: "ScalingRule" });

const keyReference = (kind: string) =>
  z
    .strictObject(
      {
        name: z
          .string()
          .refine(isDns1123Subdomain, {
            error: (i) =>
              `${show(i.input)} is not a ${kind} name; use lowercase letters, digits, "-" and "."`,
          })
          .describe("Name of the ConfigMap or Secret."),
        key: z
          .string()
          .refine(isConfigKey, {
            error: (i) => `${show(i.input)} is not a ${kind} key; use letters, digits, "-", "_" and "."`,
          })
          .describe("Key inside it."),
        optional: z.boolean().optional().describe("Start the pod even when the object or key is missing."),
      },
      {
        error: (i) =>
          i.code === "invalid_type"
            ? `${show(i.input)} is not allowed; use { name: "<${kind} name>", key: "<key>" }`
            : undefined,
      },
    )
    .meta({ typeName: "KeyReference" });

const ENV_VALUE_HINT = "use a string, { configMapKeyRef: { name, key } } or { secretKeyRef: { name, key } }";
// A literal may be another resource's output (an endpoint, a queue URL); its two options sit in the
// one union, so a value of no allowed shape gets the one message below.
const [deferredLiteral, literal] = input(z.string()).options;
const envValue = z.union(
  [
    deferredLiteral,
    literal,
    z.strictObject({ configMapKeyRef: keyReference("ConfigMap") }).meta({ typeName: "ConfigMapEnvValue" }),
    z.strictObject({ secretKeyRef: keyReference("Secret") }).meta({ typeName: "SecretEnvValue" }),
  ],
  { error: (i) => `${show(i.input)} is not allowed; ${ENV_VALUE_HINT}` },
);

const envFromSource = z.union(
  [
    z
      .strictObject({
        configMap: matching(
          isDns1123SubdomainPattern(),
          (v) => `${show(v)} is not a valid name; use lowercase letters, digits, "-" and "."`,
        ),
        prefix: envPrefix().optional(),
      })
      .meta({ typeName: "ConfigMapEnvSource" }),
    z
      .strictObject({
        secret: matching(
          isDns1123SubdomainPattern(),
          (v) => `${show(v)} is not a valid name; use lowercase letters, digits, "-" and "."`,
        ),
        prefix: envPrefix().optional(),
      })
      .meta({ typeName: "SecretEnvSource" }),
  ],
  {
    error: (i) =>
      `${show(i.input)} is not allowed; use { configMap: "<name>" } or { secret: "<name>" }, one per entry`,
  },
);

function isDns1123SubdomainPattern(): RegExp {
  return { test: isDns1123Subdomain } as unknown as RegExp;
}

function envPrefix() {
  return z.string().refine(isEnvVarName, {
    error: (i) => `${show(i.input)} is not allowed; use letters, digits, "_", "-" and "."`,
  });
}

const customMetric = z.discriminatedUnion(
  "type",
  [
    z
      .strictObject({
        type: z.literal("Pods"),
        name: z.string().min(1, {
          error: (i) => `${show(i.input)} is not allowed; give the metric's name as the adapter serves it`,
        }),
        selector: labelsField().optional(),
        targetAverageValue: quantity("100"),
      })
      .meta({ typeName: "PodsMetric" }),
    z
      .strictObject({
        type: z.literal("External"),
        name: z.string().min(1, {
          error: (i) => `${show(i.input)} is not allowed; give the metric's name as the adapter serves it`,
        }),
        selector: labelsField().optional(),
        targetValue: quantity("30").optional(),
        targetAverageValue: quantity("30").optional(),
      })
      .meta({ typeName: "ExternalMetric" }),
  ],
  {
    error: (i) =>
      i.code === "invalid_union" && typeof i.input === "object" && i.input !== null && !Array.isArray(i.input)
        ? `${show((i.input as { type?: unknown }).type)} is not allowed; use "Pods" or "External"`
        : `${show(i.input)} is not allowed; use { type: "Pods" | "External", name, ... }`,
  },
);

function namespaceName() {
  return z.string().refine(isDns1123Label, {
    error: (i) =>
      `${show(i.input)} is not a namespace name; use at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit`,
  });
}

const egressRule = z
  .strictObject(
    {
      cidrs: z
        .array(
          z.string().refine((v) => parseCidr(v).ok, {
            error: (i) => `${show(i.input)} is not a CIDR block; use e.g. "10.0.32.0/20"`,
          }),
        )
        .min(1, { error: "is empty; name at least one CIDR block" })
        .describe("IPv4 CIDR blocks the pods may reach."),
      ports: z
        .array(integer(1, MAX_PORT))
        .min(1, { error: "is empty; name at least one TCP port" })
        .describe("TCP ports on them."),
    },
    {
      error: (i) =>
        i.code === "invalid_type"
          ? `${show(i.input)} is not allowed; use { cidrs: ["10.0.32.0/20"], ports: [5432] }`
          : undefined,
    },
  )
  .meta({ typeName: "EgressRule" });

const SERVICE_OUTPUTS = z.object({
  deploymentName: z.string().describe("Name of the Deployment."),
  serviceName: z
    .string()
    .describe("Name of the ClusterIP Service: in-cluster clients call `http://<serviceName>.<namespace>`."),
  namespace: z.string().describe("Namespace of every object."),
  hpaName: z.string().describe("Name of the HorizontalPodAutoscaler."),
});

/** What the rules know besides the args: the component's name (the default `name`). */
export type AutoscaledServiceContext = { readonly componentName?: string } | undefined;

/** The image may come from a build (`docker.Image`'s `imageName`); only a known one is checked. */
function imageField(profile: Profile) {
  return input(
    z
      .string({
        error: (i) =>
          i.input === undefined
            ? undefined
            : `${show(i.input)} is not allowed; give the image as "repository:tag" or "repository@sha256:<digest>"`,
      })
      .superRefine((image, ctx) => {
        const problem = imageReferenceProblem(image, profile);
        if (problem) ctx.addIssue({ code: "custom", input: image, message: problem });
      }),
  );
}

/** The one definition of the AutoscaledService component's arguments. */
export const AUTOSCALED_SERVICE_ARGS = defineArgs({
  component: "AutoscaledService",
  description:
    "An HTTP service on Kubernetes scaled by an autoscaling/v2 HPA, following the production playbook: Namespace (optional), ServiceAccount (optional IRSA role), Deployment, ClusterIP Service, PodDisruptionBudget, HPA and, with `metrics`, a ServiceMonitor; with a `canary` or `blueGreen` strategy, an Argo Rollouts Rollout and its AnalysisTemplates. The Kubernetes provider comes through the resource options.",
  schema: (profile) =>
    z.strictObject(
      {
        profile: profileField,
        name: z
          .string()
          .optional()
          .describe(
            "Name of every Kubernetes object and the `app.kubernetes.io/name` label; a DNS-1035 label. Default: the component's name.",
          ),
        namespace: z
          .string()
          .refine(isDns1123Label, {
            error: (i) =>
              `${show(i.input)} is not a DNS-1123 label; use at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit`,
          })
          .optional()
          .describe("Namespace of every object, a DNS-1123 label. Default: the service `name`."),
        createNamespace: z
          .boolean()
          .default(false)
          .describe(
            "Create the namespace (with Pod Security `restricted` enforced) instead of expecting it to exist.",
          ),
        image: imageField(profile).describe(
          "Container image with a tag or a `@sha256:` digest; no `:latest`, and no mutable tag in production.",
        ),
        port: integer(1, MAX_PORT).default(SERVICE_DEFAULTS.port).describe("Port the container listens on."),
        servicePort: integer(1, MAX_PORT)
          .default(SERVICE_DEFAULTS.servicePort)
          .describe("Port the ClusterIP Service exposes."),
        cpu: resources("cpu", { request: "250m", limit: "1" }).describe(
          "CPU request and limit in cores (`250m`, `1`).",
        ),
        memory: resources("memory", { request: "256Mi", limit: "512Mi" }).describe(
          "Memory request and limit in bytes (`256Mi`, `1Gi`).",
        ),
        minReplicas: integer(1, MAX_INT32, "pods")
          .default(byProfile(profile, { development: 1, production: 2 }))
          .describe("Fewest pods the HPA keeps; production needs at least 2."),
        maxReplicas: integer(1, MAX_INT32, "pods")
          .optional()
          .describe(
            "Most pods the HPA may run, at least `minReplicas`. Default: 10 (production) / 3 (development), or `minReplicas` when that is higher.",
          ),
        targetCpuUtilization: integer(1, 100, "percent")
          .default(SERVICE_DEFAULTS.targetCpuUtilization)
          .describe("Average CPU use the HPA aims for, in percent of the CPU request."),
        targetMemoryUtilization: integer(1, 100, "percent")
          .optional()
          .describe(
            "Average memory use the HPA aims for, in percent of the memory request. Default: memory does not scale.",
          ),
        customMetrics: z
          .array(customMetric, {
            error: (i) =>
              i.input === undefined
                ? undefined
                : `${show(i.input)} is not allowed; use a list of Pods or External metrics`,
          })
          .default([])
          .describe(
            "Extra Pods or External metrics; the HPA follows whichever metric asks for the most pods.",
          ),
        scalingBehavior: group(
          z.object({
            scaleUp: scalingRule.optional().describe("Default: stabilisation 60 s, at most 4 pods per 60 s."),
            scaleDown: scalingRule
              .optional()
              .describe("Default: stabilisation 300 s, at most 10 percent per 60 s."),
          }),
        )
          .meta({ typeName: "ScalingBehavior" })
          .optional()
          .describe("HPA behaviour overrides."),
        probes: group(
          z.object({
            startup: probe("startup")
              .optional()
              .describe("Gates the other two until the application has started."),
            readiness: probe("readiness")
              .optional()
              .describe("Takes the pod out of the Service's endpoints while it fails."),
            liveness: probe("liveness").optional().describe("Restarts the container while it fails."),
          }),
        )
          .meta({ typeName: "Probes" })
          .optional()
          .describe(
            "Probe overrides, or `enabled: false` to drop one. Default: all three on the playbook paths.",
          ),
        env: z
          .record(z.string(), envValue, {
            error: (i) =>
              i.input === undefined
                ? undefined
                : `${show(i.input)} is not allowed; use an object of variable names to values`,
          })
          .default({})
          .describe(
            "Environment variables by name: literals (never secrets), ConfigMap keys or Secret keys.",
          ),
        envFrom: z
          .array(envFromSource, {
            error: (i) =>
              i.input === undefined
                ? undefined
                : `${show(i.input)} is not allowed; use a list of { configMap } or { secret }`,
          })
          .default([])
          .describe("Whole ConfigMaps or Secrets as environment variables, later entries winning."),
        serviceAccount: group(
          z.object({
            name: z
              .string()
              .refine(isDns1123Subdomain, {
                error: (i) =>
                  `${show(i.input)} is not a valid ServiceAccount name; use lowercase letters, digits, "-" and "."`,
              })
              .optional()
              .describe("ServiceAccount name, a DNS-1123 subdomain. Default: the service `name`."),
            roleArn: input(
              matching(
                IAM_ROLE_ARN,
                (v) =>
                  `${show(v)} is not an IAM role ARN; use arn:aws:iam::<12-digit account>:role/<name>, e.g. an aws.iam.Role's arn output`,
              ),
            )
              .optional()
              .describe(
                "IAM role ARN for IRSA (`eks.amazonaws.com/role-arn`); its trust policy must name this service account.",
              ),
          }),
        )
          .meta({ typeName: "ServiceAccount" })
          .optional()
          .describe(
            "ServiceAccount name and IRSA role. Default: a ServiceAccount named like the service, no role.",
          ),
        automountServiceAccountToken: z
          .boolean()
          .default(false)
          .describe("Mount a Kubernetes API token in the pod (IRSA does not need it)."),
        runAsUser: z
          .number()
          .refine((v) => v !== 0, {
            error: "0 is root, which runAsNonRoot forbids; use the image's non-root user id, e.g. 65532",
          })
          .pipe(integer(1, MAX_INT32))
          .default(SERVICE_DEFAULTS.runAsUser)
          .describe(
            "Numeric user the container runs as (not 0), set explicitly so no image can run as root. Default: 65532 (the conventional `nonroot`).",
          ),
        runAsGroup: z
          .number()
          .refine((v) => v !== 0, {
            error: "0 is root's group; use the image's non-root group id, e.g. 65532",
          })
          .pipe(integer(1, MAX_INT32))
          .optional()
          .describe("Primary group id of the container's processes. Default: `runAsUser`."),
        ephemeralStorage: group(
          z.object({
            request: quantity(SERVICE_DEFAULTS.ephemeralStorage.request)
              .default(SERVICE_DEFAULTS.ephemeralStorage.request)
              .describe("Local disk (logs, `/tmp`, writable layers) the scheduler reserves."),
            limit: quantity(SERVICE_DEFAULTS.ephemeralStorage.limit)
              .default(SERVICE_DEFAULTS.ephemeralStorage.limit)
              .describe("Local disk above which the kubelet evicts the pod, at least the request."),
          }),
        )
          .meta({ typeName: "EphemeralStorage" })
          .prefault({})
          .describe("`ephemeral-storage` request and limit, so one pod cannot fill its node's disk."),
        networkPolicy: group(
          z.object({
            allowFromNamespaces: z
              .array(namespaceName(), {
                error: (i) =>
                  i.input === undefined
                    ? undefined
                    : `${show(i.input)} is not allowed; use a list of namespace names`,
              })
              .default([])
              .describe(
                "Namespaces whose pods may call the service port, besides the service's own namespace.",
              ),
            monitoringNamespace: namespaceName()
              .default(SERVICE_DEFAULTS.monitoringNamespace)
              .describe("Namespace whose pods may scrape the metrics endpoint (with `metrics`)."),
            egress: z
              .array(egressRule, {
                error: (i) =>
                  i.input === undefined
                    ? undefined
                    : `${show(i.input)} is not allowed; use a list of { cidrs, ports }`,
              })
              .default([])
              .describe(
                "Destinations the pods may reach besides cluster DNS: the database's port and subnets, AWS endpoints.",
              ),
          }),
        )
          .meta({ typeName: "NetworkPolicy" })
          .prefault({})
          .describe(
            "NetworkPolicies: default deny, then ingress on the port from the namespace and the ones named, egress to DNS and what is declared.",
          ),
        allowWritableRootFilesystem: z
          .boolean()
          .default(false)
          .describe("Let the container write to its root filesystem (then no `/tmp` volume is added)."),
        rollingUpdate: group(
          z.object({
            maxUnavailable: intOrPercent
              .default(SERVICE_DEFAULTS.rollingUpdate.maxUnavailable)
              .describe("Pods (or a percentage) that may be unavailable during a rollout."),
            maxSurge: intOrPercent
              .default(SERVICE_DEFAULTS.rollingUpdate.maxSurge)
              .describe("Extra pods (or a percentage) created above the desired count during a rollout."),
          }),
        )
          .meta({ typeName: "RollingUpdate" })
          .prefault({})
          .describe("Rolling update pacing."),
        shutdown: group(
          z.object({
            terminationGracePeriodSeconds: integer(1, MAX_INT32, "seconds")
              .default(SERVICE_DEFAULTS.terminationGracePeriodSeconds)
              .describe("Seconds Kubernetes waits after the preStop pause and SIGTERM before SIGKILL."),
            preStopSleepSeconds: integer(0, MAX_INT32, "seconds")
              .default(SERVICE_DEFAULTS.preStopSleepSeconds)
              .describe(
                "Seconds the preStop hook pauses before SIGTERM so traffic stops first; 0 turns it off.",
              ),
          }),
        )
          .meta({ typeName: "Shutdown" })
          .prefault({})
          .describe("Graceful shutdown timing."),
        topologySpread: group(
          z.object({
            zones: z
              .enum(WHEN_UNSATISFIABLE)
              .meta({ typeName: "WhenUnsatisfiable" })
              .default(byProfile(profile, { development: "ScheduleAnyway", production: "DoNotSchedule" }))
              .describe("Across `topology.kubernetes.io/zone` (max skew 1)."),
            nodes: z
              .enum(WHEN_UNSATISFIABLE)
              .meta({ typeName: "WhenUnsatisfiable" })
              // A preference in both profiles, so the autoscaler never waits on a new node.
              .default("ScheduleAnyway")
              .describe("Across `kubernetes.io/hostname` (max skew 1)."),
          }),
        )
          .meta({ typeName: "TopologySpread" })
          .prefault({})
          .describe("How strictly pods spread over zones and nodes."),
        disruptionBudget: group(
          z.object({
            maxUnavailable: integer(1, MAX_INT32, "pods")
              .optional()
              .describe(
                "Pods a voluntary disruption may take down at once. Default: 1 (when minAvailable is not set).",
              ),
            minAvailable: integer(0, MAX_INT32, "pods")
              .optional()
              .describe("Pods that must stay up instead; must be below `minReplicas`."),
          }),
        )
          .meta({ typeName: "DisruptionBudget" })
          .optional()
          .describe("The PodDisruptionBudget: set one of the two."),
        labels: labelsField(RESERVED_LABELS)
          .default({})
          .describe(
            "Extra labels on every object and on the pods (not `app.kubernetes.io/name` or `app.kubernetes.io/managed-by`).",
          ),
        metrics: group(
          z.object({
            path: z
              .string()
              .refine((p) => p.startsWith("/"), {
                error: (i) =>
                  `${show(i.input)} is not allowed; use an HTTP path starting with "/", e.g. "/metrics"`,
              })
              .default(SERVICE_DEFAULTS.metricsPath)
              .describe("HTTP path of the metrics endpoint on the container port."),
            interval: z
              .string()
              .refine((v) => PROMETHEUS_DURATION.test(v), {
                error: (i) => `${show(i.input)} is not a Prometheus duration; use e.g. "30s" or "1m"`,
              })
              .default(SERVICE_DEFAULTS.metricsInterval)
              .describe("How often Prometheus scrapes, a Prometheus duration."),
          }),
        )
          .meta({ typeName: "Metrics" })
          .optional()
          .describe(
            "Let Prometheus scrape the service's metrics (a ServiceMonitor; the CRD comes with kube-prometheus-stack).",
          ),
        strategy: group(
          z.object({
            type: z
              .enum(DELIVERY_STRATEGIES, {
                error: (i) =>
                  `${show(i.input)} is not a strategy; use ${DELIVERY_STRATEGIES.map((v) => show(v)).join(", ")}`,
              })
              .meta({ typeName: "DeliveryStrategy" })
              .optional()
              .describe(
                "`rolling`: the Deployment's rolling update. `canary` and `blueGreen`: an Argo Rollouts Rollout (the controller must run in the cluster) promoted only while its analysis passes. Default: rolling.",
              ),
            steps: z
              .array(integer(1, 100, "percent"), {
                error: (i) =>
                  i.input === undefined
                    ? undefined
                    : `${show(i.input)} is not allowed; use a list of percentages such as [5, 10, 25, 50, 100]`,
              })
              .min(1, { error: "is empty; give at least one canary weight, or leave it out for the default" })
              .optional()
              .describe(
                `canary: the weights (percent of the pods) the new version goes through, increasing; each is held until its analysis passes. Default: ${PROGRESSIVE_DELIVERY_DEFAULTS.canarySteps.join(", ")}.`,
              ),
            analysis: group(
              z.object({
                availability: z
                  .strictObject({
                    good: selector('http_requests_total{job="api",code!~"5.."}').describe(
                      "Counter selector of good (non-5xx) requests.",
                    ),
                    total: selector('http_requests_total{job="api"}').describe(
                      "Counter selector of all requests.",
                    ),
                  })
                  .meta({ typeName: "AnalysisAvailability" })
                  .describe("The availability SLO's selectors: the error-rate comparison."),
                latency: z
                  .strictObject({
                    bucket: selector('http_request_duration_seconds_bucket{job="api"}').describe(
                      "Selector of the latency histogram's `_bucket` series.",
                    ),
                  })
                  .meta({ typeName: "AnalysisLatency" })
                  .optional()
                  .describe(
                    "The latency SLO's histogram: the p99 and p50 comparisons. Default: none compared.",
                  ),
                excludePaths: z
                  .array(z.string())
                  .optional()
                  .describe(
                    "Request paths left out of every comparison. Default: the service's probe and metrics paths.",
                  ),
                pathLabel: z
                  .string()
                  .optional()
                  .describe('The label carrying the request path. Default: "path".'),
                prometheusUrl: z
                  .string()
                  .refine((v) => /^https?:\/\/[^\s/]+/.test(v), {
                    error: (i) => `${show(i.input)} is not an http(s) URL of Prometheus' API`,
                  })
                  .optional()
                  .describe(
                    "Prometheus' API as the Argo Rollouts controller reaches it. Default: the platform's kube-prometheus-stack.",
                  ),
              }),
            )
              .meta({ typeName: "AnalysisSelectors" })
              .optional()
              .describe(
                "The Prometheus series the new version is compared on with the running one: the selectors of the service's SLO. Required by canary.",
              ),
          }),
        )
          .meta({ typeName: "DeliveryStrategySettings" })
          .optional()
          .describe(
            "How a new version replaces the running one; see docs/teams/progressive-delivery.md. Default: a rolling update.",
          ),
      },
      {
        error: (i) =>
          i.code === "invalid_type"
            ? `${show(i.input)} is not allowed; pass an object with at least image, cpu and memory`
            : undefined,
      },
    ),
  outputs: SERVICE_OUTPUTS,
}).withRules<AutoscaledServiceContext>([
  {
    path: "name",
    when: (a, context) => {
      const name = a.name ?? context?.componentName;
      return name !== undefined && !isDns1035Label(name);
    },
    message: (a, context) =>
      `${a.name === undefined ? `the component name ${show(context?.componentName)} (used when name is not set)` : show(a.name)} is not a DNS-1035 label; use at most 63 lowercase letters, digits and "-", starting with a letter and ending with a letter or digit`,
  },
  ...(["cpu", "memory"] as const).flatMap((resource) => [
    {
      path: `${resource}.limit`,
      when: (a: { cpu: Quantities; memory: Quantities }) => {
        const r = a[resource];
        const request = parseQuantity(r.request);
        const limit = parseQuantity(r.limit);
        const whole = resource === "cpu" || (request && limit && isWhole(request) && isWhole(limit));
        return Boolean(request && limit && whole && compareQuantities(limit, request) < 0);
      },
      message: (a: { cpu: Quantities; memory: Quantities }) =>
        `${show(a[resource].limit)} is below the request ${show(a[resource].request)}; a limit must be at least the request`,
    },
  ]),
  {
    path: "ephemeralStorage.limit",
    when: (a: { ephemeralStorage: Quantities }) => {
      const request = parseQuantity(a.ephemeralStorage.request);
      const limit = parseQuantity(a.ephemeralStorage.limit);
      return Boolean(request && limit && compareQuantities(limit, request) < 0);
    },
    message: (a: { ephemeralStorage: Quantities }) =>
      `${show(a.ephemeralStorage.limit)} is below the request ${show(a.ephemeralStorage.request)}; a limit must be at least the request`,
  },
  ...(["request", "limit"] as const).map((field) => ({
    // A fractional byte count is almost always "m" typed for "Mi".
    path: `memory.${field}`,
    when: (a: { memory: Quantities }) => {
      const q = parseQuantity(a.memory[field]);
      return q !== undefined && !isWhole(q);
    },
    message: (a: { memory: Quantities }) =>
      `${show(a.memory[field])} is a fraction of a byte (the "m" suffix means milli); use Mi or Gi, e.g. "${field === "request" ? "256Mi" : "512Mi"}"`,
  })),
  {
    path: "minReplicas",
    when: (a) => a.profile === "production" && a.minReplicas < 2,
    message: (a) =>
      `${a.minReplicas} is below the production minimum of 2: a single pod means downtime on every node drain; use 2 or more, or profile "development"`,
  },
  {
    path: "maxReplicas",
    when: (a) => replicaBounds(a).minReplicas > replicaBounds(a).maxReplicas,
    message: (a) =>
      `${a.maxReplicas} is below minReplicas (${a.minReplicas}); raise maxReplicas or lower minReplicas`,
  },
  {
    check: (a) =>
      a.customMetrics.flatMap((metric, i): ValidationIssue[] =>
        metric.type === "External" &&
        (metric.targetValue === undefined) === (metric.targetAverageValue === undefined)
          ? [
              {
                path: `customMetrics[${i}]`,
                message:
                  "set exactly one of targetValue (the metric's total) or targetAverageValue (per pod)",
              },
            ]
          : [],
      ),
  },
  {
    check: (a) =>
      Object.entries(a.env).flatMap(([name, value]): ValidationIssue[] => {
        const issues: ValidationIssue[] = [];
        if (!isEnvVarName(name)) {
          issues.push({
            path: `env.${name}`,
            message: `"${name}" is not a valid variable name; use letters, digits, "_", "-" and ".", not starting with a digit`,
          });
        }
        const kind = typeof value === "string" ? credentialKind(value) : undefined;
        if (kind !== undefined) {
          // The value itself is never repeated: the error may end up in a CI log.
          issues.push({
            path: `env.${name}`,
            message: `the literal value of "${name}" looks like ${kind} and would be stored in plain text in the Deployment, the state and every preview; keep it in secret config (pulumi config set --secret) or a Kubernetes Secret and use { secretKeyRef: { name, key } }`,
          });
        } else if ((typeof value === "string" || isDeferred(value)) && looksLikeSecretName(name)) {
          // An Output is a literal too: it lands in the Deployment in plain text all the same.
          issues.push({
            path: `env.${name}`,
            message: `a literal value for "${name}" looks like a secret and would be stored in plain text; put it in a Kubernetes Secret and use { secretKeyRef: { name, key } }`,
          });
        }
        return issues;
      }),
  },
  {
    path: "rollingUpdate",
    when: (a) => isZero(a.rollingUpdate.maxUnavailable) && isZero(a.rollingUpdate.maxSurge),
    message: () =>
      "maxUnavailable and maxSurge are both 0, so a rollout could never replace a pod; allow at least one of them",
  },
  {
    path: "shutdown.preStopSleepSeconds",
    when: (a) => a.shutdown.preStopSleepSeconds >= a.shutdown.terminationGracePeriodSeconds,
    message: (a) =>
      `${a.shutdown.preStopSleepSeconds} is not below the grace period (${a.shutdown.terminationGracePeriodSeconds} s), so the application would be killed before it gets SIGTERM; shorten the pause or lengthen terminationGracePeriodSeconds`,
  },
  {
    path: "metrics",
    when: (a) => deliveryStrategy(a) !== "rolling" && a.metrics === undefined,
    message: (a) =>
      `is required by strategy ${show(deliveryStrategy(a))}: its analysis compares the versions on the series Prometheus scrapes; set metrics (e.g. { path: "/metrics" })`,
  },
  {
    path: "strategy.analysis",
    when: (a) => deliveryStrategy(a) === "canary" && a.strategy?.analysis === undefined,
    message: () =>
      'is required by strategy "canary": give the availability (and latency) selectors of the service\'s SLO, which the canary is compared on',
  },
  {
    path: "strategy.steps",
    when: (a) => a.strategy?.steps !== undefined && deliveryStrategy(a) !== "canary",
    message: (a) => `only apply to strategy "canary", not ${show(deliveryStrategy(a))}; remove them`,
  },
  {
    path: "strategy.steps",
    when: (a) => (a.strategy?.steps ?? []).some((step, i, steps) => i > 0 && step <= steps[i - 1]!),
    message: (a) =>
      `${show(a.strategy?.steps)} is not increasing; give each weight above the one before, e.g. [5, 10, 25, 50, 100]`,
  },
  {
    path: "disruptionBudget",
    when: (a) =>
      a.disruptionBudget?.maxUnavailable !== undefined && a.disruptionBudget.minAvailable !== undefined,
    message: () => "set maxUnavailable or minAvailable, not both (Kubernetes accepts only one)",
  },
  {
    path: "disruptionBudget.minAvailable",
    when: (a) =>
      a.disruptionBudget?.maxUnavailable === undefined &&
      a.disruptionBudget?.minAvailable !== undefined &&
      a.disruptionBudget.minAvailable >= a.minReplicas,
    message: (a) =>
      `${a.disruptionBudget?.minAvailable} is not below minReplicas (${a.minReplicas}), so at the minimum no pod could ever be evicted and node drains would hang; use at most ${Math.max(0, a.minReplicas - 1)}, or maxUnavailable`,
  },
]);

/** A rollout amount of 0 pods or 0 %. */
function isZero(amount: number | string): boolean {
  return amount === 0 || (typeof amount === "string" && Number(PERCENT.exec(amount)?.[1]) === 0);
}

interface Quantities {
  readonly request: string;
  readonly limit: string;
}

/** AutoscaledService arguments as a caller writes them. */
export type AutoscaledServiceArgs = ArgsOf<typeof AUTOSCALED_SERVICE_ARGS>;
/** AutoscaledService arguments with every default filled in. */
export type ResolvedAutoscaledServiceArgs = ResolvedArgsOf<typeof AUTOSCALED_SERVICE_ARGS>;
export type ResourceQuantities = AutoscaledServiceArgs["cpu"];
export type ProbesArgs = NonNullable<AutoscaledServiceArgs["probes"]>;
export type ProbeArgs = NonNullable<ProbesArgs["startup"]>;
export type EnvValue = z.output<typeof envValue>;
export type KeyReference = z.output<ReturnType<typeof keyReference>>;
export type EnvFromSource = z.output<typeof envFromSource>;
export type CustomMetricArgs = z.output<typeof customMetric>;
export type PodsMetricArgs = Extract<CustomMetricArgs, { type: "Pods" }>;
export type ExternalMetricArgs = Extract<CustomMetricArgs, { type: "External" }>;
export type ScalingBehaviorArgs = NonNullable<AutoscaledServiceArgs["scalingBehavior"]>;
export type ScalingRuleArgs = NonNullable<ScalingBehaviorArgs["scaleUp"]>;
export type ScalingPolicyArgs = NonNullable<ScalingRuleArgs["policies"]>[number];
export type RollingUpdateArgs = NonNullable<AutoscaledServiceArgs["rollingUpdate"]>;
export type ShutdownArgs = NonNullable<AutoscaledServiceArgs["shutdown"]>;
export type TopologySpreadArgs = NonNullable<AutoscaledServiceArgs["topologySpread"]>;
export type DisruptionBudgetArgs = NonNullable<AutoscaledServiceArgs["disruptionBudget"]>;
export type MetricsArgs = NonNullable<AutoscaledServiceArgs["metrics"]>;
export type DeliveryStrategyArgs = NonNullable<AutoscaledServiceArgs["strategy"]>;
export type AnalysisSelectorsArgs = NonNullable<DeliveryStrategyArgs["analysis"]>;
export type ServiceAccountArgs = NonNullable<AutoscaledServiceArgs["serviceAccount"]>;
export type NetworkPolicyArgs = ResolvedAutoscaledServiceArgs["networkPolicy"];
export type EgressRuleArgs = z.output<typeof egressRule>;
