import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import type { SloSpec } from "../../../components/observability/slo";
import {
  BUDGET_REMAINING_RECORD,
  errorRatioRecord,
  SLO_ABSENT_ALERT_NAME,
  SLO_ALERT_NAME,
  sloPrometheusRule,
} from "../../../components/observability/slo-rules";
import { describeWithTools, filesInTempDir, runTool, runToolAsync, type ToolRun } from "../../support/tools";
import { promtoolTestFile, ruleFileText, type Scenario, type Traffic } from "./promtool-scenarios";
import { stackObservabilityArgs } from "./stack-alerting";

/**
 * The SLO rules the stacks render, run through the real promtool: `check rules` on every group, and
 * `test rules` on input series for an outage, burn rates with probe traffic present, healthy traffic,
 * no traffic and the traffic weighting of the remaining budget. Each scenario is a test file of its
 * own; all of them run in PROMTOOL_BATCHES promtool processes started at once.
 */

/** promtool processes the scenarios are split over: one per core of the CI machine. */
const PROMTOOL_BATCHES = 2;

/** What `promtool test rules` printed to stdout for one of several test files: `SUCCESS`, or nothing. */
function testFileSection(stdout: string, file: string): string | undefined {
  const sections = stdout.split(/^Unit Testing: +/m).slice(1);
  const section = sections.find((text) => text.split("\n", 1)[0]!.trim() === file);
  return section?.slice(section.indexOf("\n") + 1);
}

/** Three pods' probes and Prometheus scrapes: ~0.55 requests per second on excluded paths. */
const PROBES_PER_MINUTE_PER_PATH = 11;
const USERS_PER_MINUTE = 30; // 0.5 rps

const traffic = (errorShare: number, user = USERS_PER_MINUTE): Traffic => ({
  user,
  errorShare,
  probes: PROBES_PER_MINUTE_PER_PATH,
});
const NO_USERS: Traffic = { user: 0, errorShare: 0, probes: PROBES_PER_MINUTE_PER_PATH };
const NOTHING: Traffic = { user: 0, errorShare: 0, probes: 0 };

function alertLabels(slo: SloSpec, alert: string, extra: Record<string, string>) {
  return { alertname: alert, slo: slo.name, service: slo.service, ...extra };
}
const burn = (slo: SloSpec, severity: string, long: string, short: string) =>
  alertLabels(slo, SLO_ALERT_NAME, {
    sli: "availability",
    severity,
    long_window: long,
    short_window: short,
  });
/** absent() keeps the selector's equality matchers as labels: the stacks' SLOs select `namespace="podinfo"`. */
const absent = (slo: SloSpec, sli: string, extra: Record<string, string> = {}) =>
  alertLabels(slo, SLO_ABSENT_ALERT_NAME, { sli, severity: "page", namespace: "podinfo", ...extra });

/** Scenarios every SLO must pass; `healthyShare` is a quarter of its error budget. */
function commonScenarios(slo: SloSpec, healthyShare: number): Scenario[] {
  return [
    {
      name: "healthy traffic with probes raises nothing",
      phases: [{ minutes: 60, traffic: traffic(healthyShare) }],
      expect: [
        { atMinute: 10, firing: [] },
        { atMinute: 60, firing: [] },
      ],
    },
    {
      name: "no user traffic, only probes, raises nothing",
      phases: [{ minutes: 30, traffic: NO_USERS }],
      expect: [{ atMinute: 30, firing: [] }],
    },
    {
      name: "no traffic at all (series present, counters flat) raises nothing",
      phases: [{ minutes: 30, traffic: NOTHING }],
      expect: [{ atMinute: 30, firing: [] }],
    },
    {
      name: "a full outage (every series stops) pages within 10 minutes",
      phases: [
        { minutes: 20, traffic: traffic(healthyShare) },
        { minutes: 0, traffic: "gone" },
      ],
      expect: [
        { atMinute: 20, firing: [] },
        { atMinute: 30, firing: [absent(slo, "availability"), absent(slo, "latency", { le: "0.25" })] },
      ],
    },
  ];
}

interface Case {
  readonly stack: string;
  readonly name: string;
  readonly slo: SloSpec;
  /** The SLO the rules are rendered from, when not `slo` itself. */
  readonly rulesFrom?: SloSpec;
  readonly scenario: Scenario;
}

function stackSlo(stack: string): { slo: SloSpec; runbookBaseUrl: string } {
  const args = stackObservabilityArgs(stack);
  expect(args.slos).toHaveLength(1);
  return { slo: args.slos[0]!, runbookBaseUrl: args.runbookBaseUrl };
}

/** Minutes of healthy traffic before the errors start in the 7-day fast-burn cases. */
const WEEKLY_LEAD_IN = 120;
/**
 * The first minute the 7-day SLO's 1h page fires after 2% errors start (found by running promtool,
 * kept exact so a slower rule fails): the 1h ratio passes 1.68% about 50 minutes in, the 5-minute
 * increases it sums lag a few minutes, then `for: 2m`.
 */
