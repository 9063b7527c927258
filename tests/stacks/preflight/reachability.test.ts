import { describe, expect, it } from "vitest";
import { resolveDelivery } from "../../../stacks/delivery";
import { checkReachability } from "../../../stacks/preflight";

const delivery = (runner: "codebuild" | "self-hosted" | "github-hosted", labels: string[] = []) =>
  resolveDelivery("prod", "production", { runner, selfHostedLabels: labels });

describe("reachability of the cluster's API from the deploy runner", () => {
  it("rejects a private endpoint with a GitHub-hosted runner, naming the key and the fix", () => {
    const issues = checkReachability({ endpointPublicAccess: false, delivery: delivery("github-hosted") });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe("infra:delivery.runner");
    expect(issues[0]!.message).toMatch(/outside the VPC.*private endpoint; use "codebuild"/);
  });

  it("rejects a GitHub-hosted runner even with a public endpoint: its addresses cannot be listed", () => {
    const issues = checkReachability({
      endpointPublicAccess: true,
      publicAccessCidrs: ["203.0.113.0/24"],
      delivery: delivery("github-hosted"),
    });
    expect(issues.map((i) => i.path)).toEqual(["infra:delivery.runner"]);
  });

  it("accepts the in-VPC CodeBuild runner with the private endpoint only", () => {
    expect(checkReachability({ endpointPublicAccess: false, delivery: delivery("codebuild") })).toEqual([]);
  });

  it("asks self-hosted runners for a public endpoint, listed CIDRs and their labels", () => {
    expect(
      checkReachability({ endpointPublicAccess: false, delivery: delivery("self-hosted") }).map(
        (i) => i.path,
      ),
    ).toEqual(["infra:cluster.endpointPublicAccess", "infra:delivery.selfHostedLabels"]);
    expect(
      checkReachability({
        endpointPublicAccess: true,
        publicAccessCidrs: [],
        delivery: delivery("self-hosted", ["infra"]),
      }),
    ).toEqual([expect.objectContaining({ path: "infra:cluster.publicAccessCidrs" })]);
  });

  it("never lets the whole Internet in, and accepts a narrow range next to it", () => {
    const issues = checkReachability({
      endpointPublicAccess: true,
      publicAccessCidrs: ["203.0.113.10/32", "0.0.0.0/0"],
      delivery: delivery("self-hosted", ["infra"]),
    });
    expect(issues.map((i) => i.path)).toEqual(["infra:cluster.publicAccessCidrs[1]"]);
    expect(
      checkReachability({
        endpointPublicAccess: true,
        publicAccessCidrs: ["203.0.113.10/32"],
        delivery: delivery("self-hosted", ["infra"]),
      }),
    ).toEqual([]);
  });
});
