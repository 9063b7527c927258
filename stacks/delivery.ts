import type { z } from "zod";
import type { Profile } from "../components/core";
import type { deliveryConfigSchema } from "./config";

/**
 * How the pipeline reaches a stack (`infra:delivery`): which runner its preview, up and drift jobs
 * run on, in which GitHub environment, and in which order stacks deploy. Read by the program (the
 * CodeBuild runner is one of its resources), by the preflight checks and by `infra stacks`, which
 * the workflows build their matrix from.
 */

/**
 * - `codebuild`: an AWS CodeBuild project registered as a GitHub Actions runner, in the stack's
 *   private subnets, created by the stack itself (`DeployRunner`); reaches the private endpoint.
 * - `self-hosted`: the team's own runners, on static egress addresses listed in
 *   `infra:cluster.publicAccessCidrs`; they reach the public endpoint.
 * - `github-hosted`: GitHub's runners, outside the VPC and on changing addresses; they can reach
 *   neither endpoint, so a stack with a cluster cannot deploy from them (the value exists so the
 *   error says so).
 */
export const DEPLOY_RUNNERS = ["codebuild", "self-hosted", "github-hosted"] as const;
export type DeployRunnerKind = (typeof DEPLOY_RUNNERS)[number];

/** The workflow jobs that run on a stack's runner; each gets its own label (see `runsOn`). */
export const RUNNER_JOBS = ["preview", "up", "drift"] as const;
export type RunnerJob = (typeof RUNNER_JOBS)[number];

/** What `infra:delivery` leaves out. */
export const DELIVERY_DEFAULTS = {
  runner: "codebuild",
  /** Development stacks deploy before production ones; stacks of one wave in name order. */
  order: { development: 1, production: 2 },
} as const satisfies { runner: DeployRunnerKind; order: Record<Profile, number> };

/** `infra:delivery` as the schema in `config.ts` parses it. */
export type DeliveryConfig = z.output<typeof deliveryConfigSchema>;

export interface ResolvedDelivery {
  readonly runner: DeployRunnerKind;
  /** GitHub environment the stack's `up` runs in (its protection rules gate the deploy). */
  readonly environment: string;
  readonly order: number;
  readonly repository?: string;
  readonly connectionArn?: string;
  readonly selfHostedLabels: readonly string[];
}

export function resolveDelivery(
  stack: string,
  profile: Profile,
  delivery: DeliveryConfig | undefined,
): ResolvedDelivery {
  return {
    runner: delivery?.runner ?? DELIVERY_DEFAULTS.runner,
    environment: delivery?.environment ?? stack,
    order: delivery?.order ?? DELIVERY_DEFAULTS.order[profile],
    repository: delivery?.repository,
    connectionArn: delivery?.connectionArn,
    selfHostedLabels: delivery?.selfHostedLabels ?? [],
  };
}

/** The CodeBuild project that serves as the stack's runner; its name is part of the `runs-on` label. */
export function deployRunnerProjectName(stack: string): string {
  return `infra-${stack}-deploy-runner`;
}

/** The workflow run a `runs-on` label is for: CodeBuild starts one build per job of that run. */
export interface WorkflowRun {
  readonly id: string;
  readonly attempt: string;
}

/**
 * The `runs-on` value of one job for this stack. A CodeBuild-hosted runner is requested with the
 * label `codebuild-<project>-<run id>-<run attempt>` (the project whose webhook takes the job); a
 * second label naming the job keeps GitHub from handing a job to a runner started for another job
 * of the same run. Self-hosted runners are selected by their labels.
 */
export function runsOn(
  stack: string,
  delivery: ResolvedDelivery,
  job: RunnerJob,
  run: WorkflowRun,
): readonly string[] {
  switch (delivery.runner) {
    case "codebuild":
      return [`codebuild-${deployRunnerProjectName(stack)}-${run.id}-${run.attempt}`, `infra-${job}`];
    case "self-hosted":
      return ["self-hosted", ...delivery.selfHostedLabels];
    case "github-hosted":
      return ["ubuntu-24.04"];
  }
}