const WEEKLY_FIRST_PAGE_MINUTE = 55;

describeWithTools(["promtool"], "SLO rules under promtool", () => {
  const prod = stackSlo("prod");
  const dev = stackSlo("dev");
  const counted = (slo: SloSpec): SloSpec => ({ ...slo, excludePaths: [] });
  /** dev's 99.5% SLO over 7 days instead of 30: the 1h page is 3.36x (1.68%), so 2% errors page. */
  const weekly: SloSpec = { ...dev.slo, window: "7d" };

  const cases: Case[] = [
    ...commonScenarios(prod.slo, 0.00025).map((scenario) => ({
      stack: "prod",
      name: scenario.name,
      slo: prod.slo,
      scenario,
    })),
    ...commonScenarios(dev.slo, 0.00125).map((scenario) => ({
      stack: "dev",
      name: scenario.name,
      slo: dev.slo,
      scenario,
    })),
    {
      stack: "prod",
      name: "99.9%: 2% errors at 0.5 rps next to 0.55 rps of probes pages within the 1h fast-burn window",
      slo: prod.slo,
      scenario: {
        name: "fast burn",
        phases: [
          { minutes: 60, traffic: traffic(0.00025) },
          { minutes: 50, traffic: traffic(0.02) },
        ],
        // Pages 25 to 45 minutes after the errors start (6x over 6h, then 14.4x over 1h).
        expect: [
          { atMinute: 80, filter: 'severity="page"', firing: [] },
          {
            atMinute: 110,
            filter: 'severity="page"',
            firing: [burn(prod.slo, "page", "1h", "5m"), burn(prod.slo, "page", "6h", "30m")],
          },
        ],
      },
    },
    {
      stack: "prod",
      name: "99.9%: the same errors with probes counted read 0.95% and page nobody",
      slo: prod.slo,
      rulesFrom: counted(prod.slo),
      scenario: {
        name: "fast burn, probes counted",
        phases: [
          { minutes: 60, traffic: traffic(0.00025) },
          { minutes: 50, traffic: traffic(0.02) },
        ],
        expect: [{ atMinute: 110, filter: 'severity="page"', firing: [] }],
      },
    },
    {
      stack: "dev",
      name: "99.5%: 10% errors page within the 1h fast-burn window",
      slo: dev.slo,
      scenario: {
        name: "fast burn",
        phases: [
          { minutes: 60, traffic: traffic(0.00125) },
          { minutes: 50, traffic: traffic(0.1) },
        ],
        expect: [
          {
            atMinute: 110,
            filter: 'severity="page"',
            firing: [burn(dev.slo, "page", "1h", "5m"), burn(dev.slo, "page", "6h", "30m")],
          },
        ],
      },
    },
    ...commonScenarios(weekly, 0.00125).map((scenario) => ({
      stack: "dev",
      name: `99.5% over 7d: ${scenario.name}`,
      slo: weekly,
      scenario,
    })),
    {
      stack: "dev",
      name: "99.5% over 7d: 2% errors at 0.5 rps next to 0.55 rps of probes page within the 1h fast-burn window",
      slo: weekly,
      scenario: {
        name: "fast burn, 7-day window",
        phases: [
          { minutes: WEEKLY_LEAD_IN, traffic: traffic(0.00125) },
          { minutes: 60, traffic: traffic(0.02) },
        ],
        // The 1h/5m page is the first to fire, and not a minute earlier; the 6h/30m page (1.4x)
        // follows later, after its 15 minutes of `for`.
        expect: [
          { atMinute: WEEKLY_LEAD_IN + WEEKLY_FIRST_PAGE_MINUTE - 1, filter: 'severity="page"', firing: [] },
          {
            atMinute: WEEKLY_LEAD_IN + WEEKLY_FIRST_PAGE_MINUTE,
            filter: 'severity="page"',
            firing: [burn(weekly, "page", "1h", "5m")],
          },
          // Still the fast-burn page alone an hour after the errors started.
          {
            atMinute: WEEKLY_LEAD_IN + 60,
            filter: 'severity="page"',
            firing: [burn(weekly, "page", "1h", "5m")],
          },
        ],
      },
    },
    {
      stack: "dev",
      name: "99.5% over 7d: the same 2% with probes counted reads 0.95% and pages nobody within the hour",
      slo: weekly,
      rulesFrom: counted(weekly),
      scenario: {
        name: "fast burn, 7-day window, probes counted",
        phases: [
          { minutes: 60, traffic: traffic(0.00125) },
          { minutes: 60, traffic: traffic(0.02) },
        ],
        expect: [{ atMinute: 120, filter: 'severity="page"', firing: [] }],
      },
    },
    {
      stack: "dev",
      name: "99.5%: the remaining budget weighs each moment by its traffic, not each 5-minute ratio alike",
      slo: dev.slo,
      scenario: {
        name: "remaining budget, traffic-weighted",
        // A quiet hour with many errors (4 requests a minute, one failing), a busy hour with none (396 a
        // minute), then 4 quiet minutes so every minute is inside 5 recorded increases. Weighted: 60
        // errors in 24 000 requests, 0.25%, half the 0.5% budget: 0.5 left. Averaging the 5-minute
        // ratios instead (60 at 25%, 4 in between, 60 at 0%) gives about 12.1%: 1 − 12.1/0.5, about
        // −23, a budget spent 24 times over by one quiet hour.
        phases: [
          { minutes: 60, traffic: { user: 4, errorShare: 0.25, probes: PROBES_PER_MINUTE_PER_PATH } },
          { minutes: 60, traffic: { user: 396, errorShare: 0, probes: PROBES_PER_MINUTE_PER_PATH } },
          { minutes: 4, traffic: NO_USERS },
        ],
        expect: [
          {
            atMinute: 124,
            expr: `${BUDGET_REMAINING_RECORD}{slo="${dev.slo.name}",sli="availability"}`,
            samples: [
              {
                labels: {
                  __name__: BUDGET_REMAINING_RECORD,
                  slo: dev.slo.name,
                  service: dev.slo.service,
                  sli: "availability",
                },
                value: 0.5,
              },
            ],
          },
          {
            atMinute: 124,
            // The unweighted alternative, computed from the same recorded ratios: above 12%.
            expr: `count(avg_over_time(${errorRatioRecord("5m")}{slo="${dev.slo.name}",sli="availability"}[30d]) > 0.12)`,
            samples: [{ labels: {}, value: 1 }],
          },
        ],
      },
    },
    {
      stack: "dev",
      name: "99.5% over 30d: 2% errors (4x the budget) with probes present open a ticket, not a page",
      slo: dev.slo,
      scenario: {
        name: "slow burn",
        phases: [{ minutes: 75, traffic: traffic(0.02) }],
        expect: [{ atMinute: 75, firing: [burn(dev.slo, "ticket", "1d", "2h")] }],
      },
    },
    {
      stack: "dev",
      name: "99.5% over 30d: the same 2% with probes counted reads 0.95% and opens no ticket",
      slo: dev.slo,
      rulesFrom: counted(dev.slo),
      scenario: {
        name: "slow burn, probes counted",
        phases: [{ minutes: 75, traffic: traffic(0.02) }],
        expect: [{ atMinute: 75, firing: [] }],
      },
    },
  ];

  /** The test file of each case; the batches below run them. */
  const testFiles = new Map<Case, string>();
  const batches: Promise<ToolRun>[] = [];
  const checks = new Map<string, Promise<ToolRun>>();
  beforeAll(() => {
    for (const [stack, { slo, runbookBaseUrl }] of [
      ["prod", prod],
      ["dev", dev],
    ] as const) {
      const rule = sloPrometheusRule({ name: stack, namespace: "monitoring", slos: [slo], runbookBaseUrl });
      const dir = filesInTempDir({ "rules.yaml": ruleFileText(rule) });
      checks.set(stack, runToolAsync("promtool", ["check", "rules", "rules.yaml"], dir));
    }
    for (const c of cases) {
      const base = c.stack === "prod" ? prod : dev;
      const rule = sloPrometheusRule({
        name: c.stack,
        namespace: "monitoring",
        slos: [c.rulesFrom ?? c.slo],
        runbookBaseUrl: base.runbookBaseUrl,
      });
      const dir = filesInTempDir({
        "rules.yaml": ruleFileText(rule),
        "test.yaml": promtoolTestFile("rules.yaml", rule, c.slo, [c.scenario], c.slo.excludePaths ?? []),
      });
      testFiles.set(c, join(dir, "test.yaml"));
    }
    // One promtool per core, each testing half of the files: a process per case would spend more
    // on starting promtool than on most scenarios.
    const files = [...testFiles.values()];
    for (let batch = 0; batch < PROMTOOL_BATCHES; batch++)
      batches.push(
        runToolAsync("promtool", [
          "test",
          "rules",
          ...files.filter((_, i) => i % PROMTOOL_BATCHES === batch),
        ]),
      );
  });

  it.each(["prod", "dev"])("promtool check rules accepts every SLO rule group of %s", async (stack) => {
    const run = await checks.get(stack)!;
    expect(run.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(run.status, run.output).toBe(0);
  });

  it.each(cases.map((c) => [`${c.stack}: ${c.name}`, c] as const))("%s", async (_, c) => {
    const file = testFiles.get(c)!;
    const runs = await Promise.all(batches);
    const section = runs.map((run) => testFileSection(run.stdout, file)).find((text) => text !== undefined);
    expect(section, `promtool did not test ${file}`).toBeDefined();
    if (!section!.includes("SUCCESS")) {
      // A batch's failure details do not name their file: run this one alone to show its own.
      const alone = runTool("promtool", ["test", "rules", file]);
      expect.fail(alone.output);
    }
  });
});
