import { validateWorkflow } from "@action-validator/core";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseDocument } from "yaml";
import { listStacks } from "../../infra/synth/project";
import { stacksCommand } from "../../infra/stacks/command";
import { readStacks, type StackEntry } from "../../infra/stacks/stacks";
import { projectDir, PULUMI_YAML } from "../support/project-dir";

const root = resolve(__dirname, "../..");
const dir = join(root, ".github", "workflows");

interface Step {
  name?: string;
  "working-directory"?: string;
  uses?: string;
  run?: string;
  if?: string;
  id?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  /** Set on a job that calls a reusable workflow (which then has no steps). */
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: unknown;
  environment?: string | { name: string };
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress"?: boolean };
  strategy?: { matrix?: { include?: unknown }; "max-parallel"?: number; "fail-fast"?: boolean };
  "runs-on"?: unknown;
  outputs?: Record<string, string>;
  env?: Record<string, unknown>;
  steps?: Step[];
}
interface WorkflowCallInput {
  type: string;
  required?: boolean;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  env?: Record<string, unknown>;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

const text = (file: string) => readFileSync(join(dir, file), "utf8");

/**
 * Each `uses:` of another repository's action that is not pinned as OpenSSF Scorecard's
 * pinned-dependencies check asks: a full 40-hex commit SHA (tags can be moved), with the version it
 * is in a trailing comment so updates stay readable. Local workflows and actions are exempt.
 */
function actionPinProblems(workflow: string): string[] {
  const problems: string[] = [];
  for (const [i, line] of workflow.split("\n").entries()) {
    const match = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
    if (!match || match[1]!.startsWith("./")) continue;
    const [, reference, rest] = match;
    if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(reference!) || !/^\s+#\s+v\d+(\.\d+){0,2}\s*$/.test(rest!))
      problems.push(
        `line ${i + 1}: ${reference}${rest} is not pinned to a full commit SHA with "# v<version>"`,
      );
  }
  return problems;
}
const load = (file: string) => parse(text(file)) as Workflow;
const FILES = readdirSync(dir).filter((f) => f.endsWith(".yml"));
const UP_WORKFLOW = "pulumi-up.yml";
const UP_CALL = `./.github/workflows/${UP_WORKFLOW}`;
const DELIVERY = ["preview.yml", "deploy.yml", "drift.yml", UP_WORKFLOW];
const preview = load("preview.yml");
const deploy = load("deploy.yml");
const drift = load("drift.yml");
const ci = load("ci.yml");
const up = load(UP_WORKFLOW);
const upJob = up.jobs.up!;

/** What GitHub lets a job that calls a reusable workflow set; anything else fails the run. */
const CALLER_KEYS = [
  "name",
  "uses",
  "with",
  "secrets",
  "strategy",
  "needs",
  "if",
  "concurrency",
  "permissions",
];
/** The GitHub environments whose required reviewers approve a deployment. */
const REVIEWED_ENVIRONMENTS = ["staging", "production"];

const stepsOf = (job: Job) => job.steps ?? [];
const stepsUsing = (job: Job, action: string) => stepsOf(job).filter((s) => s.uses?.startsWith(`${action}@`));
const roleOf = (job: Job) =>
  stepsUsing(job, "aws-actions/configure-aws-credentials").map((s) => s.with?.["role-to-assume"]);
const allJobs = (files: string[]) =>
  files.flatMap((f) => Object.entries(load(f).jobs).map(([id, job]) => ({ file: f, id, job })));
/** Jobs that run steps on a runner. */
const runnerJobs = (files: string[]) => allJobs(files).filter(({ job }) => job.uses === undefined);
/** Jobs that call a reusable workflow. */
const callerJobs = (files: string[]) => allJobs(files).filter(({ job }) => job.uses !== undefined);
/** Whether a job talks to AWS: the Pulumi action, a role, or the Pulumi CLI in a script. */
const reachesAws = (job: Job) =>
  stepsUsing(job, "pulumi/actions").length > 0 ||
  roleOf(job).length > 0 ||
  stepsOf(job).some((s) => /(^|\s)pulumi\s/m.test(s.run ?? ""));
const needsOf = (job: Job) => (job.needs === undefined ? [] : [job.needs].flat());

/** Every stack this repository has (a Pulumi.<stack>.yaml) with its region and profile. */
const STACK_CONFIG = listStacks(root).map((stack) => {
  const { config } = parse(readFileSync(join(root, `Pulumi.${stack}.yaml`), "utf8")) as {
    config: Record<string, string>;
  };
  return { stack, region: config["aws:region"], profile: config["infra:profile"] ?? "production" };
});
const STACKS = STACK_CONFIG.map(({ stack, region }) => ({ stack, region }));

/** The matrix every delivery workflow gets from its `stacks` job: `infra stacks --json`, in deploy order. */
const RUN = { id: "4242", attempt: "1" };
const MATRIX: StackEntry[] = readStacks(root, RUN).stacks;
const MATRIX_INCLUDE = "${{ fromJSON(needs.stacks.outputs.stacks) }}";
/** The jobs that run once per stack, by workflow. */
const MATRIX_JOBS = [
  ["preview.yml", "preview"],
  ["deploy.yml", "preview"],
  ["deploy.yml", "up"],
  ["drift.yml", "drift"],
] as const;

/** deploy.yml's job that deploys each stack through the reusable workflow. */
const upCaller = deploy.jobs.up!;

/** Replaces `${{ matrix.x }}`, `${{ matrix.x.y }}` and `${{ toJSON(matrix.x.y) }}` with a matrix entry's values. */
function withMatrix(value: unknown, entry: StackEntry): unknown {
  const lookup = (path: string): unknown =>
    path.split(".").reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], entry);
  if (typeof value === "string") {
    const whole = /^\$\{\{ (toJSON\()?matrix\.([\w.-]+)\)? \}\}$/.exec(value);
    if (whole) return whole[1] ? JSON.stringify(lookup(whole[2]!)) : lookup(whole[2]!);
    return value.replace(/\$\{\{ matrix\.([\w.-]+) \}\}/g, (_, path: string) => String(lookup(path)));
  }
  if (Array.isArray(value)) return value.map((v) => withMatrix(v, entry));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withMatrix(v, entry)]));
  return value;
}

