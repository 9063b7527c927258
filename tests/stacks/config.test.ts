import { describe, expect, it } from "vitest";
import { InfraValidationError } from "../../components/core";
import { parseEnvironmentConfig } from "../../stacks/config";

function problems(raw: Record<string, unknown>): string[] {
  try {
    parseEnvironmentConfig(raw, "dev");
  } catch (err) {
    if (err instanceof InfraValidationError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  throw new Error("expected the config to be rejected");
}

describe("environment config", () => {
  it("requires infra:profile", () => {
    expect(problems({ network: { cidrBlock: "10.10.0.0/16" } })).toEqual([
      'infra:profile: is required; use one of "development", "production"',
    ]);
  });

  it("rejects an unknown top-level key with a did-you-mean hint", () => {
    const [problem] = problems({
      profile: "development",
      netwrk: {},
      network: { cidrBlock: "10.10.0.0/16" },
    });
    expect(problem).toMatch(
      /^infra:netwrk: unknown key \(did you mean "network"\?\); allowed keys: profile, tags, network/,
    );
  });

  it("rejects an unknown nested key by its full path", () => {
    const [problem] = problems({
      profile: "development",
      network: { cidrBlock: "10.10.0.0/16", natGateway: "single" },
    });
    expect(problem).toMatch(/^infra:network\.natGateway: unknown key \(did you mean "natGateways"\?\)/);
  });

  it("reports every problem at once, each with its config path and the value received", () => {
    expect(
      problems({
        profile: "staging",
        network: { cidrBlock: 10, natGateways: "sometimes" },
        tags: { "aws:owner": "x" },
      }),
    ).toEqual([
      'infra:profile: "staging" is not allowed; use one of "development", "production"',
      "infra:tags: tag keys starting with aws: are reserved",
      "infra:network.cidrBlock: expected string, got number 10",
      'infra:network.natGateways: "sometimes" is not allowed; use one of "none", "single", "perAz"',
    ]);
  });

  it("fills what the config leaves out from the profile", () => {
    const dev = parseEnvironmentConfig(
      { profile: "development", network: { cidrBlock: "10.10.0.0/16" } },
      "dev",
    );
    expect(dev.network).toEqual({
      cidrBlock: "10.10.0.0/16",
      availabilityZoneCount: 2,
      natGateways: "single",
    });
    const prod = parseEnvironmentConfig(
      { profile: "production", network: { cidrBlock: "10.20.0.0/16" } },
      "prod",
    );
    expect(prod.network).toEqual({
      cidrBlock: "10.20.0.0/16",
      availabilityZoneCount: 3,
      natGateways: "perAz",
    });
  });

  it("lets the stack override a profile default", () => {
    const config = parseEnvironmentConfig(
      {
        profile: "production",
        network: { cidrBlock: "10.20.0.0/16", natGateways: "single" },
        tags: { team: "x" },
      },
      "prod",
    );
    expect(config.network.natGateways).toBe("single");
    expect(config.tags).toEqual({ team: "x" });
    expect(config.environment).toBe("prod");
  });
});
