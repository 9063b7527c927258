import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
  validateObservabilityArgs,
  type ObservabilityArgs,
  type SloSpec,
} from "../../../components/observability";

const slo: SloSpec = {
  name: "api",
  service: "api",
  objective: 99.9,
  availability: { good: 'http_requests_total{code!~"5.."}', total: "http_requests_total" },
};
/** The https subscription production needs on the page topic. */
const pager = {
  protocol: "https" as const,
  topic: "page" as const,
  key: "pagerduty",
  endpoint: "https://events.pagerduty.com/integration/0123/enqueue",
};
/** Valid in production: a pager on the page topic, page and ticket receivers and the external heartbeat. */
const valid: ObservabilityArgs = {
  profile: "production",
  alertSubscriptions: [{ protocol: "email", endpoint: "oncall@example.com" }, pager],
  alertReceivers: {
    page: { pagerDutyRoutingKey: "0123456789abcdef0123456789abcdef" },
    ticket: { webhookUrl: "https://tickets.example.com/alertmanager" },
    heartbeatUrl: "https://hc-ping.example.com/0123",
  },
  slos: [slo],
};

/** The issues for `args`, as `path: message` lines, for assertions that name the path. */
const problems = (args: ObservabilityArgs) =>
  validateObservabilityArgs(args).map((i) => `${i.path}: ${i.message}`);
const only = (args: ObservabilityArgs, path: string) => {
  const issues = validateObservabilityArgs(args);
  expect(issues.map((i) => i.path)).toEqual([path]);
  return issues[0]!.message;
};

