import { validateWorkflow } from "@action-validator/core";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseDocument } from "yaml";
import { listStacks } from "../../infra/synth/project";

const root = resolve(__dirname, "../..");
const dir = join(root, ".github", "workflows");

interface Step {
  name?: string;
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
  environment?: string | { name: string };
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress"?: boolean };
  strategy?: { matrix?: { include?: { stack: string; region: string }[] } };
  env?: Record<string, unknown>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  env?: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const text = (file: string) => readFileSync(join(dir, file), "utf8");
const load = (file: string) => parse(text(file)) as Workflow;
const FILES = readdirSync(dir).filter((f) => f.endsWith(".yml"));
const DELIVERY = ["preview.yml", "deploy.yml", "drift.yml"];
const preview = load("preview.yml");
const deploy = load("deploy.yml");
const drift = load("drift.yml");

const stepsUsing = (job: Job, action: string) => job.steps.filter((s) => s.uses?.startsWith(`${action}@`));
const roleOf = (job: Job) =>
  stepsUsing(job, "aws-actions/configure-aws-credentials").map((s) => s.with?.["role-to-assume"]);
const allJobs = (files: string[]) =>
  files.flatMap((f) => Object.entries(load(f).jobs).map(([id, job]) => ({ file: f, id, job })));

/** Every stack this repository has (a Pulumi.<stack>.yaml) with its region. */
const STACKS = listStacks(root).map((stack) => ({
  stack,
  region: (
    parse(readFileSync(join(root, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, string> }
  ).config["aws:region"],
}));

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

  it("the delivery workflows pin every action to an exact version", () => {
    for (const { file, id, job } of allJobs(DELIVERY)) {
      for (const step of job.steps.filter((s) => s.uses)) {
        expect(step.uses, `${file} ${id}`).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/);
      }
    }
  });

  it("each delivery workflow covers every stack with its region", () => {
    for (const job of [preview.jobs.preview, deploy.jobs.preview, drift.jobs.drift]) {
      expect(job?.strategy?.matrix?.include).toEqual(STACKS);
    }
    for (const { stack, region } of STACKS) {
      const up = deploy.jobs[`up-${stack}`];
      expect(up, `deploy.yml has no up-${stack} job`).toBeDefined();
      expect(stepsUsing(up!, "aws-actions/configure-aws-credentials")[0]?.with?.["aws-region"]).toBe(region);
      expect(up?.env?.STACK).toBe(stack);
    }
  });
});

