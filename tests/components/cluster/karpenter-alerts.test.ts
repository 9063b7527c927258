import { stringify } from "yaml";
import { beforeAll, expect, it } from "vitest";
import {
  karpenterAlertRules,
  NODE_POOL_LIMIT_ALERT_RATIO,
} from "../../../components/cluster/karpenter-alerts";
import { describeWithTools, filesInTempDir, runToolAsync, type ToolRun } from "../../support/tools";

/**
 * Karpenter's alert rules through the real promtool: `check rules`, then `test rules` on input series
 * for a NodePool at and just below its limit, failing launches, a missing controller.
 */
const rules = karpenterAlertRules("https://runbooks.example.com/infra");

const rulesFile = stringify({ groups: [{ name: "karpenter", rules }] });

const series = (name: string, values: string) => ({ series: name, values });

const tests = {
  rule_files: ["rules.yaml"],
  evaluation_interval: "1m",
  tests: [
    {
      name: "a NodePool at 90% of its CPU limit for 15 minutes is ticketed; at 89% it is not",
      interval: "1m",
      input_series: [
        series('karpenter_nodepools_usage{nodepool="default", resource_type="cpu"}', "57.6x20"),
        series('karpenter_nodepools_limit{nodepool="default", resource_type="cpu"}', "64x20"),
        series('karpenter_nodepools_usage{nodepool="default", resource_type="memory"}', "227.84x20"),
        series('karpenter_nodepools_limit{nodepool="default", resource_type="memory"}', "256x20"),
        series('up{job="karpenter", namespace="kube-system"}', "1x20"),
      ],
      alert_rule_test: [
        { eval_time: "10m", alertname: "KarpenterNodePoolNearLimit", exp_alerts: [] },
        {
          eval_time: "16m",
          alertname: "KarpenterNodePoolNearLimit",
          exp_alerts: [
            {
              exp_labels: {
                severity: "ticket",
                service: "karpenter",
                nodepool: "default",
                resource_type: "cpu",
              },
              exp_annotations: rules.find((r) => r.alert === "KarpenterNodePoolNearLimit")!.annotations,
            },
          ],
        },
        { eval_time: "16m", alertname: "KarpenterDown", exp_alerts: [] },
      ],
    },
    {
      name: "failing launches are ticketed, insufficient capacity separately",
      interval: "1m",
      input_series: [
        series(
          'karpenter_cloudprovider_errors_total{controller="nodeclaim.lifecycle", method="Create", provider="aws", error="UnauthorizedOperation", nodepool="default"}',
          "0+1x40",
        ),
        series('up{job="karpenter", namespace="kube-system"}', "1x40"),
      ],
      alert_rule_test: [
        {
          eval_time: "30m",
          alertname: "KarpenterNodeLaunchFailing",
          exp_alerts: [
            {
              exp_labels: { severity: "ticket", service: "karpenter", nodepool: "default" },
              exp_annotations: rules.find((r) => r.alert === "KarpenterNodeLaunchFailing")!.annotations,
            },
          ],
        },
        { eval_time: "30m", alertname: "KarpenterInsufficientCapacity", exp_alerts: [] },
      ],
    },
    {
      name: "no controller up pages after 10 minutes",
      interval: "1m",
      input_series: [series('up{job="karpenter", namespace="kube-system"}', "0x20")],
      alert_rule_test: [
        { eval_time: "5m", alertname: "KarpenterDown", exp_alerts: [] },
        {
          eval_time: "12m",
          alertname: "KarpenterDown",
          exp_alerts: [
            {
              exp_labels: { severity: "page", service: "karpenter" },
              exp_annotations: rules.find((r) => r.alert === "KarpenterDown")!.annotations,
            },
          ],
        },
      ],
    },
  ],
};

describeWithTools(["promtool"], "Karpenter's alert rules under promtool", () => {
  let check: ToolRun;
  let test: ToolRun;

  beforeAll(async () => {
    const dir = filesInTempDir({ "rules.yaml": rulesFile, "tests.yaml": stringify(tests) });
    [check, test] = await Promise.all([
      runToolAsync("promtool", ["check", "rules", "rules.yaml"], dir),
      runToolAsync("promtool", ["test", "rules", "tests.yaml"], dir),
    ]);
  });

  it("are valid rules", () => {
    expect(check.status, check.output).toBe(0);
  });

  it(`fire at ${NODE_POOL_LIMIT_ALERT_RATIO * 100}% of a NodePool limit, on failing launches and a missing controller`, () => {
    expect(test.status, test.output).toBe(0);
  });
});
