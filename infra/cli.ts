#!/usr/bin/env node
import { Command } from "commander";
import { EXIT } from "./exit-codes";
import { synthCommand } from "./synth/command";

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
        process.exitCode = await synthCommand({ stack, cwd: opts.cwd, out: opts.out, json: opts.json }, io);
      },
    );

  return cli;
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
