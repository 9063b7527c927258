import { describe, expect, it } from "vitest";
import { parseEnvironmentConfig } from "../../../stacks/config";
import { checkCustomResources } from "../../../stacks/preflight";

const config = (prometheus: boolean, metrics: boolean) =>
  parseEnvironmentConfig(
    {
      profile: "development",
      network: { cidrBlock: "10.10.0.0/16" },
      observability: { prometheus: { enabled: prometheus } },
      services: [
        {
          name: "api",
          image: "ghcr.io/acme/api:1.0.0",
          cpu: { request: "50m", limit: "100m" },
          memory: { request: "64Mi", limit: "128Mi" },
          ...(metrics ? { metrics: { path: "/metrics" } } : {}),
        },
      ],
    },
    "dev",
  );

describe("custom resources only where their CRD is installed", () => {
  it("rejects a ServiceMonitor while the Prometheus stack is disabled, naming the key and the fix", () => {
    expect(checkCustomResources(config(false, true))).toEqual([
      {
        path: "infra:services[0].metrics",
        message: expect.stringMatching(
          /ServiceMonitor.*CRD is not installed.*set infra:observability\.prometheus\.enabled: true/,
        ) as string,
      },
    ]);
  });

  it("accepts metrics with the Prometheus stack, and no metrics without it", () => {
    expect(checkCustomResources(config(true, true))).toEqual([]);
    expect(checkCustomResources(config(false, false))).toEqual([]);
  });
});
