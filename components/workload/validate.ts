import * as pulumi from "@pulumi/pulumi";
import { checkProfile, IssueCollector, type Profile, show, type ValidationIssue } from "../core";
import type {
  AutoscaledServiceArgs,
  KeyReference,
  ProbeArgs,
  ScalingPolicyArgs,
  ScalingRuleArgs,
} from "./args";
import { SERVICE_DEFAULTS } from "./defaults";
import { looksLikeSecretName, looksLikeSecretValue } from "./env";
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
import { PROBE_KINDS } from "./probes";
import { compareQuantities, isPositive, isWhole, parseQuantity, type Quantity } from "./quantity";
import { replicaBounds } from "./service-spec";

const IAM_ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const PERCENT = /^(\d{1,3})%$/;
const MAX_PORT = 65535;
const MAX_INT32 = 2 ** 31 - 1;

/** Values still to be computed (outputs, promises) are checked by Kubernetes, not here. */
function isPending(value: unknown): boolean {
  return pulumi.Output.isInstance(value) || value instanceof Promise;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Records an issue unless `value` is an integer in [min, max] (of `unit`); absent values pass. */
function checkInteger(
  issues: IssueCollector,
  path: string,
  value: unknown,
  min: number,
  max: number,
  unit?: string,
): boolean {
  if (value === undefined || isPending(value)) return true;
  const ok = typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
  const range = max === MAX_INT32 ? `${min} or more` : `from ${min} to ${max}`;
  const what = unit ? `a whole number of ${unit}` : "a whole number";
  return issues.check(ok, path, `${show(value)} is not allowed; use ${what}, ${range}`);
}

/** Whether an optional group of settings is absent or an object; records an issue otherwise. */
function isOptionalObject(issues: IssueCollector, path: string, value: unknown): boolean {
  if (value === undefined) return true;
  return issues.check(
    isRecord(value),
    path,
    `${show(value)} is not allowed; use an object of settings or leave it out`,
  );
}

function checkBoolean(issues: IssueCollector, path: string, value: unknown): void {
  if (value === undefined) return;
  issues.check(typeof value === "boolean", path, `${show(value)} is not allowed; use true or false`);
}

function checkOneOf<T extends string>(
  issues: IssueCollector,
  path: string,
  value: unknown,
  allowed: readonly T[],
): void {
  if (value === undefined) return;
  issues.check(
    allowed.includes(value as T),
    path,
    `${show(value)} is not allowed; use one of ${allowed.map((a) => `"${a}"`).join(", ")}`,
  );
}

function checkLabels(
  issues: IssueCollector,
  path: string,
  labels: unknown,
  reserved: readonly string[] = [],
): void {
  if (labels === undefined) return;
  if (!isRecord(labels)) {
    issues.add(path, `${show(labels)} is not allowed; use an object of label keys to string values`);
    return;
  }
  for (const [key, value] of Object.entries(labels)) {
    const at = `${path}["${key}"]`;
    if (!isLabelKey(key)) {
      issues.add(
        at,
        `"${key}" is not a label key; use an optional DNS prefix and "/", then at most 63 letters, digits, "-", "_" or "."`,
      );
    } else if (reserved.includes(key)) {
      issues.add(at, `"${key}" is set by the component (the selector depends on it); remove it`);
    }
    if (typeof value !== "string" || !isLabelValue(value)) {
      issues.add(
        at,
        `${show(value)} is not a label value; use at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`,
      );
    }
  }
}

/** A positive quantity, or an issue saying why not. */
function quantityAt(
  issues: IssueCollector,
  path: string,
  value: unknown,
  example: string,
): Quantity | undefined {
  if (typeof value !== "string") {
    issues.add(path, `${show(value)} is not a Kubernetes quantity; use a string such as "${example}"`);
    return undefined;
  }
  const quantity = parseQuantity(value);
  if (!quantity) {
    issues.add(
      path,
      `"${value}" is not a Kubernetes quantity; use a number with an optional suffix m, k, M, G, T, Ki, Mi, Gi, Ti or an exponent, such as "${example}"`,
    );
    return undefined;
  }
  if (!isPositive(quantity)) {
    issues.add(path, `"${value}" is not above zero; use a positive quantity such as "${example}"`);
    return undefined;
  }
  return quantity;
}

function validateIdentity(issues: IssueCollector, args: AutoscaledServiceArgs, componentName?: string): void {
  const name = args.name ?? componentName;
  if (name !== undefined && !isDns1035Label(name)) {
    const source =
      args.name === undefined ? `the component name ${show(name)} (used when name is not set)` : show(name);
    issues.add(
      "name",
      `${source} is not a DNS-1035 label; use at most 63 lowercase letters, digits and "-", starting with a letter and ending with a letter or digit`,
    );
  }
  if (
    args.namespace !== undefined &&
    !(typeof args.namespace === "string" && isDns1123Label(args.namespace))
  ) {
    issues.add(
      "namespace",
      `${show(args.namespace)} is not a DNS-1123 label; use at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit`,
    );
  }
  checkBoolean(issues, "createNamespace", args.createNamespace);
  checkLabels(issues, "labels", args.labels, RESERVED_LABELS);
}

function validateImage(issues: IssueCollector, image: unknown, profile: Profile): void {
  if (isPending(image)) return;
  if (typeof image !== "string") {
    issues.add(
      "image",
      `${show(image)} is not allowed; give the image as "repository:tag" or "repository@sha256:<digest>"`,
    );
    return;
  }
  const problem = imageReferenceProblem(image, profile);
  if (problem) issues.add("image", problem);
}

function fractionalBytes(value: unknown, example: string): string {
  return `${show(value)} is a fraction of a byte (the "m" suffix means milli); use Mi or Gi, e.g. "${example}"`;
}

function validateResource(
  issues: IssueCollector,
  resource: "cpu" | "memory",
  value: unknown,
  example: { request: string; limit: string },
): void {
  if (!isRecord(value)) {
    issues.add(
      resource,
      `${show(value)} is not allowed; ${resource} needs a request and a limit, e.g. { request: "${example.request}", limit: "${example.limit}" }`,
    );
    return;
  }
  const { request, limit } = value;
  let requested: Quantity | undefined;
  if (request === undefined) {
    issues.add(
      `${resource}.request`,
      limit !== undefined && resource === "cpu"
        ? `is required when a CPU limit is set (Kubernetes would silently make the request equal the limit); set a request, e.g. "${example.request}"`
        : `is required: the scheduler places pods by their requests and the HPA measures utilisation against them; set it, e.g. "${example.request}"`,
    );
  } else {
    requested = quantityAt(issues, `${resource}.request`, request, example.request);
  }
  let limited: Quantity | undefined;
  if (limit === undefined) {
    issues.add(
      `${resource}.limit`,
      resource === "memory"
        ? `is required: without a memory limit one pod can exhaust its node's memory; set it at or above the request, e.g. "${example.limit}"`
        : `is required; set it at or above the request, e.g. "${example.limit}"`,
    );
  } else {
    limited = quantityAt(issues, `${resource}.limit`, limit, example.limit);
  }
  // A fractional byte count is almost always "m" typed for "Mi"; comparing it would only add noise.
  if (resource === "memory" && requested && !isWhole(requested)) {
    issues.add("memory.request", fractionalBytes(request, example.request));
    requested = undefined;
  }
  if (resource === "memory" && limited && !isWhole(limited)) {
    issues.add("memory.limit", fractionalBytes(limit, example.limit));
    limited = undefined;
  }
  if (requested && limited && compareQuantities(limited, requested) < 0) {
    issues.add(
      `${resource}.limit`,
      `${show(limit)} is below the request ${show(request)}; a limit must be at least the request`,
    );
  }
}

function validateReplicas(issues: IssueCollector, args: AutoscaledServiceArgs, profile: Profile): void {
  const minOk = checkInteger(issues, "minReplicas", args.minReplicas, 1, MAX_INT32, "pods");
  const maxOk = checkInteger(issues, "maxReplicas", args.maxReplicas, 1, MAX_INT32, "pods");
  if (!minOk || !maxOk) return;
  const { minReplicas, maxReplicas } = replicaBounds({ ...args, profile });
  if (profile === "production" && minReplicas < 2) {
    issues.add(
      "minReplicas",
      `${minReplicas} is below the production minimum of 2: a single pod means downtime on every node drain; use 2 or more, or profile "development"`,
    );
  }
  if (minReplicas > maxReplicas) {
    issues.add(
      "maxReplicas",
      `${maxReplicas} is below minReplicas (${minReplicas}); raise maxReplicas or lower minReplicas`,
    );
  }
}

function validateMetrics(issues: IssueCollector, args: AutoscaledServiceArgs): void {
  checkInteger(issues, "targetCpuUtilization", args.targetCpuUtilization, 1, 100, "percent");
  checkInteger(issues, "targetMemoryUtilization", args.targetMemoryUtilization, 1, 100, "percent");
  if (args.customMetrics === undefined) return;
  if (!Array.isArray(args.customMetrics)) {
    issues.add(
      "customMetrics",
      `${show(args.customMetrics)} is not allowed; use a list of Pods or External metrics`,
    );
    return;
  }
  args.customMetrics.forEach((metric: unknown, i) => {
    const at = `customMetrics[${i}]`;
    if (!isRecord(metric)) {
      issues.add(at, `${show(metric)} is not allowed; use { type: "Pods" | "External", name, ... }`);
      return;
    }
    if (typeof metric.name !== "string" || metric.name.length === 0) {
      issues.add(
        `${at}.name`,
        `${show(metric.name)} is not allowed; give the metric's name as the adapter serves it`,
      );
    }
    checkLabels(issues, `${at}.selector`, metric.selector);
    if (metric.type === "Pods") {
      quantityAt(issues, `${at}.targetAverageValue`, metric.targetAverageValue, "100");
    } else if (metric.type === "External") {
      const value = metric.targetValue;
      const average = metric.targetAverageValue;
      if ((value === undefined) === (average === undefined)) {
        issues.add(at, "set exactly one of targetValue (the metric's total) or targetAverageValue (per pod)");
      } else if (value !== undefined) {
        quantityAt(issues, `${at}.targetValue`, value, "30");
      } else {
        quantityAt(issues, `${at}.targetAverageValue`, average, "30");
      }
    } else {
      issues.add(`${at}.type`, `${show(metric.type)} is not allowed; use "Pods" or "External"`);
    }
  });
}

function validateScalingRule(issues: IssueCollector, path: string, rule: ScalingRuleArgs | undefined): void {
  if (rule === undefined || !isOptionalObject(issues, path, rule)) return;
  checkInteger(
    issues,
    `${path}.stabilizationWindowSeconds`,
    rule.stabilizationWindowSeconds,
    0,
    3600,
    "seconds",
  );
  checkOneOf(issues, `${path}.selectPolicy`, rule.selectPolicy, ["Max", "Min", "Disabled"]);
  if (rule.policies === undefined) return;
  if (!Array.isArray(rule.policies) || rule.policies.length === 0) {
    issues.add(
      `${path}.policies`,
      `${show(rule.policies)} is not allowed; give at least one policy, or leave it out for the default`,
    );
    return;
  }
  rule.policies.forEach((policy: ScalingPolicyArgs, i) => {
    const at = `${path}.policies[${i}]`;
    if (!isRecord(policy)) {
      issues.add(
        at,
        `${show(policy)} is not allowed; use { type: "Pods" | "Percent", value, periodSeconds }`,
      );
      return;
    }
    checkOneOf(issues, `${at}.type`, policy.type, ["Pods", "Percent"]);
    if (policy.value === undefined) issues.add(`${at}.value`, "is required");
    checkInteger(
      issues,
      `${at}.value`,
      policy.value,
      1,
      MAX_INT32,
      policy.type === "Percent" ? "percent" : "pods",
    );
    if (policy.periodSeconds === undefined) issues.add(`${at}.periodSeconds`, "is required");
    checkInteger(issues, `${at}.periodSeconds`, policy.periodSeconds, 1, 1800, "seconds");
  });
}

function validateProbe(
  issues: IssueCollector,
  kind: (typeof PROBE_KINDS)[number],
  probe: ProbeArgs | undefined,
): void {
  const at = `probes.${kind}`;
  if (probe === undefined || !isOptionalObject(issues, at, probe)) return;
  checkBoolean(issues, `${at}.enabled`, probe.enabled);
  if (probe.path !== undefined && !(typeof probe.path === "string" && probe.path.startsWith("/"))) {
    issues.add(`${at}.path`, `${show(probe.path)} is not allowed; use an HTTP path starting with "/"`);
  }
  checkInteger(issues, `${at}.port`, probe.port, 1, MAX_PORT);
  checkInteger(issues, `${at}.initialDelaySeconds`, probe.initialDelaySeconds, 0, MAX_INT32, "seconds");
  checkInteger(issues, `${at}.periodSeconds`, probe.periodSeconds, 1, MAX_INT32, "seconds");
  checkInteger(issues, `${at}.timeoutSeconds`, probe.timeoutSeconds, 1, MAX_INT32, "seconds");
  checkInteger(issues, `${at}.failureThreshold`, probe.failureThreshold, 1, MAX_INT32, "probes");
  if (kind === "readiness") {
    checkInteger(issues, `${at}.successThreshold`, probe.successThreshold, 1, MAX_INT32, "probes");
  } else if (probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    issues.add(
      `${at}.successThreshold`,
      `${show(probe.successThreshold)} is not allowed; Kubernetes requires 1 for ${kind} probes`,
    );
  }
}

/** A Prometheus duration as scrape intervals take it: `30s`, `1m`, `1m30s`. */
const PROMETHEUS_DURATION = /^(?:\d+(?:ms|s|m|h))+$/;

function validateScraping(issues: IssueCollector, metrics: AutoscaledServiceArgs["metrics"]): void {
  if (metrics === undefined || !isOptionalObject(issues, "metrics", metrics)) return;
  if (metrics.path !== undefined && !(typeof metrics.path === "string" && metrics.path.startsWith("/"))) {
    issues.add(
      "metrics.path",
      `${show(metrics.path)} is not allowed; use an HTTP path starting with "/", e.g. "/metrics"`,
    );
  }
  if (
    metrics.interval !== undefined &&
    !(typeof metrics.interval === "string" && PROMETHEUS_DURATION.test(metrics.interval))
  ) {
    issues.add(
      "metrics.interval",
      `${show(metrics.interval)} is not a Prometheus duration; use e.g. "30s" or "1m"`,
    );
  }
}

function validateKeyReference(issues: IssueCollector, path: string, reference: unknown, kind: string): void {
  if (!isRecord(reference)) {
    issues.add(path, `${show(reference)} is not allowed; use { name: "<${kind} name>", key: "<key>" }`);
    return;
  }
  const { name, key, optional } = reference as Partial<KeyReference>;
  if (typeof name !== "string" || !isDns1123Subdomain(name)) {
    issues.add(
      `${path}.name`,
      `${show(name)} is not a ${kind} name; use lowercase letters, digits, "-" and "."`,
    );
  }
  if (typeof key !== "string" || !isConfigKey(key)) {
    issues.add(`${path}.key`, `${show(key)} is not a ${kind} key; use letters, digits, "-", "_" and "."`);
  }
  checkBoolean(issues, `${path}.optional`, optional);
}

function validateEnv(issues: IssueCollector, args: AutoscaledServiceArgs): void {
  if (args.env !== undefined) {
    if (!isRecord(args.env)) {
      issues.add("env", `${show(args.env)} is not allowed; use an object of variable names to values`);
    } else {
      for (const [name, value] of Object.entries(args.env)) {
        const at = `env.${name}`;
        if (!isEnvVarName(name)) {
          issues.add(
            at,
            `"${name}" is not a valid variable name; use letters, digits, "_", "-" and ".", not starting with a digit`,
          );
        }
        if (typeof value === "string") {
          if (looksLikeSecretName(name) || looksLikeSecretValue(value)) {
            issues.add(
              at,
              `a literal value for "${name}" looks like a secret and would be stored in plain text; put it in a Kubernetes Secret and use { secretKeyRef: { name, key } }`,
            );
          }
        } else if (isRecord(value) && "secretKeyRef" in value && !("configMapKeyRef" in value)) {
          validateKeyReference(issues, `${at}.secretKeyRef`, value.secretKeyRef, "Secret");
        } else if (isRecord(value) && "configMapKeyRef" in value && !("secretKeyRef" in value)) {
          validateKeyReference(issues, `${at}.configMapKeyRef`, value.configMapKeyRef, "ConfigMap");
        } else if (!isPending(value)) {
          issues.add(
            at,
            `${show(value)} is not allowed; use a string, { configMapKeyRef: { name, key } } or { secretKeyRef: { name, key } }`,
          );
        }
      }
    }
  }
  if (args.envFrom === undefined) return;
  if (!Array.isArray(args.envFrom)) {
    issues.add("envFrom", `${show(args.envFrom)} is not allowed; use a list of { configMap } or { secret }`);
    return;
  }
  args.envFrom.forEach((source: unknown, i) => {
    const at = `envFrom[${i}]`;
    if (!isRecord(source) || "configMap" in source === "secret" in source) {
      issues.add(
        at,
        `${show(source)} is not allowed; use { configMap: "<name>" } or { secret: "<name>" }, one per entry`,
      );
      return;
    }
    const [field, name] = "configMap" in source ? ["configMap", source.configMap] : ["secret", source.secret];
    if (typeof name !== "string" || !isDns1123Subdomain(name)) {
      issues.add(
        `${at}.${field}`,
        `${show(name)} is not a valid name; use lowercase letters, digits, "-" and "."`,
      );
    }
    if (source.prefix !== undefined && !(typeof source.prefix === "string" && isEnvVarName(source.prefix))) {
      issues.add(
        `${at}.prefix`,
        `${show(source.prefix)} is not allowed; use letters, digits, "_", "-" and "."`,
      );
    }
  });
}

function validateServiceAccount(issues: IssueCollector, args: AutoscaledServiceArgs): void {
  checkBoolean(issues, "automountServiceAccountToken", args.automountServiceAccountToken);
  const account = args.serviceAccount;
  if (account === undefined || !isOptionalObject(issues, "serviceAccount", account)) return;
  if (account.name !== undefined && !(typeof account.name === "string" && isDns1123Subdomain(account.name))) {
    issues.add(
      "serviceAccount.name",
      `${show(account.name)} is not a valid ServiceAccount name; use lowercase letters, digits, "-" and "."`,
    );
  }
  const roleArn = account.roleArn;
  if (
    roleArn !== undefined &&
    !isPending(roleArn) &&
    !(typeof roleArn === "string" && IAM_ROLE_ARN.test(roleArn))
  ) {
    issues.add(
      "serviceAccount.roleArn",
      `${show(roleArn)} is not an IAM role ARN; use arn:aws:iam::<12-digit account>:role/<name>, e.g. an aws.iam.Role's arn output`,
    );
  }
}

function checkIntOrPercent(issues: IssueCollector, path: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  const percent = typeof value === "string" ? PERCENT.exec(value) : null;
  if (percent && Number(percent[1]) <= 100) return Number(percent[1]);
  issues.add(
    path,
    `${show(value)} is not allowed; use a whole number of pods (0 or more) or a percentage such as "25%"`,
  );
  return undefined;
}

function validatePod(issues: IssueCollector, args: AutoscaledServiceArgs): void {
  checkInteger(issues, "port", args.port, 1, MAX_PORT);
  checkInteger(issues, "servicePort", args.servicePort, 1, MAX_PORT);
  if (args.runAsUser === 0) {
    issues.add(
      "runAsUser",
      "0 is root, which runAsNonRoot forbids; use the image's non-root user id, e.g. 65532",
    );
  } else {
    checkInteger(issues, "runAsUser", args.runAsUser, 1, MAX_INT32);
  }
  checkBoolean(issues, "allowWritableRootFilesystem", args.allowWritableRootFilesystem);

  const rolling = args.rollingUpdate;
  if (rolling !== undefined && isOptionalObject(issues, "rollingUpdate", rolling)) {
    const unavailable = checkIntOrPercent(issues, "rollingUpdate.maxUnavailable", rolling.maxUnavailable);
    const surge = checkIntOrPercent(issues, "rollingUpdate.maxSurge", rolling.maxSurge);
    const effectiveUnavailable =
      rolling.maxUnavailable === undefined ? SERVICE_DEFAULTS.rollingUpdate.maxUnavailable : unavailable;
    const effectiveSurge = rolling.maxSurge === undefined ? SERVICE_DEFAULTS.rollingUpdate.maxSurge : surge;
    if (effectiveUnavailable === 0 && effectiveSurge === 0) {
      issues.add(
        "rollingUpdate",
        "maxUnavailable and maxSurge are both 0, so a rollout could never replace a pod; allow at least one of them",
      );
    }
  }

  const shutdown = args.shutdown;
  if (shutdown !== undefined && isOptionalObject(issues, "shutdown", shutdown)) {
    const graceOk = checkInteger(
      issues,
      "shutdown.terminationGracePeriodSeconds",
      shutdown.terminationGracePeriodSeconds,
      1,
      MAX_INT32,
      "seconds",
    );
    const sleepOk = checkInteger(
      issues,
      "shutdown.preStopSleepSeconds",
      shutdown.preStopSleepSeconds,
      0,
      MAX_INT32,
      "seconds",
    );
    const grace = shutdown.terminationGracePeriodSeconds ?? SERVICE_DEFAULTS.terminationGracePeriodSeconds;
    const sleep = shutdown.preStopSleepSeconds ?? SERVICE_DEFAULTS.preStopSleepSeconds;
    if (graceOk && sleepOk && sleep >= grace) {
      issues.add(
        "shutdown.preStopSleepSeconds",
        `${sleep} is not below the grace period (${grace} s), so the application would be killed before it gets SIGTERM; shorten the pause or lengthen terminationGracePeriodSeconds`,
      );
    }
  }

  if (!isOptionalObject(issues, "topologySpread", args.topologySpread)) return;
  checkOneOf(issues, "topologySpread.zones", args.topologySpread?.zones, ["DoNotSchedule", "ScheduleAnyway"]);
  checkOneOf(issues, "topologySpread.nodes", args.topologySpread?.nodes, ["DoNotSchedule", "ScheduleAnyway"]);
}

function validateDisruptionBudget(
  issues: IssueCollector,
  args: AutoscaledServiceArgs,
  profile: Profile,
): void {
  const budget = args.disruptionBudget;
  if (budget === undefined || !isOptionalObject(issues, "disruptionBudget", budget)) return;
  if (budget.maxUnavailable !== undefined && budget.minAvailable !== undefined) {
    issues.add(
      "disruptionBudget",
      "set maxUnavailable or minAvailable, not both (Kubernetes accepts only one)",
    );
    return;
  }
  checkInteger(issues, "disruptionBudget.maxUnavailable", budget.maxUnavailable, 1, MAX_INT32, "pods");
  if (!checkInteger(issues, "disruptionBudget.minAvailable", budget.minAvailable, 0, MAX_INT32, "pods"))
    return;
  if (budget.minAvailable === undefined) return;
  const { minReplicas } = replicaBounds({ ...args, profile });
  if (budget.minAvailable >= minReplicas) {
    issues.add(
      "disruptionBudget.minAvailable",
      `${budget.minAvailable} is not below minReplicas (${minReplicas}), so at the minimum no pod could ever be evicted and node drains would hang; use at most ${Math.max(0, minReplicas - 1)}, or maxUnavailable`,
    );
  }
}

/**
 * Every problem with `args`, each with its arg path. `componentName` is the name used when
 * `args.name` is not set.
 */
export function validateAutoscaledServiceArgs(
  args: AutoscaledServiceArgs,
  componentName?: string,
): ValidationIssue[] {
  if (!isRecord(args)) {
    return [
      {
        path: "args",
        message: `${show(args)} is not allowed; pass an object with at least image, cpu and memory`,
      },
    ];
  }
  const issues = new IssueCollector();
  const profile = checkProfile(issues, args.profile);
  validateIdentity(issues, args, componentName);
  validateImage(issues, args.image, profile);
  validateResource(issues, "cpu", args.cpu, { request: "250m", limit: "1" });
  validateResource(issues, "memory", args.memory, { request: "256Mi", limit: "512Mi" });
  validateReplicas(issues, args, profile);
  validateMetrics(issues, args);
  if (isOptionalObject(issues, "probes", args.probes)) {
    for (const kind of PROBE_KINDS) validateProbe(issues, kind, args.probes?.[kind]);
  }
  if (isOptionalObject(issues, "scalingBehavior", args.scalingBehavior)) {
    validateScalingRule(issues, "scalingBehavior.scaleUp", args.scalingBehavior?.scaleUp);
    validateScalingRule(issues, "scalingBehavior.scaleDown", args.scalingBehavior?.scaleDown);
  }
  validateEnv(issues, args);
  validateServiceAccount(issues, args);
  validatePod(issues, args);
  validateDisruptionBudget(issues, args, profile);
  validateScraping(issues, args.metrics);
  return [...issues.issues];
}
