import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import {
  PODS_UNSCHEDULABLE_ALERT,
  platformPrometheusRule,
} from "../../../components/observability/platform-rules";
import { describeWithTools, filesInTempDir, runToolAsync, type ToolRun } from "../../support/tools";
import { promqlErrors } from "./promql";
import { ruleFileText } from "./promtool-scenarios";

const rule = platformPrometheusRule({
  name: "prod-platform",
  namespace: "monitoring",
  runbookBaseUrl: "https://runbooks.example.com/infra/",
});
const alerts = rule.spec.groups.flatMap((g) => g.rules).filter((r) => "alert" in r);

describe("platform rules", () => {
  it("ticket on unschedulable pods per namespace after 15 minutes, linking the runbook under the base URL", () => {
    expect(alerts).toEqual([
      expect.objectContaining({
        alert: PODS_UNSCHEDULABLE_ALERT,
        expr: "sum by (namespace) (kube_pod_status_unschedulable) > 0",
        for: "15m",
        labels: { severity: "ticket" },
      }),
    ]);
    for (const a of alerts) {
      expect(a.annotations.runbook_url).toBe("https://runbooks.example.com/infra/pods-unschedulable");
      expect(promqlErrors(a.expr)).toEqual([]);
    }
  });
});

/** kube-state-metrics' gauge for one pending pod, one sample a minute. */
const unschedulable = (values: string) => ({
  series: 'kube_pod_status_unschedulable{namespace="shop",pod="api-1",uid="u1"}',
  values,
});

describeWithTools(["promtool"], "platform rules under promtool", () => {
  let check: Promise<ToolRun>;
  let test: Promise<ToolRun>;
  beforeAll(() => {
    const testFile = stringify({
      rule_files: ["rules.yaml"],
      evaluation_interval: "1m",
      tests: [
        {
          name: "a pod pending 20 minutes opens a ticket after 15",
          interval: "1m",
          input_series: [unschedulable("1x25")],
          alert_rule_test: [
            { eval_time: "14m", alertname: PODS_UNSCHEDULABLE_ALERT, exp_alerts: [] },
            {
              eval_time: "16m",
              alertname: PODS_UNSCHEDULABLE_ALERT,
              exp_alerts: [
                {
                  exp_labels: { severity: "ticket", namespace: "shop" },
                  exp_annotations: {
                    ...alerts[0]!.annotations,
                    summary: "shop: 1 pod(s) unschedulable",
                    description: (alerts[0]!.annotations.description as string)
                      .replaceAll("{{ $value }}", "1")
                      .replaceAll("{{ $labels.namespace }}", "shop"),
                  },
                },
              ],
            },
          ],
        },
        {
          name: "a pod pending 10 minutes while a node joins opens nothing",
          interval: "1m",
          input_series: [unschedulable("1x10 0x15")],
          alert_rule_test: [{ eval_time: "25m", alertname: PODS_UNSCHEDULABLE_ALERT, exp_alerts: [] }],
        },
      ],
    });
    const dir = filesInTempDir({ "rules.yaml": ruleFileText(rule), "test.yaml": testFile });
    check = runToolAsync("promtool", ["check", "rules", "rules.yaml"], dir);
    test = runToolAsync("promtool", ["test", "rules", "test.yaml"], dir);
  });

  it("promtool check rules accepts them", async () => {
    const run = await check;
    expect(run.status, run.output).toBe(0);
  });

  it("promtool test rules: 15 minutes unschedulable opens a ticket, a short wait does not", async () => {
    const run = await test;
    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain("SUCCESS");
  });
});
