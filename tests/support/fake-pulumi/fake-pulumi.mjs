/**
 * A fake `pulumi` executable for the end-to-end tests of `infra drift` and `infra changeset`.
 *
 * It answers the commands those tools run, in the real CLI's formats: `version`, `stack ls --json`,
 * `refresh --preview-only --json` and `preview --json` (one PreviewDigest: config, steps with
 * op/urn/provider/oldState/newState/diffReasons/replaceReasons/detailedDiff, diagnostics, duration
 * in nanoseconds, changeSummary), and the real error messages and exit codes (CLI >= 3.227 uses
 * specific codes; older CLIs exit 255 for every error).
 *
 * The scenario comes from the JSON file named by FAKE_PULUMI_SCENARIO: per stack, the resources
 * Pulumi recorded, and what a refresh and a preview find (or how they fail). Every invocation is
 * appended to the file named by FAKE_PULUMI_LOG, so tests can assert what was (never) run.
 *
 * Values written `{"$secret": "..."}` are secrets: printed as "[secret]" like the real CLI, and in
 * plain text only with --show-secrets (which the tools must never pass).
 *
 * Refresh previews follow the CLI since 3.120 (pulumi/pulumi#16146): the engine reads each resource
 * back from the cloud and diffs that candidate state against the program's desired state (the inputs
 * recorded at the last deploy), so `newState` holds what the cloud has and `detailedDiff` the
 * properties where the two differ. Before 3.120, or with PULUMI_ENABLE_LEGACY_REFRESH_DIFF set, the
 * digest carries no per-resource diff at all, only the counts in `changeSummary` (pulumi/pulumi#16278);
 * `"refreshFormat": "legacy"` forces that format on any version (a CLI that misreports itself).
 *
 * Other scenario switches: `"cliVersion"`, `"loggedIn": false`, `"backend": "access-denied"` (a
 * self-managed backend refusing the credentials), and per operation `"fail": "<kind>"` (the CLI's
 * message and exit code for a lock, cancellation, timeout, missing AWS credentials, a denied state
 * file) or `"print": "<text>"` (output that is not JSON).
 *
 * A stack's operation may also hang (`"hang": true`): the fake then starts a child standing in for a
 * provider plugin, writes both PIDs to FAKE_PULUMI_PIDS, and waits; SIGINT ends it like the real
 * CLI's cancellation unless `"ignoreInterrupt": true`.
 */
import fs from "node:fs";
import path from "node:path";
import process from "node:process";
import { setInterval } from "node:timers";
import { spawn } from "node:child_process";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const PROVIDER_ID = "9c2f4b1e-6a3d-4e8f-b7c5-1d0e2f3a4b5c";
const SPECIFIC_EXIT_CODES_SINCE = [3, 227, 0];
/** The first CLI whose refresh JSON carries per-resource diffs (pulumi/pulumi#16146). */
const REFRESH_DIFFS_SINCE = [3, 120, 0];

function atLeast(version, minimum) {
  const parts = version.split(".").map(Number);
  for (let i = 0; i < 3; i += 1) {
    if (parts[i] !== minimum[i]) return parts[i] > minimum[i];
  }
  return true;
}

/** Pulumi's property path syntax: plain keys joined by dots, other keys as ["..."], indexes [n]. */
function pathKey(prefix, key) {
  if (typeof key === "number") return `${prefix}[${key}]`;
  if (/^[A-Za-z0-9_]+$/.test(key)) return prefix ? `${prefix}.${key}` : key;
  return `${prefix}["${key.replace(/"/g, '\\"')}"]`;
}

function same(a, b) {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sorted(value[k])]),
  );
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The detailed diff a provider reports between the cloud's candidate inputs (olds) and the program's
 * (news): objects key by key, lists element by element, `add` where only the program has a value.
 */
function detailedDiffOf(cloud, program, prefix = "", out = {}) {
  if (isObject(cloud) && isObject(program)) {
    for (const key of [...new Set([...Object.keys(program), ...Object.keys(cloud)])]) {
      if (!same(cloud[key], program[key]))
        detailedDiffOf(cloud[key], program[key], pathKey(prefix, key), out);
    }
    return out;
  }
  if (Array.isArray(cloud) && Array.isArray(program) && prefix) {
    for (let i = 0; i < Math.max(cloud.length, program.length); i += 1) {
      if (same(cloud[i], program[i])) continue;
      const kind = i >= cloud.length ? "add" : i >= program.length ? "delete" : "update";
      out[pathKey(prefix, i)] = { kind, inputDiff: false };
    }
    return out;
  }
  const kind = cloud === undefined ? "add" : program === undefined ? "delete" : "update";
  out[prefix] = { kind, inputDiff: false };
  return out;
}

