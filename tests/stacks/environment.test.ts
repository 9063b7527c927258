import { describe, expect, it } from "vitest";
import { InfraValidationError } from "../../components/core";
import { observabilityArgs } from "../../stacks/component-args";
import { loadEnvironment } from "../../stacks/environment";

const DEPS = {
  cluster: { name: "c", oidcProviderArn: "arn", oidcIssuerUrl: "https://oidc" },
  natGatewayIds: [],
};

const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
/** What production alerting needs: page and ticket receivers and the external heartbeat. */
const RECEIVERS = {
  page: { pagerDutyRoutingKey: "page-key" },
  ticket: { webhookUrl: "https://tickets.example.com/hook" },
  heartbeatUrl: "https://hc-ping.example.com/x",
};
/** The https pager production needs on the page topic of the CloudWatch alarms. */
const PAGER_HOOK = {
  key: "pagerduty",
  topic: "page",
  url: "https://events.pagerduty.com/integration/0123/enqueue",
};
const ALERTING = { alertReceivers: RECEIVERS, alertWebhooks: [PAGER_HOOK] };
const BASE = {
  profile: "production",
  network: { cidrBlock: "10.20.0.0/16" },
  cluster: { adminRoleArns: ["arn:aws:iam::210987654321:role/platform-admin"] },
  observability: ALERTING,
  keys: { breakGlassRoleArn: "arn:aws:iam::210987654321:role/infra-break-glass" },
  delivery: {
    repository: "acme/infra",
    connectionArn: "arn:aws:codeconnections:eu-west-1:210987654321:connection/0b1c2d3e",
  },
};
const TARGET = { allowedAccountIds: ["210987654321"] };

