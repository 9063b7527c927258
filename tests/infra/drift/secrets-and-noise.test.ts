import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { mutatingCommands } from "../../support/read-only";
import { driftProject, runDriftScenarios, type DriftRun } from "../../support/drift";
import { FAKE_PULUMI, fakePulumi } from "../../support/fake-pulumi";

const SECRET_VERSION =
  "urn:pulumi:dev::infra::aws:secretsmanager/secretVersion:SecretVersion::dev-app-api-key-v1";
/** Every secret plaintext the dev fixtures hold: the recorded one, the rotated one, the password, the config value. */
const PLAINTEXTS = [
  "dev-api-key-Plaintext-9f8e7d",
  "rotated-by-hand-Plaintext-0c0ffee",
  "dev-db-Password-Plaintext-1a2b3c",
  "dev-config-Secret-Plaintext-4d5e6f",
];

const CONFIG_IGNORE =
  'config:\n  infra:profile: development\n  infra:drift:\n    ignore:\n      - "aws:ec2/vpc:Vpc:tags.LastScanned"\n';

let runs: Record<"secret" | "leaks" | "noise" | "noiseWithoutIgnores" | "resizedByHand", DriftRun>;

beforeAll(async () => {
  runs = await runDriftScenarios({
    secret: ["secret-drift", { stacks: ["dev"] }],
    leaks: ["secret-leaks", { stacks: ["dev"] }],
    noise: [
      "noise-only",
      {
        stacks: ["dev"],
        cwd: driftProject({ "Pulumi.dev.yaml": CONFIG_IGNORE }),
        ignore: ["*:*:*:tags.backup-*"],
      },
    ],
    noiseWithoutIgnores: ["noise-only", { stacks: ["dev"] }],
    // Deployed asking for db.t4g.large (pending until the window, AWS ran db.t4g.medium), then
    // someone resized the instance to db.t4g.2xlarge in the console.
    resizedByHand: [
      {
        stacks: {
          dev: {
            base: resolve(__dirname, "../../support/fake-pulumi/scenarios/state/dev.json"),
            recorded: { "dev-db": { inputs: { instanceClass: "db.t4g.large" } } },
            refresh: {
              changes: [{ name: "dev-db", op: "update", outputs: { instanceClass: "db.t4g.2xlarge" } }],
            },
          },
        },
      },
      { stacks: ["dev"] },
    ],
  });
});

describe("infra drift: a secret property drifted", () => {
  it("exits 2 and reports the property with both values as [secret]", () => {
    const { exitCode, report } = runs.secret;
    expect(exitCode).toBe(2);
    expect(report.stacks[0]?.drift).toEqual([
      {
        urn: SECRET_VERSION,
        type: "aws:secretsmanager/secretVersion:SecretVersion",
        name: "dev-app-api-key-v1",
        op: "update",
        properties: [
          { path: "secretString", kind: "update", replace: false, old: "[secret]", new: "[secret]" },
        ],
      },
    ]);
    expect(runs.secret.text).toContain(
      "~ secretString (update)\n          program: [secret]\n          cloud:   [secret]\n",
    );
    expect(runs.secret.markdown).toContain(
      "~ secretString (update)\n    program: [secret]\n    cloud:   [secret]\n",
    );
  });

  it("masks by property: secret anywhere (inputs, outputs, additionalSecretOutputs, provider schema) means masked everywhere", () => {
    const { exitCode, report } = runs.leaks;
    expect(exitCode).toBe(2);
    const shown = (report.stacks[0]?.drift ?? []).flatMap((c) =>
      c.properties.map((p) => [c.name, p.path, p.old, p.new]),
    );
    expect(shown).toEqual(
      expect.arrayContaining([
        ["dev-db", "password", "[secret]", "[secret]"],
        ["dev-api", "environment.variables.TOKEN", "[secret]", "[secret]"],
        ["dev-api", "environment.variables.MODE", "live", "debug"],
        ["dev-token", "token", "[secret]", "[secret]"],
        ["dev-token", "owner", "platform", "data"],
        ["dev-reporting", "masterPassword", "[secret]", "[secret]"],
        ["dev-app-env", "stringData.DATABASE_URL", "[secret]", "[secret]"],
        [
          "dev-app-env",
          "metadata.annotations",
          undefined,
          { "kubectl.kubernetes.io/last-applied-configuration": "[secret]" },
        ],
      ]),
    );
    expect(report.stacks[0]?.pending?.[0]?.properties).toEqual([
      { path: "masterPassword", kind: "update", replace: false, old: "[secret]", new: "[secret]" },
    ]);
  });

  it("no planted plaintext marker reaches stdout, the text, Markdown or JSON report, or stderr", () => {
    // The markers are really in what the CLI printed: masking them is the tool's work.
    const fake = fakePulumi("secret-leaks");
    const raw = ["refresh", "preview"]
      .map(
        (command) =>
          spawnSync(FAKE_PULUMI, [command, "--preview-only", "--json", "--stack", "dev"], {
            env: fake.env,
            encoding: "utf8",
          }).stdout,
      )
      .join("\n");
    for (const marker of [
      "PLANTED-cloud-password-01",
      "PLANTED-cloud-api-key-02",
      "PLANTED-nested-recorded-12",
      "PLANTED-aso-cloud-22",
      "PLANTED-schema-cloud-32",
      "PLANTED-k8s-annotation-43",
      "PLANTED-schema-code-33",
    ])
      expect(raw).toContain(marker);
    const run = runs.leaks;
    for (const [name, output] of Object.entries({
      stdout: run.json,
      text: run.text,
      markdown: run.markdown,
      stderr: run.stderr,
    }))
      expect(output.match(/PLANTED-[a-z0-9-]+/g), name).toBeNull();
  });

  it("never prints a secret value, in any format", () => {
    for (const run of Object.values(runs)) {
      for (const output of [run.json, run.text, run.markdown, run.stderr]) {
        for (const plaintext of PLAINTEXTS) expect(output).not.toContain(plaintext);
      }
    }
  });

  it("never asks the CLI for secrets (the fake would print them with --show-secrets)", () => {
    for (const run of Object.values(runs)) {
      for (const { argv } of run.invocations) expect(argv).not.toContain("--show-secrets");
    }
    // The check above can fail: the fixture does hold the plaintext, and the CLI reveals it on request.
    const fake = fakePulumi("secret-drift");
    const revealed = spawnSync(
      FAKE_PULUMI,
      ["refresh", "--preview-only", "--json", "--stack", "dev", "--show-secrets"],
      {
        env: fake.env,
        encoding: "utf8",
      },
    );
    expect(revealed.stdout).toContain("rotated-by-hand-Plaintext-0c0ffee");
  });
});

