import type { ValidationIssue } from "../../components/core";
import type { ResolvedDelivery } from "../delivery";

export interface ReachabilityInput {
  /** `infra:cluster.endpointPublicAccess` as resolved. */
  readonly endpointPublicAccess?: boolean;
  readonly publicAccessCidrs?: readonly string[];
  /** `infra:network.natGateways` as resolved. */
  readonly natGateways?: string;
  readonly delivery: ResolvedDelivery;
}

const RUNNER = "infra:delivery.runner";
const PUBLIC = "infra:cluster.endpointPublicAccess";
const CIDRS = "infra:cluster.publicAccessCidrs";
const LABELS = "infra:delivery.selfHostedLabels";

/** An address range that is the whole Internet (or any /0). */
const isEverywhere = (cidr: string) => /\/0$/.test(cidr.trim());

/**
 * Can the pipeline's runner reach the cluster's API? Every Kubernetes object of the stack (the gp3
 * StorageClass, the monitoring release, the services) is created, previewed and refreshed through it.
 *
 * - The private endpoint answers only inside the VPC: the runner must be the stack's own in-VPC
 *   runner (`codebuild`).
 * - A `self-hosted` runner reaches the public endpoint, which must be on and list the runners'
 *   static egress ranges (never the whole Internet).
 * - A GitHub-hosted runner is outside the VPC and on addresses that change: it reaches neither.
 */
export function checkReachability(input: ReachabilityInput): ValidationIssue[] {
  const { delivery } = input;
  const cidrs = input.publicAccessCidrs ?? [];
  const issues: ValidationIssue[] = [];
  switch (delivery.runner) {
    case "codebuild":
      if (input.natGateways === "none")
        issues.push({
          path: "infra:network.natGateways",
          message: `"none" leaves the "codebuild" runner (${RUNNER}) in private subnets without a way to GitHub, npm or AWS APIs; use "single" or "perAz"`,
        });
      return issues;
    case "github-hosted":
      issues.push({
        path: RUNNER,
        message: input.endpointPublicAccess
          ? `"github-hosted" runners use changing addresses that ${CIDRS} cannot list, so they cannot reach the cluster's API; use "codebuild" (a runner inside the VPC, created by this stack) or "self-hosted" runners on static egress addresses`
          : `"github-hosted" runners run outside the VPC and cannot reach the cluster's private endpoint; use "codebuild" (a runner inside the VPC, created by this stack), or "self-hosted" runners with ${PUBLIC}: true and their egress ranges in ${CIDRS}`,
      });
      return issues;
    case "self-hosted":
      if (!input.endpointPublicAccess) {
        issues.push({
          path: PUBLIC,
          message: `self-hosted runners (${RUNNER}) outside the VPC reach only a public endpoint: set it to true and list the runners' egress ranges in ${CIDRS}, or use the "codebuild" runner inside the VPC`,
        });
      } else if (cidrs.length === 0) {
        issues.push({
          path: CIDRS,
          message: `empty: list the self-hosted runners' static egress ranges (e.g. "203.0.113.10/32")`,
        });
      }
      cidrs.forEach((cidr, i) => {
        if (isEverywhere(cidr))
          issues.push({
            path: `${CIDRS}[${i}]`,
            message: `"${cidr}" opens the API to the whole Internet; list the runners' egress ranges instead`,
          });
      });
      if (delivery.selfHostedLabels.length === 0)
        issues.push({
          path: LABELS,
          message: `empty: name the labels (after "self-hosted") of the runners that deploy this stack, e.g. ["linux", "infra-deploy"]`,
        });
      return issues;
  }
}
