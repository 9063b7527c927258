import { describe, expect, it } from "vitest";
import {
  listStacks,
  loadProject,
  loadStackConfig,
  ProjectError,
  secretPlaceholder,
} from "../../../infra/synth/project";
import { PULUMI_YAML, projectDir } from "../../support/project-dir";

describe("stack config loading", () => {
  it("flattens structured config to the engine's form: namespaced keys, JSON objects", () => {
    const dir = projectDir({
      "Pulumi.yaml": PULUMI_YAML,
      "Pulumi.dev.yaml": [
        "config:",
        "  aws:region: eu-west-1",
        "  infra:profile: development",
        "  infra:network:",
        "    cidrBlock: 10.10.0.0/16",
        "    availabilityZoneCount: 2",
        "  owner: platform",
      ].join("\n"),
    });
    const { config, secretKeys } = loadStackConfig(loadProject(dir), "dev");
    expect(config).toEqual({
      "aws:region": "eu-west-1",
      "infra:profile": "development",
      "infra:network": JSON.stringify({ cidrBlock: "10.10.0.0/16", availabilityZoneCount: 2 }),
      "infra:owner": "platform",
    });
    expect(secretKeys).toEqual([]);
  });

  it("marks a key holding a secure value, even nested, as secret and never reveals the ciphertext", () => {
    const dir = projectDir({
      "Pulumi.yaml": PULUMI_YAML,
      "Pulumi.dev.yaml": [
        "config:",
        "  infra:token:",
        "    secure: v1:AAAABBBBCCCC",
        "  infra:observability:",
        "    pagerDuty:",
        "      routingKey:",
        "        secure: v1:DDDDEEEE",
        "  infra:profile: development",
      ].join("\n"),
    });
    const { config, secretKeys } = loadStackConfig(loadProject(dir), "dev");
    expect(secretKeys).toEqual(["infra:observability", "infra:token"]);
    expect(config["infra:token"]).toBe(secretPlaceholder("infra:token"));
    expect(JSON.parse(config["infra:observability"]!)).toEqual({
      pagerDuty: { routingKey: secretPlaceholder("infra:observability.pagerDuty.routingKey") },
    });
    expect(JSON.stringify(config)).not.toMatch(/AAAABBBBCCCC|DDDDEEEE/);
  });

  it("reports malformed YAML with the file and line", () => {
    const dir = projectDir({
      "Pulumi.yaml": PULUMI_YAML,
      "Pulumi.dev.yaml": "config:\n  infra:profile: development\n  infra:network: [unclosed\n",
    });
    expect(() => loadStackConfig(loadProject(dir), "dev")).toThrow(
      /^Pulumi\.dev\.yaml:\d+:\d+: malformed YAML/,
    );
  });

  it("rejects duplicate keys, which YAML tools otherwise resolve silently", () => {
    const dir = projectDir({
      "Pulumi.yaml": PULUMI_YAML,
      "Pulumi.dev.yaml": "config:\n  infra:profile: development\n  infra:profile: production\n",
    });
    expect(() => loadStackConfig(loadProject(dir), "dev")).toThrow(
      /Pulumi\.dev\.yaml:3:\d+: malformed YAML: .*unique/i,
    );
  });

  it("names the existing stacks when asked for one that does not exist", () => {
    const dir = projectDir({
      "Pulumi.yaml": PULUMI_YAML,
      "Pulumi.dev.yaml": "config: {}\n",
      "Pulumi.prod.yaml": "config: {}\n",
    });
    expect(listStacks(dir)).toEqual(["dev", "prod"]);
    expect(() => loadStackConfig(loadProject(dir), "nosuch")).toThrow(
      new ProjectError('stack "nosuch" not found: there is no Pulumi.nosuch.yaml; stacks: dev, prod'),
    );
  });

  it("takes project-level defaults from Pulumi.yaml and lets the stack override them", () => {
    const dir = projectDir({
      "Pulumi.yaml": `${PULUMI_YAML}config:\n  aws:region:\n    default: us-east-1\n  infra:tags:\n    value:\n      team: platform\n`,
      "Pulumi.dev.yaml": "config:\n  aws:region: eu-west-1\n",
    });
    expect(loadStackConfig(loadProject(dir), "dev").config).toEqual({
      "aws:region": "eu-west-1",
      "infra:tags": JSON.stringify({ team: "platform" }),
    });
  });

  it("requires a nodejs Pulumi.yaml", () => {
    expect(() => loadProject(projectDir({}))).toThrow(/no Pulumi\.yaml/);
    expect(() => loadProject(projectDir({ "Pulumi.yaml": "name: x\nruntime: python\n" }))).toThrow(
      /runtime must be nodejs/,
    );
  });
});