describe("security properties", () => {
  it("grants only contents: read at the top, and id-token: write only to jobs that assume a role", () => {
    for (const file of DELIVERY) expect(load(file).permissions, file).toEqual({ contents: "read" });
    for (const { file, id, job } of allJobs(DELIVERY)) {
      const assumesRole = roleOf(job).length > 0;
      expect(job.permissions?.["id-token"] === "write", `${file} ${id}`).toBe(assumesRole);
      expect(assumesRole, `${file} ${id} reaches AWS without OIDC`).toBe(true);
    }
  });

  it("uses OIDC only: no access keys, no secrets in plain env, no secrets pasted into scripts", () => {
    for (const file of FILES) {
      const workflow = load(file);
      const envs = [
        workflow.env ?? {},
        ...Object.values(workflow.jobs).flatMap((job) => [
          job.env ?? {},
          ...job.steps.map((s) => s.env ?? {}),
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
        for (const step of job.steps) {
          expect(Object.keys(step.with ?? {}), file).not.toContain("aws-access-key-id");
          expect(Object.keys(step.with ?? {}), file).not.toContain("aws-secret-access-key");
          expect(step.run ?? "", file).not.toContain("secrets.");
        }
      }
    }
  });

  it("deploys prod only in the production environment, after dev, from main", () => {
    const prod = deploy.jobs["up-prod"]!;
    expect(prod.environment).toEqual({ name: "production" });
    expect(prod.needs).toBe("up-dev");
    expect(prod.if).toBe("github.ref == 'refs/heads/main'");
    expect(deploy.jobs["up-dev"]?.needs).toBe("preview");
    expect(deploy.jobs["up-dev"]?.environment).toEqual({ name: "dev" });
  });

  it("gives each stack's deployment one concurrency group that is never cancelled mid-run", () => {
    const groups = STACKS.map(({ stack }) => deploy.jobs[`up-${stack}`]?.concurrency);
    expect(groups).toEqual(
      STACKS.map(({ stack }) => ({ group: `pulumi-up-${stack}`, "cancel-in-progress": false })),
    );
    for (const { file, job } of allJobs(DELIVERY)) {
      if (job.concurrency) expect(job.concurrency["cancel-in-progress"], file).toBe(false);
    }
    expect(drift.jobs.drift?.concurrency).toEqual({
      group: "drift-${{ matrix.stack }}",
      "cancel-in-progress": false,
    });
  });

  it("only the up jobs get the deploy role; previews and the drift check use the read-only role", () => {
    for (const { file, id, job } of allJobs(DELIVERY)) {
      const expected =
        file === "deploy.yml" && id.startsWith("up-")
          ? "${{ vars.AWS_DEPLOY_ROLE_ARN }}"
          : "${{ vars.AWS_READ_ONLY_ROLE_ARN }}";
      expect(roleOf(job), `${file} ${id}`).toEqual([expected]);
    }
    expect(text("drift.yml")).not.toContain("AWS_DEPLOY_ROLE_ARN");
    expect(text("preview.yml")).not.toContain("AWS_DEPLOY_ROLE_ARN");
  });

  it("never runs a mutating Pulumi command outside the up jobs", () => {
    for (const { file, id, job } of allJobs(DELIVERY)) {
      const commands = stepsUsing(job, "pulumi/actions").map((s) => s.with?.command);
      const scripts = job.steps.map((s) => s.run ?? "").join("\n");
      expect(scripts, `${file} ${id}`).not.toMatch(/pulumi (up|destroy|refresh|import|cancel|state)\b/);
      const deploys = file === "deploy.yml" && id.startsWith("up-");
      expect(
        commands.filter((c) => c !== undefined && c !== "preview"),
        `${file} ${id}`,
      ).toEqual(deploys ? ["up"] : []);
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

describe("deploy.yml", () => {
  it("runs on pushes to main and on dispatch, with the update-plan switch off by default", () => {
    expect(deploy.on.push).toEqual({ branches: ["main"] });
    expect(deploy.on.workflow_dispatch).toEqual({
      inputs: { "update-plans": expect.objectContaining({ type: "boolean", default: false }) as object },
    });
    expect(deploy.env?.USE_UPDATE_PLANS).toBe("${{ inputs.update-plans == true }}");
    expect(deploy.env?.PULUMI_EXPERIMENTAL).toBe("${{ inputs.update-plans == true }}");
  });

  it("saves each stack's change set (and plan, when switched on) as an artifact at preview", () => {
    const job = deploy.jobs.preview!;
    const record = job.steps.find((s) => s.run?.includes("changeset"));
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

  it("re-previews and compares before every up, then deploys with the plan only when switched on", () => {
    for (const { stack } of STACKS) {
      const steps = deploy.jobs[`up-${stack}`]!.steps;
      const download = steps.findIndex((s) => s.uses?.startsWith("actions/download-artifact@"));
      const compare = steps.findIndex((s) =>
        s.run?.includes("changeset --compare approved/changeset.json current/changeset.json"),
      );
      const up = steps.findIndex((s) => s.uses?.startsWith("pulumi/actions@") && s.with?.command === "up");
      expect(steps[download]?.with).toEqual({ name: `approved-${stack}`, path: "approved/" });
      expect(steps[compare]?.run).toContain(
        'changeset --stack "$STACK" --policy-pack policies --out current/changeset.json',
      );
      expect(download).toBeGreaterThanOrEqual(0);
      expect(compare).toBeGreaterThan(download);
      expect(up).toBeGreaterThan(compare);
      expect(steps[compare]?.if).toBeUndefined();
      expect(steps[up]?.with).toMatchObject({
        "stack-name": stack,
        policyPacks: "policies",
        plan: "${{ env.USE_UPDATE_PLANS == 'true' && 'approved/plan.json' || '' }}",
      });
    }
  });
});

describe("drift.yml", () => {
  const job = drift.jobs.drift!;
  const step = (name: string) => job.steps.find((s) => s.name === name);

  it("runs nightly and on dispatch, one job per stack, none cancelling the others", () => {
    expect(drift.on).toEqual({ schedule: [{ cron: "17 4 * * *" }], workflow_dispatch: null });
    expect(job.strategy).toMatchObject({ "fail-fast": false });
    expect(job.permissions).toEqual({ contents: "read", "id-token": "write", issues: "write" });
  });

  it("runs infra drift, writing the JSON and markdown reports, and keeps its exit code", () => {
    const check = step("Check for drift");
    expect(check?.id).toBe("drift");
    expect(check?.run).toContain(
      'infra -- drift --stack "$STACK" --out "drift-$STACK.json" --out "drift-$STACK.md"',
    );
    expect(check?.run).toContain('echo "exit-code=$?" >> "$GITHUB_OUTPUT"');
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
