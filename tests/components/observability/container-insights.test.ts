import { describe, expect, it } from "vitest";
import {
  CLOUDWATCH_AGENT_IDENTITY,
  CLOUDWATCH_AGENT_POLICIES,
  CLOUDWATCH_OBSERVABILITY_ADDON,
  CONTAINER_INSIGHTS_LOG_STREAMS,
  containerInsightsLogGroupName,
  containerInsightsLogGroupPattern,
} from "../../../components/observability/container-insights";

describe("Container Insights facts", () => {
  it("names the add-on, its agent's service account and the policies it needs", () => {
    expect(CLOUDWATCH_OBSERVABILITY_ADDON).toBe("amazon-cloudwatch-observability");
    expect(CLOUDWATCH_AGENT_IDENTITY).toEqual({
      namespace: "amazon-cloudwatch",
      serviceAccount: "cloudwatch-agent",
    });
    expect([...CLOUDWATCH_AGENT_POLICIES]).toEqual(["CloudWatchAgentServerPolicy", "AWSXrayWriteOnlyAccess"]);
  });

  it("knows the log groups the agent writes to", () => {
    expect(CONTAINER_INSIGHTS_LOG_STREAMS.map((s) => containerInsightsLogGroupName("prod-eks", s))).toEqual([
      "/aws/containerinsights/prod-eks/application",
      "/aws/containerinsights/prod-eks/dataplane",
      "/aws/containerinsights/prod-eks/host",
      "/aws/containerinsights/prod-eks/performance",
    ]);
    expect(containerInsightsLogGroupPattern("prod-eks")).toBe("/aws/containerinsights/prod-eks/*");
  });
});