function main() {
  const argv = process.argv.slice(2);
  if (process.env.FAKE_PULUMI_LOG) {
    fs.appendFileSync(process.env.FAKE_PULUMI_LOG, `${JSON.stringify({ argv, cwd: process.cwd() })}\n`);
  }
  const scenario = loadScenario(process.env.FAKE_PULUMI_SCENARIO);
  const cli = new FakeCli(scenario, parseArgs(argv));
  const code = cli.run();
  if (code !== undefined) process.exitCode = code;
}

/**
 * A stack may take its recorded resources and config from a shared file (`"base": "state/dev.json"`),
 * patch what this scenario recorded differently (`"recorded": { "<name>": { "inputs": {...} } }`)
 * and record more resources (`"extraResources": [...]`).
 */
function loadScenario(file) {
  const scenario = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const [name, stack] of Object.entries(scenario.stacks ?? {})) {
    const base = stack.base
      ? JSON.parse(fs.readFileSync(path.resolve(path.dirname(file), stack.base), "utf8"))
      : {};
    const all = [...(stack.resources ?? base.resources ?? []), ...(stack.extraResources ?? [])];
    const resources = all.map((resource) => {
      const patch = stack.recorded?.[resource.name];
      if (!patch) return resource;
      return {
        ...resource,
        inputs: { ...resource.inputs, ...patch.inputs },
        outputs: { ...(resource.outputs ?? resource.inputs), ...patch.outputs },
      };
    });
    scenario.stacks[name] = { ...base, ...stack, resources };
  }
  return scenario;
}

function parseArgs(argv) {
  const words = [];
  const flags = {};
  const valued = new Set(["--stack", "-s", "--policy-pack", "--save-plan", "--cwd", "-C", "--color"]);
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg.startsWith("-")) {
      const [name, inline] = arg.split(/=(.*)/s);
      const key = name === "-s" ? "--stack" : name === "-C" ? "--cwd" : name;
      const value = valued.has(name) ? (inline ?? argv[++i]) : true;
      flags[key] = key === "--policy-pack" ? [...(flags[key] ?? []), value] : value;
    } else {
      words.push(arg);
    }
  }
  return { words, flags };
}

class FakeCli {
  constructor(scenario, args) {
    this.scenario = scenario;
    this.args = args;
    this.version = scenario.cliVersion ?? "3.248.0";
    this.project = scenario.project ?? "infra";
    this.showSecrets = args.flags["--show-secrets"] === true;
  }

  run() {
    const [command, sub] = this.args.words;
    if (command === "version") return this.print(`v${this.version}\n`);
    if (this.scenario.backend === "access-denied") return this.backendAccessDenied();
    if (command === "stack" && sub === "ls") return this.requireLogin() ?? this.stackList();
    if (command === "refresh") {
      if (this.args.flags["--preview-only"] !== true)
        return this.fail(255, "fake pulumi: a refresh without --preview-only would write the state");
      return this.requireLogin() ?? this.operation("refresh");
    }
    if (command === "preview") return this.requireLogin() ?? this.operation("preview");
    return this.fail(255, `fake pulumi: "${this.args.words.join(" ")}" is not something this fake does`);
  }

  /** Exit codes depend on the CLI version: specific ones from 3.227, 255 before. */
  code(specific) {
    const parts = this.version.split(".").map(Number);
    for (let i = 0; i < 3; i += 1) {
      if (parts[i] !== SPECIFIC_EXIT_CODES_SINCE[i])
        return parts[i] > SPECIFIC_EXIT_CODES_SINCE[i] ? specific : 255;
    }
    return specific;
  }

  print(text) {
    process.stdout.write(text);
    return 0;
  }

  fail(code, message) {
    process.stderr.write(`error: ${message}\n`);
    return code;
  }

  /** A self-managed backend whose bucket the credentials may not read (pulumi/pulumi#13007). */
  backendAccessDenied() {
    return this.fail(
      this.code(1),
      'read ".pulumi/meta.yaml": blob (key ".pulumi/meta.yaml") (code=Unknown): AccessDenied: Access Denied\n' +
        "\tstatus code: 403, request id: 4Q7ZJ2K8D1XW9M3B, host id: fake",
    );
  }