function problems(raw: Record<string, unknown>): string[] {
  try {
    loadEnvironment(raw, "prod", ZONES, TARGET);
  } catch (err) {
    if (err instanceof InfraValidationError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  throw new Error("expected the config to be rejected");
}

describe("infra:keys", () => {
  it("requires the break-glass role in production, naming the keys it guards", () => {
    const { keys: _left, ...withoutKeys } = BASE;
    expect(problems(withoutKeys)).toEqual([
      expect.stringMatching(
        /^infra:keys\.breakGlassRoleArn: required in production: the one IAM role that may disable or schedule the deletion of the EKS secrets key, the database key, the alert topics' key and the logs key/,
      ),
    ]);
  });

  it("lets a development stack leave it out", () => {
    const { keys: _left, observability: _alerting, ...withoutKeys } = BASE;
    const { config } = loadEnvironment({ ...withoutKeys, profile: "development" }, "dev", ZONES, TARGET);
    expect(config.keys).toEqual({});
  });

  it("reports a role of another account and a session ARN, each at its path, with the rest", () => {
    const found = problems({
      ...BASE,
      keys: {
        breakGlassRoleArn: "arn:aws:iam::999999999999:role/infra-break-glass",
        administratorRoleArns: ["arn:aws:sts::210987654321:assumed-role/admin/alice"],
      },
    });
    expect(found).toEqual([
      expect.stringMatching(/^infra:keys\.administratorRoleArns\[0\]: .*is an STS session ARN/),
      expect.stringMatching(
        /^infra:keys\.breakGlassRoleArn: "arn:aws:iam::999999999999:role\/infra-break-glass" is in account 999999999999, not in aws:allowedAccountIds/,
      ),
    ]);
  });
});

describe("infra:keys, account of the roles", () => {
  it("reports a break-glass role of another account once, at its config key", () => {
    const found = problems({
      ...BASE,
      keys: { breakGlassRoleArn: "arn:aws:iam::999999999999:role/infra-break-glass" },
    });
    expect(found).toEqual([expect.stringMatching(/^infra:keys\.breakGlassRoleArn: .*999999999999/)]);
  });
});

describe("loading an environment", () => {
  it("reports three mistakes in three places at once, each with its config path", () => {
    const found = problems({
      ...BASE,
      netwrk: {},
      cluster: {
        ...BASE.cluster,
        nodeGroups: [{ name: "general", instanceTypes: ["m6i.large"], minSize: 5, maxSize: 2 }],
      },
      database: { engineVersion: "17", instanceClass: "db.x9.huge" },
    });
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/^infra:netwrk: unknown key \(did you mean "network"\?\)/);
    expect(found[1]).toMatch(/^infra:cluster\.nodeGroups\[0\]\.minSize: 5 is greater than maxSize 2/);
    expect(found[2]).toMatch(/^infra:database\.instanceClass: "db\.x9\.huge" is not an RDS instance class/);
  });

  it("does not judge a section further once its shape is wrong", () => {
    expect(problems({ ...BASE, database: { engineVersion: "17", allocatedStorageGb: "big" } })).toEqual([
      'infra:database.allocatedStorageGb: "big" is outside what RDS allows for gp3; use a whole number of GiB from 20 to 65536',
    ]);
  });

  it("reports a value several components share once, under the key that sets it", () => {
    const found = problems({ ...BASE, observability: { logRetentionDays: 10, ...ALERTING } });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^infra:observability\.logRetentionDays: 10 days is not a retention CloudWatch Logs accepts/,
    );
  });

  it("names the zone count when the region has fewer zones, and nothing that follows from it", () => {
    expect(problems({ ...BASE, network: { cidrBlock: "10.20.0.0/16", availabilityZoneCount: 5 } })).toEqual([
      "infra:network.availabilityZoneCount: 5 zones requested but the region has only 3 available (eu-west-1a, eu-west-1b, eu-west-1c); lower availabilityZoneCount to 3 or less",
    ]);
  });

  it("checks services and SLOs against each other and against the production rules", () => {
    const found = problems({
      ...BASE,
      services: [
        {
          name: "api",
          image: "nginx:latest",
          cpu: { request: "1", limit: "500m" },
          memory: { request: "1Gi", limit: "2Gi" },
        },
        {
          name: "api",
          image: "nginx:1.27.2",
          cpu: { request: "1", limit: "1" },
          memory: { request: "1Gi", limit: "2Gi" },
        },
      ],
      observability: {
        slos: [
          {
            name: "web-availability",
            service: "web",
            objective: 99.9,
            availability: { good: "a", total: "b" },
          },
        ],
      },
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^infra:services\[0\]\.image: "nginx:latest" uses the mutable tag "latest"/),
        expect.stringMatching(/^infra:services\[0\]\.cpu\.limit: "500m" is below the request "1"/),
        'infra:services[1].name: "api" is used by an earlier service; names must be unique',
        'infra:observability.slos[0].service: "web" is not a service of this stack; use one of "api"',
        expect.stringMatching(/^infra:observability\.alertReceivers\.page: is missing/),
        expect.stringMatching(/^infra:observability\.alertReceivers\.ticket: is missing/),
        expect.stringMatching(/^infra:observability\.alertReceivers\.heartbeatUrl: is missing/),
        expect.stringMatching(
          /^infra:observability\.alertWebhooks: has no https subscription to the page topic/,
        ),
      ]),
    );
  });

  it("points an alert subscription problem at the config list it came from", () => {
    const found = problems({
      ...BASE,
      observability: {
        alertEmails: ["ops@example.com"],
        alertWebhooks: [{ key: "chat", url: "http://hooks.example.com/x" }, PAGER_HOOK],
        alertReceivers: RECEIVERS,
      },
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^infra:observability\.alertWebhooks\[0\]\.url: /);
  });

  it("accepts a complete config and fills the profile's defaults", () => {
    const { config, zones } = loadEnvironment(BASE, "prod", ZONES, TARGET);
    expect(zones).toEqual(ZONES);
    expect(config.network.natGateways).toBe("perAz");
    expect(config.database).toBeUndefined();
    expect(config.observability.logRetentionDays).toBe(90);
  });

  it("defaults an SLO's excluded paths to its service's probe and metrics paths", () => {
    const service = {
      name: "api",
      image: "nginx:1.27.2",
      cpu: { request: "100m", limit: "1" },
      memory: { request: "256Mi", limit: "512Mi" },
    };
    const slo = { service: "api", objective: 99.9, availability: { good: "a", total: "b" } };
    const { config } = loadEnvironment(
      {
        ...BASE,
        services: [
          { ...service, metrics: { path: "/stats" }, probes: { liveness: { path: "/live" } } },
          { ...service, name: "web", probes: { startup: { enabled: false } }, strategy: { type: "rolling" } },
        ],
        observability: {
          ...ALERTING,
          slos: [
            { ...slo, name: "api" },
            { ...slo, name: "web", service: "web" },
            { ...slo, name: "api-all", excludePaths: [] },
          ],
        },
      },
      "prod",
      ZONES,
      TARGET,
    );
    expect(observabilityArgs(config, DEPS, "plain-for-validation").slos!.map((s) => s.excludePaths)).toEqual([
      ["/healthz/startup", "/healthz/ready", "/live", "/stats"],
      ["/healthz/ready", "/healthz/live"],
      [],
    ]);
  });

  it("runs the preflight with the config validation, all problems at once and before any resource", () => {
    const found = problems({
      ...BASE,
      cluster: {
        adminRoleArns: ["arn:aws:iam::123456789012:role/platform-admin"],
        nodeGroups: [{ name: "general", instanceTypes: ["m6g.medium"], minSize: 2, maxSize: 4 }],
      },
      observability: { ...ALERTING, prometheus: { enabled: false } },
      services: [
        {
          name: "api",
          image: "ghcr.io/acme/api:1.0.0",
          cpu: { request: "100m", limit: "200m" },
          memory: { request: "128Mi", limit: "256Mi" },
          metrics: {},
          strategy: { type: "rolling" },
        },
      ],
      delivery: { runner: "github-hosted" },
    });
    // All at once, in the order of the config keys.
    expect(found.map((p) => p.split(":").slice(0, 2).join(":")).sort()).toEqual(
      [
        "infra:delivery.runner",
        "infra:cluster.adminRoleArns[0]",
        "infra:cluster.nodeGroups",
        "infra:services[0].metrics",
      ].sort(),
    );
  });

  it("does not report a key twice when a component already rejected it", () => {
    const found = problems({
      ...BASE,
      cluster: { ...BASE.cluster, endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] },
      delivery: { runner: "self-hosted", selfHostedLabels: ["infra"] },
    });
    expect(found.filter((p) => p.startsWith("infra:cluster.publicAccessCidrs[0]"))).toHaveLength(1);
  });

  it("hands the stack's accounts to the cluster, which refuses an admin role of another account once", () => {
    const foreign = "arn:aws:iam::999988887777:role/platform-admin";
    const found = problems({ ...BASE, cluster: { adminRoleArns: [foreign] } });
    const onAdmin = found.filter((p) => p.startsWith("infra:cluster.adminRoleArns[0]"));
    expect(onAdmin).toHaveLength(1);
    // The cluster's own rule, so the component registered in the stack checks it as well.
    expect(onAdmin[0]).toMatch(
      /is a role of account 999988887777, not of allowedAccountIds \(210987654321\)/,
    );
    expect(loadEnvironment(BASE, "prod", ZONES, TARGET).allowedAccountIds).toEqual(["210987654321"]);
    // A malformed list is the account check's to report; the cluster is then not given one.
    expect(() => loadEnvironment(BASE, "prod", ZONES, { allowedAccountIds: "210987654321" })).toThrow(
      /aws:allowedAccountIds: "210987654321" is not a list/,
    );
  });
});
