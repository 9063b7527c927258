import * as pulumi from "@pulumi/pulumi";
import { validateClusterArgs } from "../components/cluster";
import { InfraValidationError, type ValidationIssue } from "../components/core";
import { validatePostgresArgs } from "../components/database";
import { validateDeployRunnerArgs } from "../components/delivery";
import { selectAvailabilityZones, validateNetworkArgs } from "../components/network";
import { validateObservabilityArgs } from "../components/observability";
import { validateAutoscaledServiceArgs } from "../components/workload";
import {
  clusterArgs,
  componentNames,
  databaseArgs,
  deployRunnerArgs,
  networkArgs,
  observabilityArgs,
  serviceArgs,
} from "./component-args";
import { CONFIG_NAMESPACE, configSchema, resolveConfig, type EnvironmentConfig } from "./config";
import { configIssues } from "./config-issues";
import { keysIssues } from "./keys";
import { preflightIssues, type DeploymentTarget } from "./preflight";

/** A validated environment: its config and the availability zones it uses. */
export interface Environment {
  readonly config: EnvironmentConfig;
  readonly zones: readonly string[];
  /** `aws:allowedAccountIds`, checked: the accounts whose roles may be given access. */
  readonly allowedAccountIds?: readonly string[];
}

/** `aws:allowedAccountIds` when it has the right shape; the account check reports any other. */
function accountList(value: unknown): readonly string[] | undefined {
  return Array.isArray(value) && value.every((id) => typeof id === "string") ? value : undefined;
}

/** Stands in for another component's output while validating: validators skip what is not yet known. */
function pending<T>(): pulumi.Output<T> {
  return pulumi.output(undefined) as unknown as pulumi.Output<T>;
}

type Remap = Readonly<Record<string, string>>;

