import { beforeAll, expect, it } from "vitest";
import { stringify } from "yaml";
import {
  GROUP_BY,
  HEARTBEAT_REPEAT_INTERVAL,
  NOTIFICATION_SUMMARY,
  RECEIVERS,
} from "../../../components/observability/alertmanager-config";
import { durationSeconds } from "../../../components/observability/burn-rate";
import { describeWithTools, filesInTempDir, runToolAsync, type ToolRun } from "../../support/tools";
import { stackAlertmanagerConfig } from "./stack-alerting";

/**
 * The Alertmanager configuration each stack renders, run through the real amtool: it loads, and
 * `amtool config routes test` sends every severity (and the special alerts) where it belongs.
 */

type Labels = Readonly<Record<string, string>>;

/** Alerts as kube-prometheus-stack and the SLO rules raise them, and where each must go. */
const ROUTES: readonly { labels: Labels; receiver: string; why: string }[] = [
  { labels: { alertname: "Watchdog", severity: "none" }, receiver: "heartbeat", why: "dead man's switch" },
  { labels: { alertname: "InfoInhibitor", severity: "none" }, receiver: "null", why: "explicit silence" },
  {
    labels: { alertname: "SLOErrorBudgetBurn", severity: "page", slo: "x", sli: "availability" },
    receiver: "page",
    why: "fast burn",
  },
  {
    labels: { alertname: "SLOMetricAbsent", severity: "page", slo: "x", sli: "availability" },
    receiver: "page",
    why: "SLO metrics gone",
  },
  {
    labels: { alertname: "SLOErrorBudgetBurn", severity: "ticket", slo: "x", sli: "latency" },
    receiver: "ticket",
    why: "slow burn",
  },
  { labels: { alertname: "KubeAPIDown", severity: "critical" }, receiver: "ticket", why: "chart critical" },
  {
    labels: { alertname: "KubePersistentVolumeFillingUp", severity: "critical", namespace: "monitoring" },
    receiver: "ticket",
    why: "chart critical",
  },
  {
    labels: { alertname: "KubePodCrashLooping", severity: "warning", namespace: "podinfo" },
    receiver: "ticket",
    why: "chart warning",
  },
  { labels: { alertname: "TargetDown", severity: "warning" }, receiver: "ticket", why: "chart warning" },
  { labels: { alertname: "CPUThrottlingHigh", severity: "info" }, receiver: "ticket", why: "info" },
  { labels: { alertname: "SomethingNew", severity: "urgent" }, receiver: "ticket", why: "unknown severity" },
  { labels: { alertname: "NoSeverity" }, receiver: "ticket", why: "no severity" },
  {
    labels: { alertname: "InfoInhibitorShadow", severity: "none" },
    receiver: "ticket",
    why: "near miss of a silenced name",
  },
  {
    labels: { alertname: "AlertmanagerFailedToSendAlerts", severity: "warning" },
    receiver: "page",
    why: "alerting pipeline",
  },
  {
    labels: { alertname: "PrometheusNotConnectedToAlertmanagers", severity: "warning" },
    receiver: "page",
    why: "alerting pipeline",
  },
  {
    labels: { alertname: "PrometheusRuleFailures", severity: "critical" },
    receiver: "page",
    why: "alerting pipeline",
  },
  {
    labels: { alertname: "PrometheusOperatorRejectedResources", severity: "warning" },
    receiver: "page",
    why: "alerting pipeline (a rejected PrometheusRule)",
  },
];

const STACKS = ["dev", "staging", "prod"] as const;
const PRODUCTION_STACKS = ["staging", "prod"] as const;

type Receiver = { name: string } & Record<string, unknown>;
const receiversOf = (config: Record<string, unknown>) => config.receivers as Receiver[];
const hasDestination = (r: Receiver) => Object.keys(r).some((k) => k.endsWith("_configs"));