  /** The refresh JSON has no per-resource diffs before 3.120 or with the legacy variable set. */
  legacyRefreshDiff() {
    const variable = process.env.PULUMI_ENABLE_LEGACY_REFRESH_DIFF;
    return (
      !atLeast(this.version, REFRESH_DIFFS_SINCE) ||
      (variable !== undefined && variable !== "" && variable !== "false" && variable !== "0") ||
      this.scenario.refreshFormat === "legacy"
    );
  }

  /** An operation that never ends: the CLI and a plugin child, both waiting; SIGINT cancels. */
  hang(outcome) {
    const plugin = spawn(process.execPath, ["-e", "setInterval(() => {}, 60000)"], { stdio: "ignore" });
    // Handlers first, PIDs second: a test that signals on seeing the PIDs must find them in place.
    const cancel = (message) => () => {
      if (outcome.ignoreInterrupt) return;
      plugin.kill("SIGKILL");
      if (message) process.stderr.write(message);
      process.exit(this.code(8));
    };
    process.on("SIGINT", cancel("error: operation cancelled\n"));
    process.on("SIGTERM", cancel(""));
    setInterval(() => {}, 60_000);
    if (process.env.FAKE_PULUMI_PIDS) {
      fs.appendFileSync(process.env.FAKE_PULUMI_PIDS, `${process.pid}\n${plugin.pid}\n`);
    }
    return undefined;
  }

  requireLogin() {
    if (this.scenario.loggedIn === false)
      return this.fail(
        this.code(3),
        "PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions",
      );
    return undefined;
  }

  stackList() {
    const stacks = Object.entries(this.scenario.stacks ?? {}).map(([name, stack]) => ({
      name,
      current: false,
      lastUpdate: "2026-03-01T02:00:00.000Z",
      updateInProgress: false,
      resourceCount: (stack.resources ?? []).length + 2,
    }));
    return this.print(`${JSON.stringify(stacks, null, 4)}\n`);
  }

  operation(kind) {
    const requested = this.args.flags["--stack"];
    if (typeof requested !== "string")
      return this.fail(this.code(2), "--stack is required with --non-interactive");
    const name = requested.split("/").pop();
    const stack = this.scenario.stacks?.[name];
    if (!stack) return this.fail(this.code(6), `no stack named '${requested}' found`);
    if (this.args.flags["--json"] !== true)
      return this.fail(255, "fake pulumi: only --json output is implemented");
    const outcome = stack[kind] ?? {};
    if (outcome.fail) return this.failure(outcome.fail, name, stack);
    if (outcome.hang) return this.hang(outcome);
    if (outcome.print !== undefined) return this.print(outcome.print);
    const digest = new Digest(this, name, stack);
    const document =
      kind === "refresh" ? digest.refresh(outcome.changes ?? []) : digest.preview(outcome.changes ?? []);
    const plan = this.args.flags["--save-plan"];
    if (kind === "preview" && typeof plan === "string") writePlan(plan, document);
    return this.print(`${JSON.stringify(document, null, 4)}\n`);
  }

  failure(kind, name, stack) {
    switch (kind) {
      case "locked":
        return this.fail(this.code(1), "[409] Conflict: Another update is currently in progress.");
      case "locked-diy":
        return this.fail(
          this.code(1),
          "the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.\n" +
            `  s3://infra-state/.pulumi/locks/organization/${this.project}/${name}/1e9c7a52-3f4b-4d8e-9a51-0c6f2b7d8e90.json: created by runner@fv-az123-456 (pid 2817) at 2026-03-02T03:17:44Z`,
        );
      case "cancelled":
        return this.fail(this.code(8), "operation cancelled");
      case "timeout":
        return this.fail(this.code(9), "operation timed out");
      case "state-access-denied":
        return this.fail(
          this.code(1),
          `failed to load checkpoint: blob (key ".pulumi/stacks/${this.project}/${name}.json") (code=Unknown): AccessDenied: Access Denied\n` +
            "\tstatus code: 403, request id: 4Q7ZJ2K8D1XW9M3B, host id: fake",
        );
      case "aws-credentials": {
        const digest = new Digest(this, name, stack).failed(
          "pulumi:providers:aws resource 'default_7_48_0' has a problem: No valid credential sources found.\n" +
            "Please see https://www.pulumi.com/registry/packages/aws/installation-configuration/ for more information about providing credentials.",
        );
        process.stdout.write(`${JSON.stringify(digest, null, 4)}\n`);
        return this.fail(this.code(1), "refresh failed");
      }
      default:
        return this.fail(255, `fake pulumi: unknown failure "${kind}" in the scenario`);
    }
  }
}