/** Re-roots a component's issues under the config key they came from (`instanceClass` → `infra:database.instanceClass`). */
function under(section: string, issues: readonly ValidationIssue[], remap: Remap = {}): ValidationIssue[] {
  return issues.map(({ path, message }) => {
    const head = /^[^.[]+/.exec(path)?.[0] ?? path;
    const moved = remap[head];
    if (moved !== undefined) return { path: moved + path.slice(head.length), message };
    return {
      path: `${CONFIG_NAMESPACE}:${section}${path.startsWith("[") || !path ? "" : "."}${path}`,
      message,
    };
  });
}

const LOG_RETENTION = `${CONFIG_NAMESPACE}:observability.logRetentionDays`;
const ZONE_COUNT = `${CONFIG_NAMESPACE}:network.availabilityZoneCount`;
/** Every component's `kmsKeyAccess` comes from this one key. */
const KEYS = `${CONFIG_NAMESPACE}:keys`;

/** Alert subscriptions are built from two config lists; point each problem back at its own list. */
function subscriptionPath(config: EnvironmentConfig, issue: ValidationIssue): ValidationIssue {
  // The production pager is an https subscription, which only alertWebhooks can give.
  if (issue.path === "alertSubscriptions") return { path: "alertWebhooks", message: issue.message };
  const match = /^alertSubscriptions\[(\d+)\](.*)$/.exec(issue.path);
  if (!match) return issue;
  const index = Number(match[1]);
  const emails = config.observability.alertEmails?.length ?? 0;
  const path =
    index < emails
      ? `alertEmails[${index}]`
      : `alertWebhooks[${index - emails}]${match[2]?.replace(".endpoint", ".url")}`;
  return { path, message: issue.message };
}

/** Every problem the components would find with this config, each under its config path. */
function componentIssues(
  config: EnvironmentConfig,
  zones: readonly string[],
  skip: ReadonlySet<string>,
  allowedAccountIds: readonly string[] | undefined,
): ValidationIssue[] {
  const names = componentNames(config);
  const zonesKnown = !skip.has("zones");
  const issues: ValidationIssue[] = [];
  if (zonesKnown && !skip.has("network") && !skip.has("observability")) {
    issues.push(
      ...under("network", validateNetworkArgs(networkArgs(config, zones)), {
        availabilityZones: ZONE_COUNT,
        flowLogRetentionDays: LOG_RETENTION,
      }),
    );
  }
  if (zonesKnown && !skip.has("cluster") && !skip.has("observability")) {
    const args = clusterArgs(config, zones, {
      vpcId: pending(),
      privateSubnetIds: pending(),
      allowedAccountIds,
    });
    issues.push(
      ...under("cluster", validateClusterArgs(args, names.cluster), {
        logRetentionDays: LOG_RETENTION,
        subnetAvailabilityZones: ZONE_COUNT,
        kmsKeyAccess: KEYS,
      }),
    );
  }
  if (config.delivery.runner === "codebuild" && !skip.has("delivery") && !skip.has("observability")) {
    const args = deployRunnerArgs(config, { vpcId: pending(), privateSubnetIds: pending() });
    issues.push(
      ...under("delivery", validateDeployRunnerArgs(args), {
        logRetentionDays: LOG_RETENTION,
        projectName: `${CONFIG_NAMESPACE}:delivery`,
      }),
    );
  }
  if (config.database && !skip.has("database")) {
    const args = databaseArgs(config, config.database, {
      vpcId: pending(),
      isolatedSubnetIds: pending(),
      nodeSecurityGroupId: pending(),
      alertTopicArn: pending(),
      pageTopicArn: pending(),
    });
    issues.push(...under("database", validatePostgresArgs(args), { logRetentionDays: LOG_RETENTION }));
  }
  if (!skip.has("observability")) {
    const args = observabilityArgs(
      config,
      {
        cluster: { name: pending(), oidcProviderArn: pending(), oidcIssuerUrl: pending() },
        natGatewayIds: [],
      },
      "plain-for-validation",
    );
    issues.push(
      ...under(
        "observability",
        validateObservabilityArgs(args).map((i) => subscriptionPath(config, i)),
      ),
    );
  }
  if (!skip.has("services")) {
    const seen = new Set<string>();
    config.services.forEach((service, i) => {
      const path = `${CONFIG_NAMESPACE}:services[${i}]`;
      if (seen.has(service.name)) {
        issues.push({
          path: `${path}.name`,
          message: `"${service.name}" is used by an earlier service; names must be unique`,
        });
      }
      seen.add(service.name);
      issues.push(
        ...under(`services[${i}]`, validateAutoscaledServiceArgs(serviceArgs(config, service), service.name)),
      );
    });
  }
  if (!skip.has("services") && !skip.has("observability")) {
    const services = new Set(config.services.map((s) => s.name));
    (config.observability.slos ?? []).forEach((slo, i) => {
      if (!services.has(slo.service)) {
        issues.push({
          path: `${CONFIG_NAMESPACE}:observability.slos[${i}].service`,
          message: `"${slo.service}" is not a service of this stack; use one of ${[...services].map((s) => `"${s}"`).join(", ") || "(none: add it to infra:services)"}`,
        });
      }
    });
  }
  return withoutRepeats(issues);
}

/**
 * Several components take the same config value (the log retention feeds the flow logs, the
 * control plane and Container Insights): report each such key once.
 */
function withoutRepeats(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const shared = new Set([LOG_RETENTION, ZONE_COUNT]);
  const seen = new Set<string>();
  return issues.filter((issue) => {
    if (!shared.has(issue.path)) return true;
    if (seen.has(issue.path)) return false;
    seen.add(issue.path);
    return true;
  });
}

/** Unknown keys first, then the problems in the order of the config's keys, whichever check found them. */
function inConfigOrder(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const keys = Object.keys(configSchema.shape);
  const rank = (issue: ValidationIssue) => {
    if (issue.message.startsWith("unknown key")) return -1;
    const key = new RegExp(`^${CONFIG_NAMESPACE}:([^.[]+)`).exec(issue.path)?.[1] ?? "";
    const index = keys.indexOf(key);
    return index < 0 ? keys.length : index;
  };
  return [...issues].sort((a, b) => rank(a) - rank(b));
}

/**
 * Validates the stack's `infra:` config against the schema and against every component's rules,
 * then runs the preflight checks (reachability, accounts, pod capacity, custom resources), and
 * reports all problems at once, each with its config path. Sections the schema rejects are not
 * checked further (their values are not trustworthy); the others are.
 */
export function loadEnvironment(
  raw: Record<string, unknown>,
  environment: string,
  regionZones: readonly string[],
  target: DeploymentTarget,
): Environment {
  const parsed = configSchema.safeParse(raw, { reportInput: true });
  const issues: ValidationIssue[] = parsed.success
    ? []
    : configIssues(CONFIG_NAMESPACE, configSchema, parsed.error);
  const broken = new Set(parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[0] ?? "")));
  const usable = parsed.success
    ? parsed
    : configSchema.safeParse(
        Object.fromEntries(
          Object.entries(raw).filter(([key]) => key in configSchema.shape && !broken.has(key)),
        ),
      );

  let environmentResult: Environment | undefined;
  if (usable.success) {
    const config = resolveConfig(usable.data, environment);
    const selection = selectAvailabilityZones({
      regionZones: [...regionZones],
      count: config.network.availabilityZoneCount,
      forCluster: true,
    });
    if (!broken.has("network")) issues.push(...under("network", selection.issues));
    const skip = new Set([...broken, ...(selection.issues.length > 0 ? ["zones"] : [])]);
    const allowedAccountIds = accountList(target.allowedAccountIds);
    issues.push(...componentIssues(config, selection.zones, skip, allowedAccountIds));
    if (!broken.has("keys")) issues.push(...keysIssues(config));
    // A key the components already reject is not reported twice.
    const reported = new Set(issues.map((issue) => issue.path));
    issues.push(...preflightIssues(config, raw, target).filter((issue) => !reported.has(issue.path)));
    environmentResult = { config, zones: selection.zones, allowedAccountIds };
  }
  if (issues.length > 0 || !environmentResult) {
    throw new InfraValidationError(`invalid configuration for stack "${environment}"`, inConfigOrder(issues));
  }
  return environmentResult;
}
