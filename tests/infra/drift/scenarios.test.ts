import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { mutatingCommands } from "../../support/read-only";
import { runDriftScenarios, type DriftRun } from "../../support/drift";

// End to end through the fake `pulumi` executable: each scenario's exact exit code and report.
const VPC = "urn:pulumi:dev::infra::infra:network:Network$aws:ec2/vpc:Vpc::dev-vpc";
const WEB_SG = "urn:pulumi:dev::infra::infra:network:Network$aws:ec2/securityGroup:SecurityGroup::dev-web";
const DB = "urn:pulumi:dev::infra::aws:rds/instance:Instance::dev-db";
const LOGS = "urn:pulumi:dev::infra::aws:cloudwatch/logGroup:LogGroup::dev-app-logs";

let runs: Record<"clean" | "tag" | "sgRule" | "dbDeleted" | "pendingOnly" | "both", DriftRun>;

beforeAll(async () => {
  runs = await runDriftScenarios({
    clean: ["clean", { stacks: ["dev"] }],
    tag: ["tag-changed", { stacks: ["dev"] }],
    sgRule: ["sg-rule-added", { stacks: ["dev"] }],
    dbDeleted: ["db-deleted", { stacks: ["dev"] }],
    pendingOnly: ["pending-only", { stacks: ["dev"] }],
    both: ["drift-and-pending", { stacks: ["dev"] }],
  });
});

describe("infra drift: a clean stack", () => {
  it("exits 0 with nothing drifted, pending or suppressed", () => {
    const { exitCode, report, stderr } = runs.clean;
    expect(exitCode).toBe(0);
    expect(stderr).toBe("");
    expect(report.exitCode).toBe(0);
    expect(report.pulumiVersion).toBe("3.248.0");
    expect(report.startedAt).toBe("2026-03-02T03:00:00.000Z");
    // The JSON says what `old` and `new` mean in each section.
    expect(report.sides).toEqual({
      drift: { old: "program", new: "cloud" },
      pending: { old: "recorded", new: "code" },
    });
    expect(report.durationMs).toBe(750);
    expect(report.stacks).toEqual([
      {
        stack: "dev",
        status: "clean",
        durationMs: 250,
        drift: [],
        pending: [],
        suppressed: [],
        ignore: [],
        error: null,
      },
    ]);
    expect(report.totals).toEqual({
      stacks: 1,
      clean: 1,
      drifted: 0,
      errored: 0,
      driftedResources: 0,
      pendingResources: 0,
      suppressed: 0,
    });
  });

  it("runs exactly the version check, the stack list, a refresh preview and a preview", () => {
    const commands = runs.clean.invocations.map((i) => i.argv.join(" "));
    expect(commands.slice(0, 2).sort()).toEqual(["stack ls --json --non-interactive", "version"]);
    expect(commands.slice(2)).toEqual([
      "refresh --preview-only --json --non-interactive --stack dev",
      "preview --json --non-interactive --stack dev",
    ]);
  });

  it("says so in text, with the time each stack and the whole check took", () => {
    const { text } = runs.clean;
    expect(text).toContain(
      "infra drift: 1 stack checked in 0.8s: 0 with drift, 0 failed, 1 clean (pulumi 3.248.0)\n",
    );
    expect(text).toContain("  dev: clean (0 resources drifted, 0 pending changes, 0 suppressed) in 0.3s\n");
    expect(text).toContain("drift, changed outside Pulumi: none\n");
    expect(text).toContain("pending changes, in the code but not deployed: none\n");
  });
});

describe("infra drift: a tag changed out of band", () => {
  it("exits 2 and reports the tag with its recorded and current value", () => {
    const { exitCode, report } = runs.tag;
    expect(exitCode).toBe(2);
    expect(report.exitCode).toBe(2);
    const [dev] = report.stacks;
    expect(dev?.status).toBe("drift");
    expect(dev?.drift).toEqual([
      {
        urn: VPC,
        type: "aws:ec2/vpc:Vpc",
        name: "dev-vpc",
        op: "update",
        properties: [{ path: "tags.team", kind: "update", replace: false, old: "platform", new: "data" }],
      },
    ]);
    expect(dev?.pending).toEqual([]);
    expect(report.totals).toMatchObject({ drifted: 1, driftedResources: 1, suppressed: 1 });
  });

  it("lists the tagsAll mirror as suppressed, not as a second change", () => {
    expect(runs.tag.report.stacks[0]?.suppressed).toEqual([
      {
        section: "drift",
        urn: VPC,
        type: "aws:ec2/vpc:Vpc",
        path: "tagsAll.team",
        kind: "update",
        rule: "tags-all-mirror",
        reason: "tagsAll mirrors tags; the change is reported under tags.team",
      },
    ]);
  });

  it("renders both sides of each property: the program's value and the cloud's", () => {
    const { text, markdown } = runs.tag;
    expect(text).toContain("  ~ aws:ec2/vpc:Vpc dev-vpc: changed outside Pulumi\n");
    expect(text).toContain(`      ${VPC}\n`);
    expect(text).toContain(
      '      ~ tags.team (update)\n          program: "platform"\n          cloud:   "data"\n',
    );
    expect(markdown).toContain("| `dev` | DRIFT | 1 | 0 | 1 | 0.3s |");
    expect(markdown).toContain("#### `aws:ec2/vpc:Vpc` `dev-vpc`: changed outside Pulumi");
    expect(markdown).toContain(
      '```text\n~ tags.team (update)\n    program: "platform"\n    cloud:   "data"\n```',
    );
    expect(markdown).toContain("<details><summary>Suppressed as known noise (1)</summary>");
  });
});

