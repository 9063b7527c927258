#!/usr/bin/env node
import { Command } from "commander";
import { DEFAULT_STACK_TIMEOUT_MS } from "./drift/engine";
import { DEFAULT_GRACE_MS, formatMs } from "./drift/pulumi-cli";
import { EXIT } from "./exit-codes";
import { GRAPH_FORMATS } from "./graph/formats";

// Each command's module is loaded when the command runs: the Pulumi SDKs take seconds to load, and
// `--help`, a usage error or `infra drift` (which only runs the Pulumi CLI) need none of them.
const io = {
  out: (text: string) => process.stdout.write(text),
  err: (text: string) => process.stderr.write(text),
};

export function buildCli(): Command {
  const cli = new Command("infra")
    .description("Operator tools for the infra platform stacks")
    .showHelpAfterError()
    .exitOverride();

  cli
    .command("synth")
    .description(
      "run a stack offline under mocks: print its resources, optionally write resources.json, outputs.json and manifests/",
    )
    .argument("[stack]", "stack name (same as --stack)")
    .option("-s, --stack <name>", "stack to synthesize (Pulumi.<name>.yaml)")
    .option("-o, --out <dir>", "write <dir>/<stack>/{resources.json,outputs.json,manifests/}")
    .option("--json", "print a JSON summary instead of the tree")
    .option("--cwd <dir>", "directory with Pulumi.yaml", process.cwd())
    .action(
      async (
        positional: string | undefined,
        opts: { stack?: string; out?: string; json?: boolean; cwd: string },
      ) => {
        const stack = opts.stack ?? positional;
        if (!stack) {
          io.err("infra synth: name a stack, e.g. `infra synth dev` or `infra synth --stack dev`\n");
          process.exitCode = EXIT.error;
          return;
        }
        const { synthCommand } = await import("./synth/command.js");
        process.exitCode = await synthCommand({ stack, cwd: opts.cwd, out: opts.out, json: opts.json }, io);
      },
    );

  cli
    .command("estimate")
    .description(
      "monthly list price and fresh-deploy minutes (critical path) of a stack, offline; --compare shows what a change adds or saves against another synth output",
    )
    .argument("[stack]", "stack name (same as --stack)")
    .option("-s, --stack <name>", "stack to estimate (Pulumi.<name>.yaml)")
    .option("--json", "print the estimate (or the comparison) as JSON")
    .option("--compare <dir>", "compare with <dir>/<stack>/resources.json from `infra synth --out <dir>`")
    .option("--markdown", "with --compare: print Markdown, for a pull request comment")
    .option("--cwd <dir>", "directory with Pulumi.yaml", process.cwd())
    .action(
      async (
        positional: string | undefined,
        opts: { stack?: string; json?: boolean; compare?: string; markdown?: boolean; cwd: string },
      ) => {
        const stack = opts.stack ?? positional;
        if (!stack) {
          io.err("infra estimate: name a stack, e.g. `infra estimate dev` or `infra estimate --stack dev`\n");
          process.exitCode = EXIT.error;
          return;
        }
        const { estimateCommand } = await import("./estimate/command.js");
        process.exitCode = await estimateCommand({ ...opts, stack }, io);
      },
    );

  cli
    .command("graph")
    .description(
      "draw the stack's components and resources with their dependency edges, the critical path of a fresh up highlighted: <out>/<stack>/graph.svg (Graphviz) and graph.mmd (Mermaid)",
    )
    .argument("[stack]", "stack name (same as --stack)")
    .option("-s, --stack <name>", "stack to draw (Pulumi.<name>.yaml)")
    .option("-o, --out <dir>", "write <dir>/<stack>/{graph.svg,graph.mmd}", "out")
    .option("--format <format>", `print one format to stdout instead: ${GRAPH_FORMATS.join(", ")}`)
    .option("--cwd <dir>", "directory with Pulumi.yaml", process.cwd())
    .action(
      async (
        positional: string | undefined,
        opts: { stack?: string; out: string; format?: string; cwd: string },
      ) => {
        const stack = opts.stack ?? positional;
        if (!stack) {
          io.err("infra graph: name a stack, e.g. `infra graph dev` or `infra graph --stack dev`\n");
          process.exitCode = EXIT.error;
          return;
        }
        const { graphCommand } = await import("./graph/command.js");
        process.exitCode = await graphCommand({ ...opts, stack }, io);
      },
    );

  cli
    .command("drift")
    .description(
      "check stacks against the cloud without changing anything: drift (what a refresh would change) and pending code changes (what up would change); exit 0 clean, 2 drift, 1 error",
    )
    .argument("[stacks...]", "stacks to check (same as --stack)")
    .option("-s, --stack <name>", "stack to check; repeat for more", collect, [])
    .option("--format <format>", "report format on stdout: text, markdown or json", "text")
    .option(
      "-o, --out <file>",
      "also write the report to <file> (.json, .md or .txt picks the format); repeatable",
      collect,
      [],
    )
    .option(
      "--ignore <pattern>",
      "ignore drift of <type>:<path> (globs allowed), on top of infra:drift.ignore; repeatable",
      collect,
      [],
    )
    .option("--pulumi <path>", "the Pulumi CLI to run (default: $INFRA_PULUMI_CLI, else pulumi on PATH)")
    .option(
      "--timeout <duration>",
      `time each stack gets (refresh preview and preview), e.g. 90s, 20m; then pulumi is interrupted (default: ${formatMs(DEFAULT_STACK_TIMEOUT_MS)})`,
    )
    .option(
      "--grace-period <duration>",
      `how long pulumi gets to cancel after SIGINT before it is killed (default: ${formatMs(DEFAULT_GRACE_MS)})`,
    )
    .option("--cwd <dir>", "directory with Pulumi.yaml", process.cwd())
    .action(
      async (
        positional: string[],
        opts: {
          stack: string[];
          format: string;
          out: string[];
          ignore: string[];
          pulumi?: string;
          timeout?: string;
          gracePeriod?: string;
          cwd: string;
        },
      ) => {
        const { driftCommand } = await import("./drift/command.js");
        process.exitCode = await driftCommand(
          {
            stacks: [...positional, ...opts.stack],
            cwd: opts.cwd,
            format: opts.format,
            out: opts.out,
            ignore: opts.ignore,
            pulumi: opts.pulumi,
            timeout: opts.timeout,
            gracePeriod: opts.gracePeriod,
            signals: process,
          },
          io,
        );
      },
    );

  cli
    .command("changeset")
    .description(
      "print the change set (URN, operation, changed keys, salted digests of planned values) a preview of the stack shows, or compare an approved change set with the current one (exit 2 when they differ)",
    )
    .argument("[files...]", "with --compare: <approved.json> <current.json>")
    .option("-s, --stack <name>", "stack to preview")
    .option("-o, --out <file>", "write the change set as JSON")
    .option("--policy-pack <dir>", "run the preview with this policy pack; repeatable", collect, [])
    .option(
      "--save-plan <file>",
      "also save a Pulumi update plan for `pulumi up --plan` (experimental in Pulumi)",
    )
    .option(
      "--salt-from <file>",
      "digest planned values with the salt of this (approved) change set, to compare with it",
    )
    .option("--compare", "compare two change set files instead of previewing")
    .option("--pulumi <path>", "the Pulumi CLI to run (default: $INFRA_PULUMI_CLI, else pulumi on PATH)")
    .option("--cwd <dir>", "directory with Pulumi.yaml", process.cwd())
    .action(
      async (
        files: string[],
        opts: {
          stack?: string;
          out?: string;
          policyPack: string[];
          savePlan?: string;
          saltFrom?: string;
          compare?: boolean;
          pulumi?: string;
          cwd: string;
        },
      ) => {
        if (opts.compare) {
          const [approved, current, ...extra] = files;
          if (!approved || !current || extra.length) {
            io.err("infra changeset: --compare takes two files: <approved.json> <current.json>\n");
            process.exitCode = EXIT.error;
            return;
          }
          const { compareCommand } = await import("./changeset/command.js");
          process.exitCode = compareCommand(approved, current, io);
          return;
        }
        if (!opts.stack || files.length) {
          io.err("infra changeset: name one stack with --stack, or compare two files with --compare\n");
          process.exitCode = EXIT.error;
          return;
        }
        const { changesetCommand } = await import("./changeset/command.js");
        process.exitCode = await changesetCommand(
          {
            stack: opts.stack,
            cwd: opts.cwd,
            out: opts.out,
            policyPacks: opts.policyPack,
            savePlan: opts.savePlan,
            saltFrom: opts.saltFrom,
            pulumi: opts.pulumi,
          },
          io,
        );
      },
    );

  cli
    .command("stacks")
    .description(
      "list every Pulumi.<stack>.yaml in deploy order with its region, GitHub environment and runner (the workflows' matrix); exit 1 when a stack cannot deploy",
    )
    .option("--json", "print the list as one line of JSON")
    .option("--run-id <id>", "workflow run the CodeBuild runner labels are for (default: $GITHUB_RUN_ID)")
    .option("--run-attempt <n>", "attempt of that run (default: $GITHUB_RUN_ATTEMPT)")
    .option("--cwd <dir>", "directory with Pulumi.yaml", process.cwd())
    .action(async (opts: { json?: boolean; runId?: string; runAttempt?: string; cwd: string }) => {
      const { stacksCommand } = await import("./stacks/command.js");
      process.exitCode = stacksCommand(
        {
          cwd: opts.cwd,
          json: opts.json,
          runId: opts.runId ?? process.env.GITHUB_RUN_ID,
          runAttempt: opts.runAttempt ?? process.env.GITHUB_RUN_ATTEMPT,
        },
        io,
      );
    });

  cli
    .command("bootstrap-targets")
    .description(
      "print the URNs a stack's first `pulumi up --target` creates from outside the VPC: the logs key, the network and the deploy runner (offline, like synth)",
    )
    .argument("<stack>", "stack name (a Pulumi.<stack>.yaml)")
    .option("--cwd <dir>", "directory with Pulumi.yaml", process.cwd())
    .action(async (stack: string, opts: { cwd: string }) => {
      const { bootstrapTargetsCommand } = await import("./stacks/command.js");
      process.exitCode = await bootstrapTargetsCommand({ stack, cwd: opts.cwd }, io);
    });

  return cli;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (typeof code === "string" && code.startsWith("commander.")) {
      process.exitCode =
        code === "commander.helpDisplayed" || code === "commander.version" ? EXIT.ok : EXIT.error;
      return;
    }
    io.err(`infra: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = EXIT.error;
  }
}

if (require.main === module) void main(process.argv);
