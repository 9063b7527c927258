import { ProjectError, listStacks, loadProject, loadStackConfig } from "../synth/project";
import { deliveryConfigSchema } from "../../stacks/config";
import {
  RUNNER_JOBS,
  resolveDelivery,
  runsOn,
  type DeployRunnerKind,
  type RunnerJob,
  type WorkflowRun,
} from "../../stacks/delivery";
import { ALLOWED_ACCOUNTS_KEY, PLACEHOLDER_ACCOUNT_ID } from "../../stacks/preflight/accounts";
import { PROFILE_NAMES, type Profile } from "../../stacks/profiles";

/**
 * What the workflows need to know about each stack, read from its `Pulumi.<stack>.yaml` alone: a new
 * environment is one file, and every workflow's matrix follows.
 */
export interface StackEntry {
  readonly stack: string;
  /** `aws:region`. */
  readonly region: string;
  readonly profile: Profile;
  /** GitHub environment the stack's `up` runs in. */
  readonly environment: string;
  /** Deploy wave (`infra:delivery.order`); entries are sorted by it, then by name. */
  readonly order: number;
  readonly runner: DeployRunnerKind;
  /** `aws:allowedAccountIds`. */
  readonly accountIds: readonly string[];
  /** The roles the workflows assume for this stack (`infra:delivery.roles`), in its own account. */
  readonly roles: { readonly deploy: string; readonly readOnly: string };
  /** The `runs-on` value of each job that runs for this stack. */
  readonly runsOn: Readonly<Record<RunnerJob, readonly string[]>>;
}

export interface StackList {
  readonly stacks: StackEntry[];
  /** What keeps a stack from deploying; any makes `infra stacks` exit 1. */
  readonly problems: string[];
}

function decoded(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Every stack of the project in deploy order, with what would stop it from deploying. */
export function readStacks(dir: string, run: WorkflowRun): StackList {
  const project = loadProject(dir);
  const problems: string[] = [];
  const stacks = listStacks(dir).flatMap((stack): StackEntry[] => {
    const file = `Pulumi.${stack}.yaml`;
    const { config } = loadStackConfig(project, stack);
    const region = config["aws:region"];
    const profile = config[`${project.name}:profile`];
    const accountIds = decoded(config[ALLOWED_ACCOUNTS_KEY]);
    const delivery = deliveryConfigSchema.safeParse(decoded(config[`${project.name}:delivery`]) ?? {});
    const before = problems.length;
    if (!region) problems.push(`${file}: aws:region is not set`);
    if (!PROFILE_NAMES.includes(profile as Profile))
      problems.push(`${file}: ${project.name}:profile must be one of ${PROFILE_NAMES.join(", ")}`);
    if (!Array.isArray(accountIds) || accountIds.length === 0) {
      problems.push(`${file}: ${ALLOWED_ACCOUNTS_KEY} is not set; name the account(s) the stack deploys to`);
    } else if (accountIds.map(String).includes(PLACEHOLDER_ACCOUNT_ID)) {
      problems.push(
        `${file}: ${ALLOWED_ACCOUNTS_KEY} holds AWS's documentation placeholder ${PLACEHOLDER_ACCOUNT_ID}; replace it with the account the stack deploys to`,
      );
    }
    if (!delivery.success)
      problems.push(
        `${file}: ${project.name}:delivery is invalid (run \`infra synth ${stack}\` for details)`,
      );
    const roles = delivery.success ? delivery.data.roles : undefined;
    if (delivery.success && !roles) {
      problems.push(
        `${file}: ${project.name}:delivery.roles is not set; name the deploy and read-only roles of the stack's account (docs/operators/deploy-roles.md)`,
      );
    }
    const allowed = Array.isArray(accountIds) ? accountIds.map(String) : [];
    for (const [key, arn] of Object.entries(roles ?? {})) {
      const account = /^arn:[^:]+:iam::(\d{12}):/.exec(arn)?.[1];
      if (account && allowed.length > 0 && !allowed.includes(account))
        problems.push(
          `${file}: ${project.name}:delivery.roles.${key} is in account ${account}, not in ${ALLOWED_ACCOUNTS_KEY} (${allowed.join(", ")}); each stack assumes roles of its own account`,
        );
    }
    if (problems.length > before || !delivery.success || !roles) return [];
    const resolved = resolveDelivery(stack, profile as Profile, delivery.data);
    return [
      {
        stack,
        region: region!,
        profile: profile as Profile,
        environment: resolved.environment,
        order: resolved.order,
        runner: resolved.runner,
        accountIds: (accountIds as unknown[]).map(String),
        roles: { deploy: roles.deploy, readOnly: roles.readOnly },
        runsOn: Object.fromEntries(
          RUNNER_JOBS.map((job) => [job, runsOn(stack, resolved, job, run)]),
        ) as Record<RunnerJob, readonly string[]>,
      },
    ];
  });
  stacks.sort((a, b) => a.order - b.order || a.stack.localeCompare(b.stack));
  return { stacks, problems };
}

export { ProjectError };