describe("infra drift: a security-group rule added by hand", () => {
  it("exits 2 and reports the new rule with its value", () => {
    const { exitCode, report } = runs.sgRule;
    expect(exitCode).toBe(2);
    const drift = report.stacks[0]?.drift;
    expect(drift).toHaveLength(1);
    expect(drift?.[0]).toMatchObject({
      urn: WEB_SG,
      type: "aws:ec2/securityGroup:SecurityGroup",
      op: "update",
    });
    expect(drift?.[0]?.properties).toEqual([
      {
        path: "ingress[1]",
        kind: "add",
        replace: false,
        new: {
          cidrBlocks: ["0.0.0.0/0"],
          description: "debug",
          fromPort: 22,
          ipv6CidrBlocks: [],
          prefixListIds: [],
          protocol: "tcp",
          securityGroups: [],
          self: false,
          toPort: 22,
        },
      },
    ]);
  });

  it("suppresses the rule a separate ingress-rule resource owns (pulumi-aws#3837)", () => {
    const suppressed = runs.sgRule.report.stacks[0]?.suppressed;
    expect(suppressed).toHaveLength(1);
    expect(suppressed?.[0]).toMatchObject({ path: "ingress[0]", kind: "add", rule: "sidecar-ownership" });
    expect(suppressed?.[0]?.reason).toContain(
      'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule "dev-web-https"',
    );
    expect(suppressed?.[0]?.reason).toContain("pulumi-aws#3837");
  });
});

describe("infra drift: a database deleted out of band", () => {
  it("exits 2 and reports the deletion", () => {
    const { exitCode, report, text, markdown } = runs.dbDeleted;
    expect(exitCode).toBe(2);
    expect(report.stacks[0]?.drift).toEqual([
      { urn: DB, type: "aws:rds/instance:Instance", name: "dev-db", op: "delete", properties: [] },
    ]);
    expect(text).toContain("  - aws:rds/instance:Instance dev-db: deleted outside Pulumi\n");
    expect(markdown).toContain("#### `aws:rds/instance:Instance` `dev-db`: deleted outside Pulumi");
  });
});

describe("infra drift: a pending code change only", () => {
  it("exits 0: the stack is clean, the pending changes are listed apart", () => {
    const { exitCode, report } = runs.pendingOnly;
    expect(exitCode).toBe(0);
    const [dev] = report.stacks;
    expect(dev?.status).toBe("clean");
    expect(dev?.drift).toEqual([]);
    expect(dev?.pending).toEqual([
      {
        urn: LOGS,
        type: "aws:cloudwatch/logGroup:LogGroup",
        name: "dev-app-logs",
        op: "create",
        properties: [],
      },
      {
        urn: DB,
        type: "aws:rds/instance:Instance",
        name: "dev-db",
        op: "update",
        properties: [
          {
            path: "instanceClass",
            kind: "update",
            replace: false,
            old: "db.t4g.medium",
            new: "db.t4g.large",
          },
        ],
      },
    ]);
    expect(report.totals).toMatchObject({ clean: 1, drifted: 0, pendingResources: 2 });
  });
});

describe("infra drift: drift and pending changes together", () => {
  it("exits 2 and keeps each in its own section", () => {
    const { exitCode, report, text } = runs.both;
    expect(exitCode).toBe(2);
    const [dev] = report.stacks;
    expect(dev?.drift?.map((c) => [c.urn, c.properties.map((p) => p.path)])).toEqual([[VPC, ["tags.team"]]]);
    expect(dev?.pending?.map((c) => [c.urn, c.properties.map((p) => p.path)])).toEqual([
      [DB, ["instanceClass"]],
    ]);
    const driftAt = text.indexOf("drift, changed outside Pulumi (1 resource):");
    const pendingAt = text.indexOf("pending changes, in the code but not deployed (1 resource):");
    expect(driftAt).toBeGreaterThan(0);
    expect(pendingAt).toBeGreaterThan(driftAt);
    expect(text.slice(driftAt, pendingAt)).not.toContain("instanceClass");
    expect(text.slice(pendingAt)).toContain(
      '~ instanceClass (update)\n          recorded: "db.t4g.medium"\n          code:     "db.t4g.large"\n',
    );
  });
});

describe("read-only", () => {
  it("made the fake CLI run nothing that could change state or cloud", () => {
    expect(Object.values(runs).every((run) => run.invocations.length > 0)).toBe(true);
    expect(mutatingCommands(runs)).toEqual([]);
  });
});

describe("the delivery page's report excerpt", () => {
  it("is what infra drift prints for drift-and-pending (durations aside), both values included", () => {
    const page = readFileSync(resolve(__dirname, "../../../docs/operators/delivery.md"), "utf8");
    const excerpt = /```text\n(== stack dev: DRIFT[\s\S]*?)```/.exec(page)?.[1];
    expect(excerpt, "an excerpt in docs/operators/delivery.md").toBeDefined();
    const normalize = (text: string) => text.replace(/\(\d+\.\ds\)/g, "(Ns)");
    expect(normalize(runs.both.text)).toContain(normalize(excerpt!));
    expect(excerpt).toContain('program: "platform"');
    expect(excerpt).toContain('cloud:   "data"');
  });
});