describeWithTools(["amtool"], "Alertmanager routing under amtool", () => {
  const configs = Object.fromEntries(STACKS.map((s) => [s, stackAlertmanagerConfig(s)]));
  const dirs: Record<string, string> = {};
  const checks = new Map<string, Promise<ToolRun>>();
  const routes = new Map<string, Promise<ToolRun>>();
  let render: Promise<ToolRun>;

  beforeAll(() => {
    for (const stack of STACKS) {
      dirs[stack] = filesInTempDir({ "alertmanager.yaml": stringify(configs[stack]) });
      checks.set(stack, runToolAsync("amtool", ["check-config", "alertmanager.yaml"], dirs[stack]));
      for (const route of ROUTES) {
        const labels = Object.entries(route.labels).map(([k, v]) => `${k}=${v}`);
        routes.set(
          `${stack} ${labels.join(" ")}`,
          runToolAsync(
            "amtool",
            ["config", "routes", "test", "--config.file=alertmanager.yaml", ...labels],
            dirs[stack],
          ),
        );
      }
    }
    const dir = filesInTempDir({ "summary.tmpl": `{{ define "summary" }}${NOTIFICATION_SUMMARY}{{ end }}` });
    render = runToolAsync(
      "amtool",
      ["template", "render", "--template.glob=summary.tmpl", '--template.text={{ template "summary" . }}'],
      dir,
    );
  });

  it.each(STACKS)("amtool check-config accepts the %s configuration", async (stack) => {
    const run = await checks.get(stack)!;
    expect(run.status, run.output).toBe(0);
    expect(run.output).toMatch(/SUCCESS/);
  });

  it.each(STACKS.flatMap((stack) => ROUTES.map((route) => [stack, route] as const)))(
    "%s: routes %o",
    async (stack, route) => {
      const labels = Object.entries(route.labels).map(([k, v]) => `${k}=${v}`);
      const run = await routes.get(`${stack} ${labels.join(" ")}`)!;
      expect(run.status, run.output).toBe(0);
      expect(run.stdout.trim(), `${route.why}\n${run.output}`).toBe(route.receiver);
    },
  );

  it.each(PRODUCTION_STACKS)(
    "%s: every receiver a route can reach, except the explicit silence, has a destination",
    (stack) => {
      const reachable = new Set(ROUTES.map((r) => r.receiver).filter((r) => r !== RECEIVERS.discard));
      for (const receiver of receiversOf(configs[stack]!)) {
        if (reachable.has(receiver.name)) expect(hasDestination(receiver), receiver.name).toBe(true);
        else expect(receiver.name).toBe(RECEIVERS.discard);
      }
      expect(reachable).toEqual(new Set(["page", "ticket", "heartbeat"]));
    },
  );

  it("dev has no destinations configured: its alerts stay in the Alertmanager UI, never in null", () => {
    expect(receiversOf(configs.dev!).filter(hasDestination)).toEqual([]);
  });

  it("the heartbeat repeats at most every 5 minutes and posts to the configured https URL", () => {
    const route = (configs.prod!.route as { routes: Record<string, unknown>[] }).routes.find(
      (r) => r.receiver === RECEIVERS.heartbeat,
    )!;
    expect(durationSeconds(route.repeat_interval as string)).toBeLessThanOrEqual(300);
    expect(durationSeconds(route.group_interval as string)).toBeLessThanOrEqual(300);
    expect(route.repeat_interval).toBe(HEARTBEAT_REPEAT_INTERVAL);
    const heartbeat = receiversOf(configs.prod!).find((r) => r.name === RECEIVERS.heartbeat)!;
    expect(heartbeat.webhook_configs).toEqual([
      { url: expect.stringMatching(/^https:\/\//), send_resolved: false },
    ]);
  });

  it("notification summaries name the group by labels every alert of the group shares, never annotations", async () => {
    for (const label of ["service", "slo", "sli", "severity"]) expect(GROUP_BY).toContain(label);
    const texts = receiversOf(configs.prod!).flatMap((r) =>
      ((r.pagerduty_configs as Record<string, unknown>[] | undefined) ?? []).map((c) => c.description),
    );
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      expect(text).toBe(NOTIFICATION_SUMMARY);
      expect(text).not.toMatch(/CommonAnnotations/);
    }
    const run = await render;
    expect(run.status, run.output).toBe(0);
    // amtool renders its own sample notification (status "alertstatus", group labels without
    // ours): the template parses and renders, and is never blank.
    expect(run.stdout.trim()).toMatch(/^\[ALERTSTATUS\]/);
  });
});