/** Builds PreviewDigests the way the engine would for this stack's recorded resources. */
class Digest {
  constructor(cli, name, stack) {
    this.cli = cli;
    this.name = name;
    this.stack = stack;
    this.resources = stack.resources ?? [];
    this.prefix = `urn:pulumi:${name}::${cli.project}::`;
    this.stackUrn = `${this.prefix}pulumi:pulumi:Stack::${cli.project}-${name}`;
    this.providerUrn = `${this.prefix}pulumi:providers:aws::default_7_48_0`;
  }

  reveal(value) {
    if (Array.isArray(value)) return value.map((v) => this.reveal(v));
    if (value === null || typeof value !== "object") return value;
    if ("$secret" in value) return this.cli.showSecrets ? this.reveal(value.$secret) : "[secret]";
    if ("$unknown" in value) return UNKNOWN;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.reveal(v)]));
  }

  qualifiedType(resource) {
    const parent = resource.parent && this.resources.find((r) => r.name === resource.parent);
    return parent ? `${this.qualifiedType(parent)}$${resource.type}` : resource.type;
  }

  urnOf(resource) {
    return `${this.prefix}${this.qualifiedType(resource)}::${resource.name}`;
  }

  find(name) {
    const resource = this.resources.find((r) => r.name === name);
    if (!resource)
      throw new Error(`fake pulumi: the scenario changes "${name}", which stack ${this.name} does not have`);
    return resource;
  }

  state(resource, inputs = resource.inputs ?? {}, outputs = resource.outputs ?? resource.inputs ?? {}) {
    const custom = resource.custom !== false;
    const parent = resource.parent ? this.urnOf(this.find(resource.parent)) : this.stackUrn;
    return {
      urn: this.urnOf(resource),
      custom,
      ...(custom && { id: resource.id ?? "" }),
      type: resource.type,
      inputs: this.reveal(inputs),
      outputs: this.reveal(custom ? { id: resource.id ?? "", ...outputs } : outputs),
      parent,
      ...(custom && { provider: `${this.providerUrn}::${PROVIDER_ID}` }),
      ...(resource.additionalSecretOutputs && { additionalSecretOutputs: resource.additionalSecretOutputs }),
    };
  }

  bookkeeping(op) {
    const stackState = { urn: this.stackUrn, custom: false, type: "pulumi:pulumi:Stack", outputs: {} };
    const providerState = {
      urn: this.providerUrn,
      custom: true,
      id: PROVIDER_ID,
      type: "pulumi:providers:aws",
      inputs: { region: this.stack.config?.["aws:region"] ?? "eu-west-1", version: "7.48.0" },
      outputs: { region: this.stack.config?.["aws:region"] ?? "eu-west-1", version: "7.48.0" },
    };
    return [
      { op, urn: this.stackUrn, oldState: stackState, newState: stackState, detailedDiff: null },
      ...(op === "refresh"
        ? [
            {
              op,
              urn: this.providerUrn,
              oldState: providerState,
              newState: providerState,
              detailedDiff: null,
            },
          ]
        : []),
    ];
  }

  step(op, resource, oldState, newState, change) {
    const detailedDiff = change?.detailedDiff ?? null;
    const keys = (filter) =>
      detailedDiff
        ? [
            ...new Set(
              Object.entries(detailedDiff)
                .filter(([, d]) => filter(d))
                .map(([p]) => p.split(/[.[]/)[0]),
            ),
          ]
        : [];
    const diffReasons = keys(() => true);
    const replaceReasons = keys((d) => d.kind.endsWith("-replace"));
    return {
      op,
      urn: this.urnOf(resource),
      ...(resource.custom !== false && { provider: `${this.providerUrn}::${PROVIDER_ID}` }),
      ...(oldState && { oldState }),
      ...(newState && { newState }),
      ...(diffReasons.length && { diffReasons }),
      ...(replaceReasons.length && { replaceReasons }),
      detailedDiff,
    };
  }

  envelope(steps, durationNs) {
    const changeSummary = {};
    for (const step of steps) {
      const op = step.op === "refresh" ? "same" : step.op;
      changeSummary[op] = (changeSummary[op] ?? 0) + 1;
    }
    return { config: this.reveal(this.stack.config ?? {}), steps, duration: durationNs, changeSummary };
  }

  /**
   * A refresh preview: a `refresh` step per resource, rewritten to `update` where the cloud differs
   * from the program's desired state (newState is what the cloud has) and `delete` where the
   * resource is gone. A scenario change gives what the cloud now has: `outputs` (patched over the
   * recorded outputs) and `inputs` (properties the provider reads back that the program never set).
   */
  refresh(changes) {
    const byName = new Map(changes.map((c) => [c.name, c]));
    for (const change of changes) this.find(change.name);
    const legacy = this.cli.legacyRefreshDiff();
    const steps = [...this.bookkeeping("refresh")];
    const summary = { same: steps.length };
    const count = (op) => (summary[op] = (summary[op] ?? 0) + 1);
    for (const resource of this.resources) {
      const change = byName.get(resource.name);
      const oldState = this.state(resource);
      if (change?.op === "delete") {
        steps.push(this.step("delete", resource, oldState, undefined));
        count("delete");
        continue;
      }
      const recordedOutputs = resource.outputs ?? resource.inputs ?? {};
      const cloudOutputs = { ...recordedOutputs, ...(change?.outputs ?? {}) };
      const program = resource.inputs ?? {};
      const cloudInputs = { ...(change?.inputs ?? {}) };
      for (const key of Object.keys(program)) {
        if (key in cloudOutputs) cloudInputs[key] = cloudOutputs[key];
      }
      const diff =
        resource.custom === false ? {} : detailedDiffOf(this.plain(cloudInputs), this.plain(program));
      const drifted = Object.keys(diff).length > 0;
      if (legacy) {
        // No diff in the JSON: the step looks unchanged, only the summary counts the update.
        const outputsChanged = !same(this.plain(recordedOutputs), this.plain(cloudOutputs));
        steps.push(this.step("refresh", resource, oldState, oldState));
        count(outputsChanged || drifted ? "update" : "same");
        continue;
      }
      if (!drifted) {
        steps.push(this.step("refresh", resource, oldState, oldState));
        count("same");
        continue;
      }
      const newState = this.state(resource, cloudInputs, cloudOutputs);
      steps.push(this.step("update", resource, oldState, newState, { detailedDiff: diff }));
      count("update");
    }
    return { ...this.envelope(steps, 1_850_000_000), changeSummary: summary };
  }

  /** A value with secrets revealed, for comparing (never printed). */
  plain(value) {
    if (Array.isArray(value)) return value.map((v) => this.plain(v));
    if (value === null || typeof value !== "object") return value;
    if ("$secret" in value) return this.plain(value.$secret);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.plain(v)]));
  }

  /** A preview: the root stack (always shown) and every resource the program would change. */
  preview(changes) {
    const steps = [...this.bookkeeping("same")];
    for (const change of changes) {
      if (change.op === "create") {
        const resource = { ...change, op: undefined };
        this.resources = [...this.resources, resource];
        const outputs = { ...(change.inputs ?? {}), arn: { $unknown: true } };
        steps.push(
          this.step(
            "create",
            resource,
            undefined,
            { ...this.state(resource, change.inputs, outputs), id: "" },
            change,
          ),
        );
        continue;
      }
      const resource = this.find(change.name);
      const oldState = this.state(resource);
      if (change.op === "delete") {
        steps.push(this.step("delete", resource, oldState, undefined, change));
        continue;
      }
      const inputs = { ...(resource.inputs ?? {}), ...(change.inputs ?? {}) };
      const outputs = { ...(resource.outputs ?? resource.inputs ?? {}), ...(change.inputs ?? {}) };
      steps.push(this.step(change.op, resource, oldState, this.state(resource, inputs, outputs), change));
    }
    return this.envelope(steps, 2_410_000_000);
  }

  /** What a refresh that fails on the provider prints before exiting non-zero. */
  failed(message) {
    return {
      config: this.reveal(this.stack.config ?? {}),
      diagnostics: [{ urn: this.stackUrn, prefix: "error: ", message, severity: "error" }],
      duration: 410_000_000,
    };
  }
}

/** A minimal Pulumi update plan: what `up --plan` would be held to. */
function writePlan(file, digest) {
  const resourcePlans = {};
  for (const step of digest.steps) {
    resourcePlans[step.urn] = { goal: step.newState ?? null, steps: [step.op] };
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(
    file,
    `${JSON.stringify({ manifest: { time: "2026-03-02T03:20:00Z" }, resourcePlans, config: digest.config }, null, 4)}\n`,
  );
}

main();
