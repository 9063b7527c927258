import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Observability } from "../../../components/observability";
import { synthCommand } from "../../../infra/synth/command";
import { PULUMI_YAML, projectDir } from "../../support/project-dir";
import { promqlErrors } from "./promql";

const STACK_FILE =
  "config:\n  aws:region: eu-central-1\n  infra:pagerduty:\n    secure: v1:cGFnZXJkdXR5\n" +
  "  infra:heartbeat:\n    secure: v1:aGVhcnRiZWF0\n" +
  "  infra:pagerduty-cloudwatch:\n    secure: v1:Y2xvdWR3YXRjaA==\n";

describe("infra synth of an Observability stack", () => {
  const out = mkdtempSync(join(tmpdir(), "synth-observability-"));
  const io = {
    stdout: "",
    stderr: "",
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  let code: number;

  beforeAll(async () => {
    const program = () => {
      const provider = new k8s.Provider("k8s", { kubeconfig: "{}" });
      const observability = new Observability(
        "prod-observability",
        {
          profile: "production",
          natGatewayIds: ["nat-0aaaaaaaaaaaaaaaa"],
          alertSubscriptions: [
            {
              protocol: "https",
              topic: "page",
              key: "pagerduty",
              endpoint: new pulumi.Config("infra").requireSecret("pagerduty-cloudwatch"),
            },
          ],
          alertReceivers: {
            page: { pagerDutyRoutingKey: new pulumi.Config("infra").requireSecret("pagerduty") },
            ticket: { pagerDutyRoutingKey: new pulumi.Config("infra").requireSecret("pagerduty") },
            // synth's placeholder for a secret is an https URL, so it passes the URL check.
            heartbeatUrl: new pulumi.Config("infra").requireSecret("heartbeat"),
          },
          slos: [
            {
              name: "api",
              service: "api",
              objective: 99.9,
              availability: { good: 'http_requests_total{code!~"5.."}', total: "http_requests_total" },
            },
          ],
        },
        { providers: [provider] },
      );
      return { alertTopicArn: observability.alertTopicArn };
    };
    const dir = projectDir({ "Pulumi.yaml": PULUMI_YAML, "Pulumi.prod.yaml": STACK_FILE });
    code = await synthCommand({ stack: "prod", cwd: dir, out, program }, io);
  });

  it("succeeds with no mandatory policy violation", () => {
    expect(io.stderr).toBe("");
    expect(code).toBe(0);
  });

  it("writes the PrometheusRules under manifests/, with valid PromQL", () => {
    expect(readdirSync(join(out, "prod", "manifests")).sort()).toEqual([
      "configmap-prod-observability-slo-dashboard.yaml",
      "namespace-prod-observability-monitoring-namespace.yaml",
      "namespace-prod-observability-node-exporter-namespace.yaml",
      "prometheusrule-prod-observability-platform-rules.yaml",
      "prometheusrule-prod-observability-slo-rules.yaml",
      "role-prod-observability-grafana-sidecar-role.yaml",
    ]);
    const manifest = parse(
      readFileSync(
        join(out, "prod", "manifests", "prometheusrule-prod-observability-slo-rules.yaml"),
        "utf8",
      ),
    );
    expect(manifest).toMatchObject({
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PrometheusRule",
      metadata: { name: "prod-observability-slos", namespace: "monitoring" },
    });
    const rules = (manifest.spec.groups as { rules: { expr: string }[] }[]).flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(promqlErrors(rule.expr)).toEqual([]);
  });

  it("keeps the PagerDuty key secret in resources.json", () => {
    const text = readFileSync(join(out, "prod", "resources.json"), "utf8");
    const release = (JSON.parse(text) as { type: string; inputs: Record<string, unknown> }[]).find(
      (r) => r.type === "kubernetes:helm.sh/v3:Release",
    )!;
    expect(release.inputs.values).toBe("[secret]");
    expect(text).not.toContain("synth-placeholder-for-secret");
  });
});