describe("infra drift: known noise only", () => {
  it("exits 0 with no drift and no pending change", () => {
    const { exitCode, report } = runs.noise;
    expect(exitCode).toBe(0);
    expect(report.stacks[0]).toMatchObject({ status: "clean", drift: [], pending: [], error: null });
  });

  it("lists every suppressed change with its rule", () => {
    const suppressed = runs.noise.report.stacks[0]?.suppressed.map((s) => [
      s.section,
      s.urn.split("::").pop(),
      s.path,
      s.rule,
    ]);
    expect(suppressed).toEqual([
      ["drift", "dev-app", "inlinePolicies", "nil-vs-empty"],
      ["drift", "dev-app", "managedPolicyArns", "sidecar-ownership"],
      ["drift", "dev-db", "instanceClass", "rds-pending-modification"],
      ["drift", "dev-db", 'tagsAll["backup-window"]', "tags-all-mirror"],
      ["drift", "dev-db", 'tags["backup-window"]', "ignore-list"],
      ["drift", "dev-private-a", "routes[0]", "sidecar-ownership"],
      ["drift", "dev-vpc", "tags.LastScanned", "ignore-list"],
      ["drift", "dev-vpc", "tagsAll.LastScanned", "tags-all-mirror"],
      ["pending", "dev-db", "instanceClass", "rds-pending-modification"],
    ]);
    expect(runs.noise.report.totals.suppressed).toBe(9);
  });

  it("says which ignore pattern matched and where it came from", () => {
    const reasons = runs.noise.report.stacks[0]?.suppressed
      .filter((s) => s.rule === "ignore-list")
      .map((s) => s.reason);
    expect(reasons).toEqual([
      'matches ignore pattern "*:*:*:tags.backup-*" (--ignore)',
      'matches ignore pattern "aws:ec2/vpc:Vpc:tags.LastScanned" (infra:drift.ignore[0] in Pulumi.dev.yaml)',
    ]);
    expect(runs.noise.report.stacks[0]?.ignore).toEqual([
      "aws:ec2/vpc:Vpc:tags.LastScanned",
      "*:*:*:tags.backup-*",
    ]);
  });

  it("names the upstream issues of the two known provider noise sources", () => {
    const suppressed = runs.noise.report.stacks[0]?.suppressed ?? [];
    const reason = (rule: string) => suppressed.find((s) => s.rule === rule)?.reason;
    expect(reason("sidecar-ownership")).toContain("pulumi-aws#3837");
    expect(reason("rds-pending-modification")).toContain("pulumi-aws#5067");
  });

  it("without the ignore patterns the scanner and backup tags are drift again (exit 2)", () => {
    const { exitCode, report } = runs.noiseWithoutIgnores;
    expect(exitCode).toBe(2);
    expect(report.stacks[0]?.drift?.map((c) => [c.name, c.properties.map((p) => p.path)])).toEqual([
      ["dev-db", ['tags["backup-window"]']],
      ["dev-vpc", ["tags.LastScanned"]],
    ]);
  });
});

describe("infra drift: the RDS pending modification does not hide a real resize", () => {
  it("near miss: the class changed by hand is drift, shown as the program's value against the cloud's", () => {
    const { exitCode, report } = runs.resizedByHand;
    expect(exitCode).toBe(2);
    expect(report.stacks[0]?.drift?.map((c) => [c.name, c.properties])).toEqual([
      [
        "dev-db",
        [
          {
            path: "instanceClass",
            kind: "update",
            replace: false,
            old: "db.t4g.large",
            new: "db.t4g.2xlarge",
          },
        ],
      ],
    ]);
    expect(report.stacks[0]?.suppressed.filter((s) => s.section === "drift")).toEqual([]);
  });
});

describe("read-only", () => {
  it("made the fake CLI run nothing that could change state or cloud", () => {
    expect(Object.values(runs).every((run) => run.invocations.length > 0)).toBe(true);
    expect(mutatingCommands(runs)).toEqual([]);
  });
});
