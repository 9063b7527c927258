import { describe, expect, it } from "vitest";
import { deployRunnerProjectName, resolveDelivery, runsOn } from "../../stacks/delivery";

const RUN = { id: "99", attempt: "3" };

describe("a stack's delivery settings", () => {
  it("default to the in-VPC CodeBuild runner, the stack's own environment, development before production", () => {
    expect(resolveDelivery("qa", "development", undefined)).toMatchObject({
      runner: "codebuild",
      environment: "qa",
      order: 1,
      selfHostedLabels: [],
    });
    expect(resolveDelivery("eu", "production", {}).order).toBe(2);
    expect(resolveDelivery("prod", "production", { environment: "production", order: 3 })).toMatchObject({
      environment: "production",
      order: 3,
    });
  });

  it("asks CodeBuild for the stack's project in this run, with a label per job", () => {
    const delivery = resolveDelivery("dev", "development", undefined);
    expect(deployRunnerProjectName("dev")).toBe("infra-dev-deploy-runner");
    expect(runsOn("dev", delivery, "up", RUN)).toEqual([
      "codebuild-infra-dev-deploy-runner-99-3",
      "infra-up",
    ]);
    expect(runsOn("dev", delivery, "drift", RUN)[1]).toBe("infra-drift");
  });

  it("selects self-hosted runners by their labels alone", () => {
    const delivery = resolveDelivery("dev", "development", {
      runner: "self-hosted",
      selfHostedLabels: ["arm64"],
    });
    expect(runsOn("dev", delivery, "preview", RUN)).toEqual(["self-hosted", "arm64"]);
  });
});
