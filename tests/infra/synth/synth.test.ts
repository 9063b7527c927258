import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { InfraValidationError } from "../../../components/core";
import { synthCommand } from "../../../infra/synth/command";
import { secretPlaceholder } from "../../../infra/synth/project";
import { PULUMI_YAML, projectDir } from "../../support/project-dir";
import { RESTRICTED_NAMESPACE_LABELS } from "../../../components/core/pod-security";

const repoRoot = resolve(__dirname, "../../..");

function capture() {
  const io = {
    stdout: "",
    stderr: "",
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else files[rel] = readFileSync(join(dir, rel), "utf8");
    }
  };
  walk("");
  return files;
}

describe("infra synth", () => {
  it.each(["dev", "prod"])(
    "synthesizes the %s stack and prints its tree, counts and policy summary",
    async (stack) => {
      const io = capture();
      expect(await synthCommand({ stack, cwd: repoRoot }, io)).toBe(0);
      expect(io.stdout).toContain(`infra-${stack} (pulumi:pulumi:Stack)`);
      expect(io.stdout).toMatch(/\d+ resources, \d+ types/);
      expect(io.stdout).toMatch(/policies \((development|production)\): \d+ rules, 0 mandatory/);
      expect(io.stderr).toBe("");
    },
  );

  it("writes resources.json, outputs.json and manifests/, byte-identical across runs", async () => {
    const outA = mkdtempSync(join(tmpdir(), "synth-a-"));
    const outB = mkdtempSync(join(tmpdir(), "synth-b-"));
    expect(await synthCommand({ stack: "dev", cwd: repoRoot, out: outA }, capture())).toBe(0);
    expect(await synthCommand({ stack: "dev", cwd: repoRoot, out: outB }, capture())).toBe(0);
    const a = readTree(join(outA, "dev"));
    expect(Object.keys(a)).toEqual(
      expect.arrayContaining(["resources.json", "outputs.json", "policy.json", "estimate.json"]),
    );
    expect(readTree(join(outB, "dev"))).toEqual(a);

    const resources = JSON.parse(a["resources.json"]!) as { urn: string }[];
    const urns = resources.map((r) => r.urn);
    expect(urns).toEqual([...urns].sort());
    expect(Object.keys(resources[0]!)).toEqual([
      "urn",
      "type",
      "name",
      "parent",
      "custom",
      "provider",
      "inputs",
      "options",
      "dependencies",
    ]);
  });

  it("writes every Kubernetes object as its own YAML manifest", async () => {
    const out = mkdtempSync(join(tmpdir(), "synth-k8s-"));
    const program = () => {
      const provider = new k8s.Provider("k8s", { kubeconfig: "{}" });
      new k8s.core.v1.Namespace(
        "apps",
        { metadata: { name: "apps", labels: { ...RESTRICTED_NAMESPACE_LABELS } } },
        { provider },
      );
      new k8s.core.v1.ConfigMap(
        "settings",
        { metadata: { namespace: "apps", name: "settings" }, data: { a: "1" } },
        { provider },
      );
    };
    const dir = projectDir({ "Pulumi.yaml": PULUMI_YAML, "Pulumi.t.yaml": "config: {}\n" });
    expect(await synthCommand({ stack: "t", cwd: dir, out, program }, capture())).toBe(0);
    const manifests = readTree(join(out, "t", "manifests"));
    expect(Object.keys(manifests).sort()).toEqual(["configmap-settings.yaml", "namespace-apps.yaml"]);
    expect(parse(manifests["configmap-settings.yaml"]!)).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { namespace: "apps", name: "settings" },
      data: { a: "1" },
    });
  });

  it("keeps a secure config value secret all the way to resources.json and outputs.json", async () => {
    const dir = projectDir({
      "Pulumi.yaml": PULUMI_YAML,
      "Pulumi.s.yaml": "config:\n  infra:webhook:\n    secure: v1:c2VjcmV0\n",
    });
    const program = () => {
      const webhook = new pulumi.Config("infra").requireSecret("webhook");
      new aws.sns.Topic("alerts", { displayName: webhook, kmsMasterKeyId: "alias/alerts" });
      return { webhook, plain: "x" };
    };
    const out = mkdtempSync(join(tmpdir(), "synth-secret-"));
    expect(await synthCommand({ stack: "s", cwd: dir, out, program }, capture())).toBe(0);
    const files = readTree(join(out, "s"));
    expect(JSON.parse(files["outputs.json"]!)).toEqual({ plain: "x", webhook: "[secret]" });
    const topic = (
      JSON.parse(files["resources.json"]!) as { name: string; inputs: Record<string, unknown> }[]
    ).find((r) => r.name === "alerts");
    expect(topic?.inputs.displayName).toBe("[secret]");
    expect(Object.values(files).join("\n")).not.toContain(secretPlaceholder("infra:webhook"));
  });

  it("exits 1 without a stack trace when a resource fails to register", async () => {
    const dir = projectDir({ "Pulumi.yaml": PULUMI_YAML, "Pulumi.t.yaml": "config: {}\n" });
    const io = capture();
    const program = () => void new aws.ssm.Parameter("p", { type: "String", value: "v" });
    expect(await synthCommand({ stack: "t", cwd: dir, program }, io)).toBe(1);
    expect(io.stderr).toContain('the fake AWS does not know resource type "aws:ssm/parameter:Parameter"');
    expect(io.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 1 naming the existing stacks for an unknown stack", async () => {
    const io = capture();
    expect(await synthCommand({ stack: "nosuch", cwd: repoRoot }, io)).toBe(1);
    expect(io.stderr).toMatch(/stack "nosuch" not found.*stacks: dev, prod, staging$/m);
    expect(io.stdout).toBe("");
  });

  it("exits 1 with the file and line for malformed YAML", async () => {
    const dir = projectDir({
      "Pulumi.yaml": PULUMI_YAML,
      "Pulumi.bad.yaml": "config:\n  infra:profile: [development\n",
    });
    const io = capture();
    expect(await synthCommand({ stack: "bad", cwd: dir }, io)).toBe(1);
    expect(io.stderr).toMatch(/^infra synth: Pulumi\.bad\.yaml:\d+:\d+: malformed YAML/);
  });

  it("exits 1 listing every validation problem, without a stack trace", async () => {
    const dir = projectDir({
      "Pulumi.yaml": PULUMI_YAML,
      "Pulumi.bad.yaml": "config:\n  infra:profile: staging\n  infra:netwrk: {}\n",
    });
    const io = capture();
    expect(await synthCommand({ stack: "bad", cwd: dir }, io)).toBe(1);
    expect(io.stderr).toContain('infra:profile: "staging" is not allowed');
    expect(io.stderr).toContain('infra:netwrk: unknown key (did you mean "network"?)');
    expect(io.stderr).toContain("infra:network: is required");
    expect(io.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 1 when a component rejects its arguments", async () => {
    const dir = projectDir({ "Pulumi.yaml": PULUMI_YAML, "Pulumi.t.yaml": "config: {}\n" });
    const io = capture();
    const program = () => {
      throw new InfraValidationError("network", [
        { path: "network.cidrBlock", message: '"10.0.0.0/33" is not a CIDR' },
      ]);
    };
    expect(await synthCommand({ stack: "t", cwd: dir, program }, io)).toBe(1);
    expect(io.stderr).toContain('network.cidrBlock: "10.0.0.0/33" is not a CIDR');
  });

  it("exits 3 when a mandatory policy fails, naming the rule and resource", async () => {
    const dir = projectDir({ "Pulumi.yaml": PULUMI_YAML, "Pulumi.t.yaml": "config: {}\n" });
    const io = capture();
    const program = () => {
      new aws.ec2.SecurityGroup("bastion", {
        ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
      });
    };
    expect(await synthCommand({ stack: "t", cwd: dir, program }, io)).toBe(3);
    expect(io.stdout).toContain(
      "[mandatory] no-public-admin-ingress: bastion: opens port 22 to 0.0.0.0/0\n      fix: allow the port from a security group",
    );
    expect(io.stdout).toContain("[mandatory] no-internet-ingress: bastion: opens ports 22 to 0.0.0.0/0");
    expect(io.stderr).toBe("infra synth: 2 mandatory policy violation(s)\n");
  });

  it("prints a JSON summary with --json", async () => {
    const io = capture();
    expect(await synthCommand({ stack: "dev", cwd: repoRoot, json: true }, io)).toBe(0);
    const summary = JSON.parse(io.stdout) as {
      stack: string;
      resourceCount: number;
      resourcesByType: Record<string, number>;
    };
    expect(summary.stack).toBe("dev");
    expect(summary.resourcesByType["pulumi:pulumi:Stack"]).toBe(1);
    expect(summary.resourceCount).toBe(Object.values(summary.resourcesByType).reduce((a, b) => a + b, 0));
  });
});