describe("validateObservabilityArgs", () => {
  it("accepts valid arguments, and the empty set in development", () => {
    expect(validateObservabilityArgs(valid)).toEqual([]);
    expect(validateObservabilityArgs({ profile: "development" })).toEqual([]);
  });

  describe("production alerting", () => {
    it("needs a page receiver, a ticket receiver and a heartbeat, all reported at once", () => {
      expect(problems({})).toEqual([
        expect.stringMatching(/^alertSubscriptions: has no https subscription to the page topic/),
        expect.stringMatching(/^alertReceivers\.page: is missing: production pages/),
        expect.stringMatching(/^alertReceivers\.ticket: is missing: production sends .* to a ticket queue/),
        expect.stringMatching(/^alertReceivers\.heartbeatUrl: is missing: .* dead man's switch/),
      ]);
    });

    it("pages CloudWatch alarms through https only: a ticket subscription or an email pager is not enough", () => {
      const ticketOnly = { ...pager, topic: "ticket" as const };
      expect(only({ ...valid, alertSubscriptions: [ticketOnly] }, "alertSubscriptions")).toMatch(
        /no https subscription to the page topic/,
      );
      const emailPager = {
        protocol: "email" as const,
        topic: "page" as const,
        endpoint: "oncall@example.com",
      };
      const issues = problems({ ...valid, alertSubscriptions: [emailPager] });
      expect(issues).toEqual([
        expect.stringMatching(/^alertSubscriptions: has no https subscription/),
        expect.stringMatching(
          /^alertSubscriptions\[0\]\.protocol: is "email" on the page topic; .*wakes nobody/,
        ),
      ]);
      // A secret endpoint (an Output) with a key is a valid pager; development needs none.
      const secretPager = { ...pager, endpoint: pulumi.secret(pager.endpoint) };
      expect(problems({ ...valid, alertSubscriptions: [secretPager] })).toEqual([]);
      expect(problems({ ...valid, profile: "development", alertSubscriptions: [] })).toEqual([]);
      expect(
        only(
          { ...valid, alertSubscriptions: [pager, { ...pager, key: "x", topic: "pager" as never }] },
          "alertSubscriptions[1].topic",
        ),
      ).toMatch(/"pager" is not a topic; use "page"/);
    });

    it("needs none of them without Prometheus, or in development", () => {
      expect(problems({ prometheus: { enabled: false }, alertSubscriptions: [pager] })).toEqual([]);
      expect(problems({ ...valid, profile: "development", alertReceivers: {} })).toEqual([]);
    });

    it("takes the heartbeat URL as a secret Output, and rejects a plain-HTTP one", () => {
      const secret = { ...valid.alertReceivers, heartbeatUrl: pulumi.secret("https://hc.example.com/x") };
      expect(problems({ ...valid, alertReceivers: secret })).toEqual([]);
      expect(
        only(
          { ...valid, alertReceivers: { ...valid.alertReceivers, heartbeatUrl: "http://hc.example.com/x" } },
          "alertReceivers.heartbeatUrl",
        ),
      ).toMatch(/is not an https URL; give the check-in URL/);
    });

    it("takes alert names to silence, and nothing that is not an alert name", () => {
      expect(problems({ ...valid, silencedAlerts: ["InfoInhibitor", "KubeCPUOvercommit"] })).toEqual([]);
      expect(only({ ...valid, silencedAlerts: ["Kube CPU"] }, "silencedAlerts[0]")).toMatch(
        /is not an alert name/,
      );
    });
  });

  describe("SLOs", () => {
    it.each([0, 100, -1, 150, Number.NaN])("rejects objective %s, outside (0, 100)", (objective) => {
      const message = only({ ...valid, slos: [{ ...slo, objective }] }, "slos[0].objective");
      expect(message).toMatch(/is outside \(0, 100\).*e\.g\. 99\.9/);
    });

    it("rejects an objective so low the fast-burn page could never fire", () => {
      expect(only({ ...valid, slos: [{ ...slo, objective: 90 }] }, "slos[0].objective")).toMatch(
        /could never fire; use an objective above 93\.06/,
      );
      expect(validateObservabilityArgs({ ...valid, slos: [{ ...slo, objective: 95 }] })).toEqual([]);
    });

    it("rejects an SLO without a total selector", () => {
      const noTotal = { ...slo, availability: { good: slo.availability.good } } as unknown as SloSpec;
      expect(only({ ...valid, slos: [noTotal] }, "slos[0].availability.total")).toMatch(
        /is missing; give a PromQL counter selector/,
      );
      expect(
        only(
          { ...valid, slos: [{ ...slo, availability: { ...slo.availability, total: " " } }] },
          "slos[0].availability.total",
        ),
      ).toMatch(/is missing/);
    });

    it("rejects an SLO without a good selector, or without an availability SLI at all", () => {
      expect(
        only(
          { ...valid, slos: [{ ...slo, availability: { ...slo.availability, good: "" } }] },
          "slos[0].availability.good",
        ),
      ).toMatch(/missing/);
      expect(
        only(
          { ...valid, slos: [{ ...slo, availability: undefined } as unknown as SloSpec] },
          "slos[0].availability",
        ),
      ).toMatch(/missing/);
    });

    it("rejects a selector that is not a series selector", () => {
      const message = only(
        { ...valid, slos: [{ ...slo, availability: { ...slo.availability, total: "sum(rate(x[5m]))" } }] },
        "slos[0].availability.total",
      );
      expect(message).toMatch(
        /"sum\(rate\(x\[5m\]\)\)" is a PromQL expression, not a single series selector/,
      );
    });

    it("rejects an unparsable selector and one reaching into every or a system namespace, by its path", () => {
      const withGood = (good: string) => ({
        ...valid,
        slos: [{ ...slo, availability: { ...slo.availability, good } }],
      });
      expect(
        only(withGood('{namespace="podinfo") or vector(1) or (up}'), "slos[0].availability.good"),
      ).toMatch(/does not parse as PromQL/);
      expect(only(withGood('http_requests_total{namespace=~".+"}'), "slos[0].availability.good")).toMatch(
        /match its namespace exactly/,
      );
      expect(
        only(withGood('http_requests_total{namespace="kube-system"}'), "slos[0].availability.good"),
      ).toMatch(/reserved for the cluster and the platform/);
    });

    it("rejects duplicate SLO names, naming the first use", () => {
      const message = only({ ...valid, slos: [slo, { ...slo, service: "other" }] }, "slos[1].name");
      expect(message).toBe('"api" is already used by slos[0]; SLO names must be unique');
    });

    it("rejects names that cannot be labels and rule group names", () => {
      expect(only({ ...valid, slos: [{ ...slo, name: "API Availability" }] }, "slos[0].name")).toMatch(
        /not a valid SLO name/,
      );
    });

    it("rejects a missing service, a bad window and a latency SLI without a usable bucket or threshold", () => {
      expect(only({ ...valid, slos: [{ ...slo, service: "" }] }, "slos[0].service")).toMatch(
        /not a service name/,
      );
      expect(only({ ...valid, slos: [{ ...slo, window: "30 days" }] }, "slos[0].window")).toMatch(
        /whole days or weeks/,
      );
      expect(only({ ...valid, slos: [{ ...slo, window: "1d" }] }, "slos[0].window")).toMatch(/at least 7d/);
      expect(
        only(
          { ...valid, slos: [{ ...slo, latency: { bucket: 'h_bucket{le="0.3"}', thresholdSeconds: 0.3 } }] },
          "slos[0].latency.bucket",
        ),
      ).toMatch(/already matches on `le`/);
      expect(
        only(
          { ...valid, slos: [{ ...slo, latency: { bucket: "h_bucket", thresholdSeconds: 0 } }] },
          "slos[0].latency.thresholdSeconds",
        ),
      ).toMatch(/not a latency/);
      expect(only({ ...valid, slos: [{ ...slo, runbookUrl: "http://wiki" }] }, "slos[0].runbookUrl")).toMatch(
        /not an https URL/,
      );
    });

    it("need Prometheus", () => {
      expect(only({ ...valid, prometheus: { enabled: false } }, "slos")).toMatch(/need Prometheus/);
    });

    it("take declared bucket bounds and reject a latency threshold that is not one of them", () => {
      const latency = { bucket: "http_request_duration_seconds_bucket", thresholdSeconds: 0.3 };
      const withBuckets = (buckets: number[], thresholdSeconds = 0.3) => ({
        ...valid,
        slos: [{ ...slo, latency: { ...latency, thresholdSeconds, buckets } }],
      });
      expect(problems(withBuckets([0.1, 0.3, 1]))).toEqual([]);
      expect(problems({ ...valid, slos: [{ ...slo, latency }] })).toEqual([]);
      expect(only(withBuckets([0.1, 0.25, 0.5]), "slos[0].latency.thresholdSeconds")).toMatch(
        /^0\.3 is not one of the declared bucket bounds \(0\.1, 0\.25, 0\.5\); no series has that `le`/,
      );
      // A near miss: 0.30000000000000004 is not the bound 0.3.
      expect(only(withBuckets([0.3], 0.1 + 0.2), "slos[0].latency.thresholdSeconds")).toMatch(/not one of/);
      expect(only(withBuckets([]), "slos[0].latency.buckets")).toMatch(/is empty/);
      expect(only(withBuckets([0, 0.3]), "slos[0].latency.buckets[0]")).toMatch(/is not a bucket bound/);
    });

    it("take the paths to leave out and the label that carries them", () => {
      const excluded = (excludePaths: string[], pathLabel?: string) => ({
        ...valid,
        slos: [{ ...slo, excludePaths, ...(pathLabel ? { pathLabel } : {}) }],
      });
      expect(problems(excluded([], "handler"))).toEqual([]);
      expect(problems(excluded(["/livez", "/v1.0/ping"]))).toEqual([]);
      expect(only(excluded(["healthz"]), "slos[0].excludePaths[0]")).toMatch(/is not an HTTP path/);
      expect(only(excluded(["/a"], "http-path"), "slos[0].pathLabel")).toMatch(/is not a label name/);
    });
  });

  describe("log retention", () => {
    it("rejects a retention CloudWatch would reject", () => {
      expect(only({ ...valid, logRetentionDays: 45 }, "logRetentionDays")).toMatch(
        /45 days is not a retention CloudWatch Logs accepts \(allowed: 1, 3, 5, .*3653\); use 60/,
      );
      expect(validateObservabilityArgs({ ...valid, logRetentionDays: 400 })).toEqual([]);
    });

    it("takes the logs key as a KMS key ARN, or an Output it cannot check yet", () => {
      for (const logsKmsKeyArn of [
        "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        pulumi.output("alias/known-at-deployment"),
      ]) {
        expect(validateObservabilityArgs({ ...valid, logsKmsKeyArn })).toEqual([]);
      }
      expect(only({ ...valid, logsKmsKeyArn: "alias/platform-logs" }, "logsKmsKeyArn")).toMatch(
        /^"alias\/platform-logs" is not a KMS key ARN; CloudWatch Logs needs the key's full ARN/,
      );
    });
  });

  describe("alert subscriptions", () => {
    it.each(["sms", "http", "lambda", "sqs"])("rejects the %s protocol", (protocol) => {
      expect(
        only(
          { ...valid, alertSubscriptions: [{ protocol: protocol as never, endpoint: "x" }, pager] },
          "alertSubscriptions[0].protocol",
        ),
      ).toMatch(new RegExp(`"${protocol}" is not allowed; use "email" or "https"`));
    });

    it("rejects endpoints that are not an email address or an https URL", () => {
      expect(
        only(
          { ...valid, alertSubscriptions: [{ protocol: "email", endpoint: "oncall" }, pager] },
          "alertSubscriptions[0].endpoint",
        ),
      ).toMatch(/not an email address/);
      expect(
        only(
          {
            ...valid,
            alertSubscriptions: [{ protocol: "https", endpoint: "http://hooks.example.com" }, pager],
          },
          "alertSubscriptions[0].endpoint",
        ),
      ).toMatch(/not an https URL/);
    });

    it("needs a key for a secret endpoint, and rejects duplicates", () => {
      expect(
        only(
          {
            ...valid,
            alertSubscriptions: [
              { protocol: "https", endpoint: pulumi.secret("https://x.example.com") },
              pager,
            ],
          },
          "alertSubscriptions[0].key",
        ),
      ).toMatch(/is required when the endpoint is a secret/);
      expect(
        validateObservabilityArgs({
          ...valid,
          alertSubscriptions: [
            { protocol: "https", endpoint: pulumi.secret("https://x.example.com"), key: "incidents" },
            pager,
          ],
        }),
      ).toEqual([]);
      const twice = { protocol: "email" as const, endpoint: "oncall@example.com" };
      expect(only({ ...valid, alertSubscriptions: [twice, twice, pager] }, "alertSubscriptions[1]")).toMatch(
        /duplicates alertSubscriptions\[0\]/,
      );
      expect(
        only(
          { ...valid, alertSubscriptions: [{ ...twice, key: "on call" }, pager] },
          "alertSubscriptions[0].key",
        ),
      ).toMatch(/not a valid key/);
    });
  });

  describe("AWS targets", () => {
    const cluster = { name: "eks", oidcProviderArn: "arn", oidcIssuerUrl: "https://oidc" };

    it("rejects more NAT gateways than one metric-math alarm can read, and ids that are not NAT gateway ids", () => {
      const ids = Array.from({ length: 11 }, (_, i) => `nat-0${String(i).padStart(16, "0")}`);
      expect(only({ ...valid, natGatewayIds: ids }, "natGatewayIds")).toMatch(
        /has 11 NAT gateways; at most 10/,
      );
      expect(only({ ...valid, natGatewayIds: ["igw-123"] }, "natGatewayIds[0]")).toMatch(
        /not a NAT gateway id/,
      );
      expect(validateObservabilityArgs({ ...valid, natGatewayIds: [pulumi.output("anything")] })).toEqual([]);
    });

    it("rejects duplicate or malformed node group names and impossible max sizes", () => {
      const group = { name: "general", autoscalingGroupName: "asg", maxSize: 3 };
      expect(
        only({ ...valid, cluster: { ...cluster, nodeGroups: [group, group] } }, "cluster.nodeGroups[1].name"),
      ).toMatch(/already used/);
      expect(
        only(
          { ...valid, cluster: { ...cluster, nodeGroups: [{ ...group, name: "a b" }] } },
          "cluster.nodeGroups[0].name",
        ),
      ).toMatch(/not a valid node group name/);
      expect(
        only(
          { ...valid, cluster: { ...cluster, nodeGroups: [{ ...group, maxSize: 0 }] } },
          "cluster.nodeGroups[0].maxSize",
        ),
      ).toMatch(/whole number of at least 1/);
    });

    it("rejects Container Insights without a cluster, bad storage, runbook base and dashboard names", () => {
      expect(only({ ...valid, containerInsights: { enabled: true } }, "containerInsights.enabled")).toMatch(
        /no cluster is given/,
      );
      expect(
        only(
          { ...valid, database: { instanceIdentifier: "db", allocatedStorageGb: -5 } },
          "database.allocatedStorageGb",
        ),
      ).toMatch(/not a storage size/);
      expect(only({ ...valid, runbookBaseUrl: "runbooks" }, "runbookBaseUrl")).toMatch(/not an https URL/);
      expect(only({ ...valid, dashboardName: "prod platform" }, "dashboardName")).toMatch(
        /not a valid dashboard name/,
      );
      expect(only({ ...valid, profile: "staging" as never }, "profile")).toMatch(
        /"staging" is not a profile; use one of "development", "production"/,
      );
    });
  });

  describe("Prometheus and receivers", () => {
    it("runs at least two production Prometheus replicas", () => {
      expect(only({ ...valid, prometheus: { replicas: 1 } }, "prometheus.replicas")).toMatch(
        /1 is too few for production: .*run at least 2/,
      );
      expect(validateObservabilityArgs({ ...valid, prometheus: { replicas: 2 } })).toEqual([]);
      expect(
        validateObservabilityArgs({ ...valid, profile: "development", prometheus: { replicas: 1 } }),
      ).toEqual([]);
    });

    it("keeps production metrics for at least 15 days, and the longest SLO window, on a persistent volume", () => {
      expect(only({ ...valid, prometheus: { retentionDays: 7 } }, "prometheus.retentionDays")).toMatch(
        /too short for production; keep at least 15 days/,
      );
      expect(only({ ...valid, prometheus: { persistent: false } }, "prometheus.persistent")).toMatch(
        /must survive a pod restart/,
      );
      // The budget of a 30-day SLO needs 30 days of samples: 29 is one short, 30 is enough.
      expect(only({ ...valid, prometheus: { retentionDays: 29 } }, "prometheus.retentionDays")).toBe(
        "29 days is shorter than the longest SLO window (30 days); the remaining error budget would be computed from part of the window. Keep at least 30 days (docs/decisions/0011-prometheus-retention.md)",
      );
      expect(validateObservabilityArgs({ ...valid, prometheus: { retentionDays: 30 } })).toEqual([]);
      const fourWeeks = { ...valid, slos: [{ ...slo, window: "4w" }], prometheus: { retentionDays: 27 } };
      expect(only(fourWeeks, "prometheus.retentionDays")).toMatch(/longest SLO window \(28 days\)/);
      expect(validateObservabilityArgs({ ...valid, slos: [], prometheus: { retentionDays: 15 } })).toEqual(
        [],
      );
      expect(
        validateObservabilityArgs({
          ...valid,
          profile: "development",
          prometheus: { retentionDays: 2, persistent: false },
        }),
      ).toEqual([]);
    });

    it("rejects non-integer sizes and an empty storage class", () => {
      expect(only({ ...valid, prometheus: { storageGi: 2.5 } }, "prometheus.storageGi")).toMatch(
        /whole number/,
      );
      expect(
        only({ ...valid, prometheus: { alertmanagerReplicas: 0 } }, "prometheus.alertmanagerReplicas"),
      ).toMatch(/whole number/);
      expect(only({ ...valid, prometheus: { storageClassName: "" } }, "prometheus.storageClassName")).toMatch(
        /encrypted gp3/,
      );
    });

    it("rejects receivers without a destination or with plain-HTTP URLs", () => {
      expect(
        only({ ...valid, alertReceivers: { ...valid.alertReceivers, ticket: {} } }, "alertReceivers.ticket"),
      ).toMatch(/names no destination/);
      expect(
        only(
          { ...valid, alertReceivers: { ...valid.alertReceivers, ticket: { webhookUrl: "http://hooks" } } },
          "alertReceivers.ticket.webhookUrl",
        ),
      ).toMatch(/not an https URL/);
      expect(
        only(
          { ...valid, alertReceivers: { ...valid.alertReceivers, page: { pagerDutyRoutingKey: " " } } },
          "alertReceivers.page.pagerDutyRoutingKey",
        ),
      ).toMatch(/is empty/);
    });
  });

  it("reports every problem at once", () => {
    const issues = problems({
      ...valid,
      logRetentionDays: 10,
      alertSubscriptions: [{ protocol: "sms" as never, endpoint: "+100" }, pager],
      slos: [slo, { ...slo, objective: 100 }],
    });
    // All at once; their order follows the argument definition.
    expect(issues.map((i) => i.split(":")[0]).sort()).toEqual(
      ["logRetentionDays", "alertSubscriptions[0].protocol", "slos[1].name", "slos[1].objective"].sort(),
    );
  });
});