/** The reusable workflow's job as it runs for one caller's inputs: each `${{ inputs.<name> }}` replaced. */
function upJobAsCalledWith(inputs: Record<string, unknown>): Job {
  const substitute = (value: unknown): unknown => {
    if (typeof value === "string") {
      const fromJson = /^\$\{\{ fromJSON\(inputs\.([\w-]+)\) \}\}$/.exec(value);
      if (fromJson) return JSON.parse(String(inputs[fromJson[1]!]));
      return value.replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (expression, name: string) =>
        name in inputs ? String(inputs[name]) : expression,
      );
    }
    if (Array.isArray(value)) return value.map(substitute);
    if (typeof value === "object" && value !== null)
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, substitute(inner)]));
    return value;
  };
  return substitute(upJob) as Job;
}
const entryFor = (stack: string) => MATRIX.find((e) => e.stack === stack)!;
const upInputsFor = (stack: string) =>
  withMatrix(upCaller.with ?? {}, entryFor(stack)) as Record<string, unknown>;
const upJobFor = (stack: string) => upJobAsCalledWith(upInputsFor(stack));

describe("workflow files", () => {
  it.each(FILES)("%s is valid YAML and a valid GitHub Actions workflow", (file) => {
    const document = parseDocument(text(file));
    expect(document.errors).toEqual([]);
    expect(validateWorkflow(text(file)).errors).toEqual([]);
  });

  it("the validator does catch mistakes", () => {
    const broken = text("drift.yml").replace("runs-on: ubuntu-24.04", "runs_on: ubuntu-24.04");
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it.each([
    ["an environment", "    environment: production\n"],
    ["a runner", "    runs-on: ubuntu-24.04\n"],
    ["env", "    env:\n      STACK: prod\n"],
  ])("the validator rejects a job that calls a reusable workflow and sets %s", (_, line) => {
    const broken = text("deploy.yml").replace(
      "    name: up ${{ matrix.stack }}\n",
      `    name: up \${{ matrix.stack }}\n${line}`,
    );
    expect(broken).not.toBe(text("deploy.yml"));
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it("every workflow pins each third-party action to a full commit SHA with its version in a comment", () => {
    for (const file of FILES) expect(actionPinProblems(text(file)), file).toEqual([]);
  });

  it("the pin check refuses an action pinned by tag, a short SHA, and a SHA without its version", () => {
    const ci = text("ci.yml");
    const line = /^\s*- uses: actions\/checkout@.*$/m.exec(ci)![0];
    const variants = [
      line.replace(/@.*$/, "@v4.2.2"),
      line.replace(/@([0-9a-f]{7})[0-9a-f]{33}/, "@$1"),
      line.replace(/ # v[\d.]+$/, ""),
    ];
    for (const variant of variants) {
      const problems = actionPinProblems(ci.replace(line, variant));
      expect(problems, variant).toHaveLength(1);
      expect(problems[0]).toContain("actions/checkout");
    }
  });

  it("the delivery workflows call only workflows of this repository", () => {
    // A local reusable workflow runs at the caller's commit, so it is pinned by construction.
    for (const { file, id, job } of callerJobs(FILES)) {
      const called = /^\.\/\.github\/workflows\/([\w.-]+\.yml)$/.exec(job.uses!)?.[1];
      expect(called, `${file} ${id}`).toBeDefined();
      expect(FILES, `${file} ${id}`).toContain(called);
    }
  });

  it("each delivery workflow takes its matrix from the stacks job, never from a list in the file", () => {
    for (const [file, id] of MATRIX_JOBS) {
      const job = load(file).jobs[id]!;
      expect(job.strategy?.matrix, `${file} ${id}`).toEqual({ include: MATRIX_INCLUDE });
      expect(needsOf(job), `${file} ${id}`).toContain("stacks");
      for (const { stack } of STACKS)
        expect(JSON.stringify(job), `${file} ${id}`).not.toContain(`"stack":"${stack}"`);
    }
    for (const file of ["preview.yml", "deploy.yml", "drift.yml"]) {
      const stacks = load(file).jobs.stacks!;
      expect(stacks.outputs, file).toEqual({ stacks: "${{ steps.stacks.outputs.stacks }}" });
      expect(stacks.permissions, file).toEqual({ contents: "read" });
      const read = stepsOf(stacks).find((step) => step.id === "stacks");
      expect(read?.run, file).toContain(
        'infra -- stacks --json --run-id "$GITHUB_RUN_ID" --run-attempt "$GITHUB_RUN_ATTEMPT"',
      );
    }
  });

  it("passes the stacks command's JSON on as the job output the matrix reads", () => {
    const read = stepsOf(deploy.jobs.stacks!).find((step) => step.id === "stacks")!;
    const bin = mkdtempSync(join(tmpdir(), "stacks-step-"));
    const output = join(bin, "output");
    const json = JSON.stringify(MATRIX);
    writeFileSync(
      join(bin, "npm"),
      `#!/usr/bin/env bash\necho "$*" > "${bin}/args"\ncat <<'JSON'\n${json}\nJSON\n`,
    );
    chmodSync(join(bin, "npm"), 0o755);
    const result = spawnSync("bash", ["-e", "-c", read.run!], {
      cwd: root,
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH ?? ""}`,
        GITHUB_OUTPUT: output,
        GITHUB_RUN_ID: "7",
        GITHUB_RUN_ATTEMPT: "2",
      },
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(bin, "args"), "utf8").trim()).toBe(
      "run --silent infra -- stacks --json --run-id 7 --run-attempt 2",
    );
    const line = readFileSync(output, "utf8").trim();
    expect(line.startsWith("stacks=")).toBe(true);
    expect(JSON.parse(line.slice("stacks=".length))).toEqual(MATRIX);
  });

  it("deploys every stack with its own region, environment and runner, through the up workflow", () => {
    expect(upCaller.uses).toBe(UP_CALL);
    expect(MATRIX.map((e) => e.stack).sort()).toEqual(STACKS.map((s) => s.stack));
    for (const { stack, region } of STACKS) {
      const job = upJobFor(stack);
      expect(upInputsFor(stack)).toMatchObject({ stack, region, environment: entryFor(stack).environment });
      expect(stepsUsing(job, "aws-actions/configure-aws-credentials")[0]?.with?.["aws-region"]).toBe(region);
      expect(job.env?.STACK).toBe(stack);
      expect(job["runs-on"]).toEqual(entryFor(stack).runsOn.up);
    }
  });

  it("ci.yml synthesizes every stack, read from the Pulumi.<stack>.yaml files", () => {
    const synth = stepsOf(ci.jobs.check!).find((s) => s.name === "Synthesize every stack offline");
    expect(synth?.run).toBeDefined();
    for (const { stack } of STACKS)
      expect(synth?.run, "a hard-coded stack list").not.toMatch(new RegExp(`\\b${stack}\\b`));
    // Run the step with an `npm` that only records how it was called.
    const bin = mkdtempSync(join(tmpdir(), "ci-synth-"));
    const calls = join(bin, "calls");
    writeFileSync(join(bin, "npm"), `#!/usr/bin/env bash\necho "$*" >> "${calls}"\n`);
    chmodSync(join(bin, "npm"), 0o755);
    const result = spawnSync("bash", ["-e", "-c", synth!.run!], {
      cwd: root,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}` },
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(calls, "utf8").trim().split("\n")).toEqual(
      STACKS.map(({ stack }) => `run synth -- ${stack} --out out`),
    );
  });

  it("ci.yml tests every Node.js LTS line that `engines` admits, the one in .nvmrc with the full check", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { engines: { node: string } };
    const oldest = Number(/^>=(\d+)$/.exec(pkg.engines.node)?.[1]);
    const current = Number(/^v?(\d+)/.exec(readFileSync(join(root, ".nvmrc"), "utf8").trim())?.[1]);
    expect(current % 2, ".nvmrc names an LTS (even) major").toBe(0);
    const lines = [];
    for (let major = oldest + (oldest % 2); major < current; major += 2) lines.push(String(major));
    expect(lines.length).toBeGreaterThan(0);
    const matrix = (ci.jobs["supported-node"] as { strategy?: { matrix?: { node?: string[] } } }).strategy
      ?.matrix;
    expect(matrix?.node).toEqual(lines);
    expect(stepsUsing(ci.jobs["supported-node"]!, "actions/setup-node")[0]?.with?.["node-version"]).toBe(
      "${{ matrix.node }}",
    );
    const runs = stepsOf(ci.jobs["supported-node"]!).map((s) => s.run ?? "");
    for (const command of ["npm ci", "npm run typecheck", "test:package", "npm test"])
      expect(
        runs.some((r) => r.includes(command)),
        command,
      ).toBe(true);
    expect(stepsUsing(ci.jobs.check!, "actions/setup-node")[0]?.with?.["node-version-file"]).toBe(".nvmrc");
  });

  it("every environment variable a step reads is set in the same workflow (a caller's env never reaches a called workflow)", () => {
    const builtIn = /^(GITHUB|RUNNER)_/;
    for (const file of FILES) {
      const workflow = load(file);
      for (const [id, job] of Object.entries(workflow.jobs)) {
        for (const step of stepsOf(job)) {
          const defined = new Set(Object.keys({ ...workflow.env, ...job.env, ...step.env }));
          const inScript = [...(step.run ?? "").matchAll(/\$\{?([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!);
          const inExpressions = [...JSON.stringify(step).matchAll(/\benv\.([A-Za-z_][\w-]*)/g)].map(
            (m) => m[1]!,
          );
          for (const name of [...inScript, ...inExpressions].filter((n) => !builtIn.test(n)))
            expect(defined, `${file} ${id} "${step.name ?? step.uses}" reads ${name}`).toContain(name);
        }
      }
    }
  });
});

describe("security properties", () => {
  it("grants only contents: read at the top, and id-token: write only to jobs that assume a role", () => {
    for (const file of DELIVERY) expect(load(file).permissions, file).toEqual({ contents: "read" });
    for (const { file, id, job } of runnerJobs(DELIVERY)) {
      const assumesRole = roleOf(job).length > 0;
      expect(job.permissions?.["id-token"] === "write", `${file} ${id}`).toBe(assumesRole);
      // A job that reaches AWS does so only through OIDC; an offline job (synth) gets no token.
      expect(assumesRole, `${file} ${id} reaches AWS without OIDC`).toBe(reachesAws(job));
      // The stacks job only reads the repository's files.
      if (id === "stacks") expect(JSON.stringify(job), file).not.toMatch(/pulumi|aws-actions/);
    }
    // A called workflow can only narrow what its caller grants: each caller grants exactly what the
    // up job needs, nothing more.
    expect(upJob.permissions).toEqual({ contents: "read", "id-token": "write" });
    for (const { file, id, job } of callerJobs(FILES))
      expect(job.permissions, `${file} ${id}`).toEqual(upJob.permissions);
  });

  it("uses OIDC only: no access keys, no secrets in plain env, no secrets pasted into scripts", () => {
    for (const file of FILES) {
      const workflow = load(file);
      const envs = [
        workflow.env ?? {},
        ...Object.values(workflow.jobs).flatMap((job) => [
          job.env ?? {},
          ...stepsOf(job).map((s) => s.env ?? {}),
        ]),
      ];
      for (const env of envs) {
        for (const [key, value] of Object.entries(env)) {
          expect(String(value), `${file} env ${key}`).not.toMatch(/AKIA[0-9A-Z]{16}|[A-Za-z0-9/+]{40}/);
          if (/TOKEN|SECRET|PASSWORD|PASSPHRASE|ACCESS_KEY/.test(key))
            expect(String(value), `${file} env ${key}`).toMatch(
              /^\$\{\{ (secrets\.[A-Z_]+|github\.token) \}\}$/,
            );
        }
      }
      for (const job of Object.values(workflow.jobs)) {
        for (const step of stepsOf(job)) {
          expect(Object.keys(step.with ?? {}), file).not.toContain("aws-access-key-id");
          expect(Object.keys(step.with ?? {}), file).not.toContain("aws-secret-access-key");
          expect(step.run ?? "", file).not.toContain("secrets.");
        }
      }
    }
    // The up workflow needs no secret: callers pass none (no `secrets: inherit`) and no secret input.
    for (const { file, id, job } of callerJobs(FILES)) {
      expect(job.secrets, `${file} ${id}`).toBeUndefined();
      expect(JSON.stringify(job.with ?? {}), `${file} ${id}`).not.toContain("secrets.");
    }
    expect(text(UP_WORKFLOW)).not.toContain("secrets.");
  });

  it("deploys each stack in its environment: staging and prod only after a reviewer approves", () => {
    expect(upJob.environment).toEqual({ name: "${{ inputs.environment }}" });
    const environmentOf = (stack: string) => upJobFor(stack).environment;
    expect(environmentOf("dev")).toEqual({ name: "dev" });
    expect(environmentOf("staging")).toEqual({ name: "staging" });
    expect(environmentOf("prod")).toEqual({ name: "production" });
    for (const { stack, profile } of STACK_CONFIG.filter((s) => s.profile === "production"))
      expect(REVIEWED_ENVIRONMENTS, `${stack} (profile ${profile})`).toContain(
        upInputsFor(stack).environment,
      );
  });

  it("deploys dev, then staging, then prod, one at a time, only from main and only after the previews", () => {
    expect(MATRIX.map((e) => e.stack)).toEqual(["dev", "staging", "prod"]);
    // A matrix creates its jobs in the order of its entries; one at a time, and none after a failure.
    expect(upCaller.strategy).toMatchObject({ "max-parallel": 1, "fail-fast": true });
    expect(needsOf(upCaller)).toEqual(["stacks", "preview"]);
    expect(upCaller.if).toBe("github.ref == 'refs/heads/main'");
    // Every development stack deploys before any production one.
    const lastDevelopment = Math.max(...MATRIX.map((e, i) => (e.profile === "development" ? i : -1)));
    const firstProduction = MATRIX.findIndex((e) => e.profile === "production");
    expect(lastDevelopment).toBeLessThan(firstProduction);
  });

  it("gives each stack's deployment one concurrency group that is never cancelled mid-run", () => {
    expect(upJob.concurrency).toEqual({
      group: "pulumi-up-${{ inputs.stack }}",
      "cancel-in-progress": false,
    });
    const groups = STACKS.map(({ stack }) => upJobFor(stack).concurrency);
    // One group per stack: distinct stacks never share one.
    expect(new Set(groups.map((g) => g?.group)).size).toBe(STACKS.length);
    expect(groups).toEqual(
      STACKS.map(({ stack }) => ({ group: `pulumi-up-${stack}`, "cancel-in-progress": false })),
    );
    // The same group on a caller and its called job deadlocks; nothing above the up job takes one.
    for (const { file, id, job } of callerJobs(FILES))
      expect(job.concurrency, `${file} ${id}`).toBeUndefined();
    expect(deploy.concurrency).toBeUndefined();
    expect(up.concurrency).toBeUndefined();
    for (const { file, job } of allJobs(DELIVERY)) {
      if (job.concurrency) expect(job.concurrency["cancel-in-progress"], file).toBe(false);
    }
    expect(drift.jobs.drift?.concurrency).toEqual({
      group: "drift-${{ matrix.stack }}",
      "cancel-in-progress": false,
    });
  });

  it("only the up job gets the deploy role of its stack's environment; previews and the drift check the stack account's read-only role", () => {
    for (const { file, id, job } of runnerJobs(DELIVERY).filter(({ id }) => id !== "stacks")) {
      const expected = file === UP_WORKFLOW ? "${{ inputs.deploy-role }}" : "${{ matrix.roles.readOnly }}";
      expect(roleOf(job), `${file} ${id}`).toEqual(reachesAws(job) ? [expected] : []);
    }
    expect(upCaller.with?.["deploy-role"]).toBe("${{ matrix.roles.deploy }}");
    for (const file of FILES) {
      expect(text(file), file).not.toMatch(/AWS_(DEPLOY|READ_ONLY)_ROLE_ARN/);
      if (file !== "deploy.yml") expect(text(file), file).not.toContain("matrix.roles.deploy");
    }
    // Every stack assumes roles of its own account only.
    for (const entry of MATRIX) {
      for (const arn of Object.values(entry.roles))
        expect(entry.accountIds, `${entry.stack} ${arn}`).toContain(arn.split(":")[4]);
    }
  });

  it("never leaves the GitHub token on disk: every checkout sets persist-credentials: false", () => {
    const checkouts = allJobs(FILES).flatMap(({ file, id, job }) =>
      stepsUsing(job, "actions/checkout").map((step) => ({ where: `${file} ${id}`, step })),
    );
    expect(checkouts.length).toBeGreaterThanOrEqual(8);
    for (const { where, step } of checkouts) expect(step.with?.["persist-credentials"], where).toBe(false);
  });

  it("lets a pull request's preview reach the read-only role only after a reviewer approves its environment", () => {
    expect(preview.jobs.preview?.environment).toBe("pull-request-preview");
    for (const { file, id, job } of runnerJobs(["preview.yml"]))
      if (roleOf(job).length > 0) expect(job.environment, `${file} ${id}`).toBe("pull-request-preview");
  });

  it("never runs a mutating Pulumi command outside the up job", () => {
    for (const { file, id, job } of runnerJobs(DELIVERY)) {
      const commands = stepsUsing(job, "pulumi/actions").map((s) => s.with?.command);
      const scripts = stepsOf(job)
        .map((s) => s.run ?? "")
        .join("\n");
      expect(scripts, `${file} ${id}`).not.toMatch(/pulumi (up|destroy|refresh|import|cancel|state)\b/);
      expect(
        commands.filter((c) => c !== undefined && c !== "preview"),
        `${file} ${id}`,
      ).toEqual(file === UP_WORKFLOW ? ["up"] : []);
      for (const step of stepsUsing(job, "pulumi/actions"))
        expect(step.with?.refresh, `${file} ${id}`).toBeUndefined();
    }
  });
});

describe("preview.yml", () => {
  it("runs on pull requests and previews each stack with the policy pack, commenting on the PR", () => {
    expect(Object.keys(preview.on)).toEqual(["pull_request"]);
    const job = preview.jobs.preview!;
    expect(job.permissions).toEqual({ contents: "read", "id-token": "write", "pull-requests": "write" });
    expect(stepsUsing(job, "pulumi/actions")[0]?.with).toMatchObject({
      command: "preview",
      "stack-name": "${{ matrix.stack }}",
      policyPacks: "policies",
      "comment-on-pr": true,
    });
  });
});

describe("preview.yml: cost and deploy time", () => {
  const job = preview.jobs.estimate!;
  const step = (name: string) => stepsOf(job).find((s) => s.name === name);

  it("runs offline: no role, no id-token, only the right to comment", () => {
    expect(reachesAws(job)).toBe(false);
    expect(job.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(stepsUsing(job, "actions/checkout").map((s) => s.with?.ref)).toEqual([
      undefined,
      "${{ github.event.pull_request.base.sha }}",
    ]);
  });

  /** Runs a step's script in `cwd` with `npm` replaced by a recorder that answers like `infra`. */
  function runStep(name: string, cwd: string, baseStacks: string[]) {
    const bin = mkdtempSync(join(tmpdir(), "estimate-step-"));
    const calls = join(bin, "calls");
    writeFileSync(
      join(bin, "npm"),
      `#!/usr/bin/env bash\necho "$*" >> "${calls}"\necho "(estimate of $*)"\n`,
    );
    chmodSync(join(bin, "npm"), 0o755);
    for (const stack of baseStacks) {
      mkdirSync(join(cwd, "base-out", stack), { recursive: true });
      writeFileSync(join(cwd, "base-out", stack, "resources.json"), "[]");
    }
    const summary = join(bin, "summary");
    const result = spawnSync("bash", ["-e", "-c", step(name)!.run!], {
      cwd,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}`, GITHUB_STEP_SUMMARY: summary },
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
    const read = (file: string) => (existsSync(file) ? readFileSync(file, "utf8") : "");
    return { calls: read(calls).trim().split("\n"), summary: read(summary) };
  }

  it("synthesizes every stack of the base, read from its Pulumi.<stack>.yaml files", () => {
    const dir = step("Synthesize the base offline")!;
    expect(dir.run, "a hard-coded stack list").not.toMatch(
      new RegExp(`\\b(${STACKS.map((s) => s.stack).join("|")})\\b`),
    );
    expect((job.steps ?? []).find((s) => s.name === "Synthesize the base offline")).toMatchObject({
      "working-directory": "base",
    });
    const { calls } = runStep("Synthesize the base offline", root, []);
    expect(calls).toEqual(STACKS.map(({ stack }) => `run synth -- ${stack} --out ../base-out`));
  });

  it("compares every stack with the base and estimates a stack the base does not have", () => {
    const work = mkdtempSync(join(tmpdir(), "estimate-work-"));
    for (const { stack } of STACKS) writeFileSync(join(work, `Pulumi.${stack}.yaml`), "config: {}\n");
    const [newStack, ...existing] = STACKS.map(({ stack }) => stack);
    const { calls, summary } = runStep("Compare every stack of the head with the base", work, existing);
    expect(calls).toEqual(
      STACKS.map(({ stack }) =>
        stack === newStack
          ? `run --silent infra -- estimate ${stack}`
          : `run --silent infra -- estimate ${stack} --compare base-out --markdown`,
      ),
    );
    // The comment starts with the marker the comment step looks for, so it edits its own comment.
    const body = readFileSync(join(work, "estimate.md"), "utf8");
    expect(body.startsWith("<!-- infra-estimate -->\n")).toBe(true);
    expect(body).toContain(`#### ${newStack} (new stack)`);
    expect(summary).toBe(body);
    const comment = step("Comment on the pull request")!;
    expect(comment.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
    expect(String(comment.with?.script)).toContain('startsWith("<!-- infra-estimate -->")');
  });
});

describe("deploy.yml", () => {
  it("runs on pushes to main and on dispatch, with update plans on unless a dispatch turns them off", () => {
    expect(deploy.on.push).toEqual({ branches: ["main"] });
    expect(deploy.on.workflow_dispatch).toEqual({
      inputs: { "update-plans": expect.objectContaining({ type: "boolean", default: true }) as object },
    });
    // On push `inputs` is empty: `!= false` keeps plans on, where `== true` would switch them off.
    expect(deploy.env?.USE_UPDATE_PLANS).toBe("${{ inputs.update-plans != false }}");
    expect(deploy.env?.PULUMI_EXPERIMENTAL).toBe("${{ inputs.update-plans != false }}");
  });

  it("saves each stack's change set (and plan, when switched on) as an artifact at preview", () => {
    const job = deploy.jobs.preview!;
    const record = stepsOf(job).find((s) => s.run?.includes("changeset"));
    expect(record?.run).toContain('changeset --stack "$STACK" --policy-pack policies');
    expect(record?.run).toContain("--out approved/changeset.json");
    expect(record?.run).toContain("--save-plan approved/plan.json");
    expect(record?.run).toContain('if [ "$USE_UPDATE_PLANS" = "true" ]');
    expect(stepsUsing(job, "actions/upload-artifact")[0]?.with).toMatchObject({
      name: "approved-${{ matrix.stack }}",
      path: "approved/",
      "if-no-files-found": "error",
    });
  });

  it("calls the up workflow with every input it declares, and the same update-plan switch as the preview", () => {
    const inputs = (up.on.workflow_call as { inputs: Record<string, WorkflowCallInput> }).inputs;
    for (const { file, id, job } of callerJobs(FILES)) {
      expect(file, `${id} calls ${job.uses}`).toBe("deploy.yml");
      expect(job.uses).toBe(UP_CALL);
      expect(
        Object.keys(job).filter((key) => !CALLER_KEYS.includes(key)),
        id,
      ).toEqual([]);
      expect(Object.keys(job.with ?? {}).sort(), id).toEqual(Object.keys(inputs).sort());
      expect(job.with).toMatchObject({
        stack: "${{ matrix.stack }}",
        region: "${{ matrix.region }}",
        environment: "${{ matrix.environment }}",
        "runs-on": "${{ toJSON(matrix.runsOn.up) }}",
      });
      expect(job.with?.["update-plans"], id).toBe(deploy.env?.USE_UPDATE_PLANS);
    }
  });
});

describe("the stacks matrix (infra stacks)", () => {
  const fileConfig = (stack: string) =>
    (parse(readFileSync(join(root, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, any> })
      .config;

  it("has one entry per Pulumi.<stack>.yaml with the file's region, environment and accounts", () => {
    expect(MATRIX.map((e) => e.stack).sort()).toEqual(listStacks(root));
    for (const entry of MATRIX) {
      const config = fileConfig(entry.stack);
      expect(entry.region).toBe(config["aws:region"]);
      expect(entry.accountIds).toEqual(config["aws:allowedAccountIds"]);
      expect(entry.environment).toBe(config["infra:delivery"]?.environment ?? entry.stack);
      expect(entry.runner).toBe(config["infra:delivery"]?.runner ?? "codebuild");
    }
  });

  it("sends each job to the stack's own CodeBuild runner, one label per job of the run", () => {
    for (const entry of MATRIX.filter((e) => e.runner === "codebuild")) {
      for (const job of ["preview", "up", "drift"] as const)
        expect(entry.runsOn[job]).toEqual([
          `codebuild-infra-${entry.stack}-deploy-runner-4242-1`,
          `infra-${job}`,
        ]);
    }
    expect(preview.jobs.preview?.["runs-on"]).toBe("${{ matrix.runsOn.preview }}");
    expect(deploy.jobs.preview?.["runs-on"]).toBe("${{ matrix.runsOn.preview }}");
    expect(drift.jobs.drift?.["runs-on"]).toBe("${{ matrix.runsOn.drift }}");
    expect(upJob["runs-on"]).toBe("${{ fromJSON(inputs.runs-on) }}");
  });

  it("sends a self-hosted stack to its labelled runners, and puts a new stack file in the matrix with no workflow edit", () => {
    const dir = projectDir({
      "Pulumi.yaml": PULUMI_YAML,
      "Pulumi.dev.yaml": readFileSync(join(root, "Pulumi.dev.yaml"), "utf8"),
      "Pulumi.qa.yaml": [
        "config:",
        "  aws:region: eu-north-1",
        '  aws:allowedAccountIds: ["210987654321"]',
        "  infra:profile: development",
        "  infra:delivery:",
        "    runner: self-hosted",
        "    selfHostedLabels: [linux, infra-deploy]",
        "    order: 2",
        "    roles:",
        "      deploy: arn:aws:iam::210987654321:role/ci-deploy-qa",
        "      readOnly: arn:aws:iam::210987654321:role/ci-read-only",
        "",
      ].join("\n"),
    });
    const { stacks, problems } = readStacks(dir, RUN);
    expect(problems).toEqual([]);
    expect(stacks.map((e) => e.stack)).toEqual(["dev", "qa"]);
    expect(stacks[1]).toMatchObject({ region: "eu-north-1", environment: "qa", runner: "self-hosted" });
    expect(stacks[1]!.runsOn.up).toEqual(["self-hosted", "linux", "infra-deploy"]);
    expect(stacks[1]!.roles).toEqual({
      deploy: "arn:aws:iam::210987654321:role/ci-deploy-qa",
      readOnly: "arn:aws:iam::210987654321:role/ci-read-only",
    });
  });

  it("refuses a stack without its roles, or with a role of another account", () => {
    const stackFile = (roles: string[]) =>
      [
        "config:",
        "  aws:region: eu-north-1",
        '  aws:allowedAccountIds: ["210987654321"]',
        "  infra:profile: development",
        "  infra:delivery:",
        "    runner: self-hosted",
        ...roles,
        "",
      ].join("\n");
    const dir = projectDir({
      "Pulumi.yaml": PULUMI_YAML,
      "Pulumi.none.yaml": stackFile([]),
      "Pulumi.foreign.yaml": stackFile([
        "    roles:",
        "      deploy: arn:aws:iam::777788889999:role/ci-deploy-production",
        "      readOnly: arn:aws:iam::210987654321:role/ci-read-only",
      ]),
    });
    const { stacks, problems } = readStacks(dir, RUN);
    expect(stacks).toEqual([]);
    expect(problems).toEqual([
      "Pulumi.foreign.yaml: infra:delivery.roles.deploy is in account 777788889999, not in aws:allowedAccountIds (210987654321); each stack assumes roles of its own account",
      expect.stringMatching(/^Pulumi\.none\.yaml: infra:delivery\.roles is not set/),
    ]);
  });

  it("refuses to run with AWS's placeholder account or without allowed accounts", () => {
    const dir = projectDir({
      "Pulumi.yaml": PULUMI_YAML,
      "Pulumi.a.yaml":
        'config:\n  aws:region: eu-west-1\n  aws:allowedAccountIds: ["123456789012"]\n  infra:profile: development\n',
      "Pulumi.b.yaml": "config:\n  aws:region: eu-west-1\n  infra:profile: development\n",
    });
    const { stacks, problems } = readStacks(dir, RUN);
    expect(stacks).toEqual([]);
    expect(problems).toEqual([
      expect.stringMatching(
        /^Pulumi\.a\.yaml: aws:allowedAccountIds holds AWS's documentation placeholder 123456789012/,
      ),
      expect.stringMatching(/^Pulumi\.a\.yaml: infra:delivery\.roles is not set/),
      expect.stringMatching(/^Pulumi\.b\.yaml: aws:allowedAccountIds is not set/),
      expect.stringMatching(/^Pulumi\.b\.yaml: infra:delivery\.roles is not set/),
    ]);
    const err: string[] = [];
    expect(stacksCommand({ cwd: dir, json: true }, { out: () => undefined, err: (t) => err.push(t) })).toBe(
      1,
    );
    expect(err.join("")).toContain("placeholder");
  });

  it("prints a table for people, one stack per line in deploy order", () => {
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: () => undefined };
    expect(stacksCommand({ cwd: root, runId: "5", runAttempt: "1" }, io)).toBe(0);
    const lines = out.join("").trim().split("\n");
    expect(lines[0]).toMatch(/^order\s+stack\s+region\s+environment\s+runner/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[1])).toEqual(MATRIX.map((e) => e.stack));
    expect(lines[1]).toContain("codebuild-infra-dev-deploy-runner-5-1,infra-up");
  });
});

describe("pulumi-up.yml", () => {
  it("can only be called, with the stack, region, environment and update-plan switch all required", () => {
    expect(Object.keys(up.on)).toEqual(["workflow_call"]);
    expect((up.on.workflow_call as { inputs: Record<string, WorkflowCallInput> }).inputs).toEqual({
      stack: expect.objectContaining({ type: "string", required: true }) as object,
      region: expect.objectContaining({ type: "string", required: true }) as object,
      environment: expect.objectContaining({ type: "string", required: true }) as object,
      "runs-on": expect.objectContaining({ type: "string", required: true }) as object,
      "deploy-role": expect.objectContaining({ type: "string", required: true }) as object,
      "update-plans": expect.objectContaining({ type: "boolean", required: true }) as object,
    });
    expect(Object.keys(up.jobs)).toEqual(["up"]);
    expect(up.env?.PULUMI_EXPERIMENTAL).toBe("${{ inputs.update-plans }}");
    expect(up.env?.PULUMI_BACKEND_URL).toBe("${{ vars.PULUMI_BACKEND_URL }}");
  });

  it("re-previews and compares before every up, then deploys with the plan only when switched on", () => {
    const approved = stepsUsing(deploy.jobs.preview!, "actions/upload-artifact")[0]?.with?.name;
    for (const { stack } of STACKS) {
      const steps = stepsOf(upJobFor(stack));
      const download = steps.findIndex((s) => s.uses?.startsWith("actions/download-artifact@"));
      const compare = steps.findIndex((s) =>
        s.run?.includes("changeset --compare approved/changeset.json current/changeset.json"),
      );
      const deployStep = steps.findIndex(
        (s) => s.uses?.startsWith("pulumi/actions@") && s.with?.command === "up",
      );
      expect(steps[download]?.with).toEqual({ name: `approved-${stack}`, path: "approved/" });
      expect(steps[download]?.with?.name).toBe(String(approved).replace("${{ matrix.stack }}", stack));
      expect(steps[compare]?.run).toContain(
        'changeset --stack "$STACK" --policy-pack policies --salt-from approved/changeset.json --out current/changeset.json',
      );
      expect(download).toBeGreaterThanOrEqual(0);
      expect(compare).toBeGreaterThan(download);
      expect(deployStep).toBeGreaterThan(compare);
      expect(steps[compare]?.if).toBeUndefined();
      expect(steps[deployStep]?.if).toBeUndefined();
      expect(steps[deployStep]?.with).toMatchObject({
        "stack-name": stack,
        policyPacks: "policies",
        plan: "${{ inputs.update-plans && 'approved/plan.json' || '' }}",
      });
    }
  });
});

describe("drift.yml", () => {
  const job = drift.jobs.drift!;
  const step = (name: string) => stepsOf(job).find((s) => s.name === name);

  it("runs nightly and on dispatch, one job per stack, none cancelling the others", () => {
    expect(drift.on).toEqual({ schedule: [{ cron: "17 4 * * *" }], workflow_dispatch: null });
    expect(job.strategy).toMatchObject({ "fail-fast": false });
    expect(job.permissions).toEqual({ contents: "read", "id-token": "write", issues: "write" });
  });

  it("runs infra drift, writing the JSON and markdown reports, and keeps its exit code", () => {
    const check = step("Check for drift");
    expect(check?.id).toBe("drift");
    expect(check?.run).toContain('infra -- drift --stack "$STACK" --timeout 20m');
    expect(check?.run).toContain('--out "drift-$STACK.json" --out "drift-$STACK.md"');
    expect(check?.run).toContain('echo "exit-code=$?" >> "$GITHUB_OUTPUT"');
  });

  it("stops a hanging check itself, inside the step's and the job's time limits", () => {
    const check = step("Check for drift") as Step & { "timeout-minutes"?: number };
    const minutes = Number(/--timeout (\d+)m/.exec(check.run ?? "")?.[1]);
    expect(minutes).toBeGreaterThan(0);
    expect(check["timeout-minutes"]).toBeGreaterThan(minutes);
    expect((job as Job & { "timeout-minutes"?: number })["timeout-minutes"]).toBeGreaterThan(
      check["timeout-minutes"]!,
    );
  });

  describe("the check-failure issue, run with a fake gh", () => {
    const failureStep = () => step("Open, update or close the stack's check-failure issue");
    const REPORT = {
      stacks: [
        {
          stack: "dev",
          status: "error",
          error: {
            kind: "not-logged-in",
            message: "not logged in to the Pulumi state backend",
            hint: "log in to the state backend: `pulumi login`",
          },
        },
      ],
    };

    /** Runs the step's script; `open` is the number of an open check-failure issue, if any. */
    function runStep(exitCode: string, report: object | null, open?: number) {
      const work = mkdtempSync(join(tmpdir(), "drift-failure-issue-"));
      const calls = join(work, "gh-calls");
      writeFileSync(
        join(work, "gh"),
        `#!/usr/bin/env bash\nprintf '%s\\n--\\n' "$*" >> "${calls}"\n` +
          `if [ "$1 $2" = "issue list" ]; then echo "${open ?? ""}"; fi\n`,
      );
      chmodSync(join(work, "gh"), 0o755);
      if (report) writeFileSync(join(work, "drift-dev.json"), JSON.stringify(report));
      const result = spawnSync("bash", ["-e", "-c", failureStep()!.run!], {
        cwd: work,
        env: {
          ...process.env,
          PATH: `${work}:${process.env.PATH ?? ""}`,
          STACK: "dev",
          GITHUB_REPOSITORY: "acme/infra",
          RUN_URL: "https://github.com/acme/infra/actions/runs/7",
          DRIFT_EXIT_CODE: exitCode,
        },
        encoding: "utf8",
      });
      expect(result.status, result.stderr).toBe(0);
      let recorded = "";
      try {
        recorded = readFileSync(calls, "utf8");
      } catch {
        // gh never called
      }
      return recorded
        .split("\n--\n")
        .map((call) => call.trim())
        .filter(Boolean);
    }

    it("always runs, reading the check's exit code", () => {
      expect(failureStep()).toMatchObject({
        if: "always()",
        env: { DRIFT_EXIT_CODE: "${{ steps.drift.outputs.exit-code }}" },
      });
    });

    it("a failed check opens an issue named for the stack, with each error and its hint", () => {
      const calls = runStep("1", REPORT);
      const create = calls.find((c) => c.startsWith("issue create"));
      expect(create).toContain(
        "--title drift check failed for dev --label drift-check-failed --label stack:dev",
      );
      expect(create).toContain("**not-logged-in**: not logged in to the Pulumi state backend");
      expect(create).toContain("What to do: log in to the state backend");
      expect(calls.some((c) => c.startsWith("issue close"))).toBe(false);
    });

    it("a failed check with the issue already open updates it instead of opening another", () => {
      const calls = runStep("1", REPORT, 42);
      expect(calls.filter((c) => c.startsWith("issue create"))).toEqual([]);
      expect(calls.some((c) => c.startsWith("issue edit 42"))).toBe(true);
      expect(calls.some((c) => c.startsWith("issue comment 42"))).toBe(true);
    });

    it("a check stopped before it wrote a report still opens the issue, saying so", () => {
      const create = runStep("", null).find((c) => c.startsWith("issue create"));
      expect(create).toContain("infra drift wrote no report (exit code: none)");
    });

    it("the next check that runs to the end closes it: clean (0) or drift found (2)", () => {
      for (const code of ["0", "2"]) {
        const calls = runStep(code, { stacks: [] }, 42);
        expect(calls.filter((c) => c.startsWith("issue close"))).toEqual([
          "issue close 42 --repo acme/infra --comment The drift check of dev runs again: https://github.com/acme/infra/actions/runs/7",
        ]);
        expect(calls.some((c) => c.startsWith("issue create"))).toBe(false);
      }
    });

    it("near miss: a check that runs to the end with no open issue touches nothing but the lookup", () => {
      expect(runStep("0", { stacks: [] }).map((c) => c.split(" ").slice(0, 2).join(" "))).toEqual([
        "issue list",
      ]);
    });
  });

  it("always writes the job summary and uploads the report", () => {
    expect(step("Write the job summary")).toMatchObject({ if: "always()" });
    expect(step("Write the job summary")?.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(step("Upload the report")?.with).toMatchObject({
      name: "drift-${{ matrix.stack }}",
      path: "drift-${{ matrix.stack }}.*",
    });
  });

  it("opens or updates one issue per drifted stack, labelled, and closes it when clean", () => {
    const issues = step("Open, update or close the stack's drift issue");
    expect(issues?.env).toEqual({
      GH_TOKEN: "${{ github.token }}",
      RUN_URL: "${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}",
    });
    const run = issues?.run ?? "";
    expect(run).toContain('--state open --label drift --label "stack:$STACK"');
    expect(run).toContain('gh issue create --repo "$GITHUB_REPOSITORY" --title "Drift in stack $STACK"');
    expect(run).toContain('--label drift --label "stack:$STACK"');
    expect(run).toContain('gh issue edit "$issue"');
    expect(run).toContain('gh issue close "$issue"');
    expect(run).toContain('select(.status == "clean")');
  });

  it("fails the job on drift or error", () => {
    const fail = step("Fail on drift or error");
    expect(fail?.if).toBe("steps.drift.outputs.exit-code != '0'");
    expect(fail?.run).toContain("exit 1");
  });
});
