import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { EXIT } from "../exit-codes";
import { classifyCliFailure, cliNotFound, unexpectedOutput, type DriftError } from "../drift/errors";
import { CliNotFoundError, PulumiCli, PulumiCommandError, UnexpectedOutputError } from "../drift/pulumi-cli";
import type { Io } from "../synth/command";
import {
  changeSetOf,
  compareChangeSets,
  parseChangeSet,
  type ChangeSet,
  type ChangeSetDifference,
} from "./changeset";

export interface ChangesetCommandOptions {
  readonly stack: string;
  readonly cwd: string;
  /** Where to write the change set JSON. */
  readonly out?: string;
  /** `--policy-pack` directories for the preview. @default [] */
  readonly policyPacks?: readonly string[];
  /** `--save-plan <file>`: also save a Pulumi update plan (for `pulumi up --plan`). */
  readonly savePlan?: string;
  /**
   * `--salt-from <approved.json>`: digest values under that change set's salt, so the re-preview
   * before `up` compares value for value with what was approved.
   */
  readonly saltFrom?: string;
  /** `--pulumi`: the Pulumi executable. */
  readonly pulumi?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * `infra changeset --stack <name>`: previews the stack and prints (and with --out writes) its
 * change set. Exit 0, or 1 when the preview fails.
 */
export async function changesetCommand(options: ChangesetCommandOptions, io: Io): Promise<number> {
  const cli = new PulumiCli({ executable: options.pulumi, cwd: resolve(options.cwd), env: options.env });
  let salt: string | undefined;
  if (options.saltFrom) {
    try {
      salt = parseChangeSet(readFileSync(options.saltFrom, "utf8"), options.saltFrom).salt;
    } catch (err) {
      io.err(`infra changeset: ${err instanceof Error ? err.message : String(err)}\n`);
      return EXIT.error;
    }
  }
  let changeSet: ChangeSet;
  try {
    const digest = await cli.preview(options.stack, {
      policyPacks: options.policyPacks,
      savePlan: options.savePlan && resolve(options.savePlan),
    });
    changeSet = changeSetOf(options.stack, digest, salt);
  } catch (err) {
    const error = previewError(err, options.stack);
    io.err(`infra changeset: stack ${options.stack}: ${error.message}\n  what to do: ${error.hint}\n`);
    for (const detail of error.details) io.err(`  pulumi: ${detail}\n`);
    return EXIT.error;
  }
  if (options.out) {
    mkdirSync(dirname(resolve(options.out)), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify(changeSet, null, 2)}\n`);
  }
  io.out(renderChangeSet(changeSet));
  return EXIT.ok;
}

/**
 * `infra changeset --compare <approved> <current>`: exit 0 when both change sets are the same,
 * 2 when they differ (each difference printed), 1 when a file cannot be read.
 */
export function compareCommand(approvedFile: string, currentFile: string, io: Io): number {
  let approved: ChangeSet;
  let current: ChangeSet;
  try {
    approved = parseChangeSet(readFileSync(approvedFile, "utf8"), approvedFile);
    current = parseChangeSet(readFileSync(currentFile, "utf8"), currentFile);
  } catch (err) {
    io.err(`infra changeset: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.error;
  }
  if (approved.stack !== current.stack) {
    io.err(
      `infra changeset: the change sets are for different stacks: ${approved.stack} (${approvedFile}) and ${current.stack} (${currentFile})\n`,
    );
    return EXIT.error;
  }
  if (approved.salt !== current.salt) {
    io.err(
      `infra changeset: ${currentFile} was not digested with the salt of ${approvedFile}, so its values cannot be compared; make it with --salt-from ${approvedFile}\n`,
    );
    return EXIT.error;
  }
  const differences = compareChangeSets(approved, current);
  if (differences.length === 0) {
    io.out(
      `change set of stack ${current.stack} matches the approved one (${current.entries.length} changes)\n`,
    );
    return EXIT.ok;
  }
  io.err(
    `infra changeset: the change set of stack ${current.stack} differs from the approved one in ${differences.length} resource(s); refusing to deploy what was not approved:\n`,
  );
  for (const difference of differences) io.err(`  ${describe(difference)}\n`);
  return EXIT.changeSetDiffers;
}

function describe(difference: ChangeSetDifference): string {
  const side = (entry: ChangeSetDifference["approved"]) =>
    entry ? `${entry.op}${entry.keys.length ? ` [${entry.keys.join(", ")}]` : ""}` : "no change";
  const values = difference.values.length
    ? `; planned value changed since approval: ${difference.values.join(", ")}`
    : "";
  return `${difference.urn}: approved ${side(difference.approved)}, now ${side(difference.current)}${values}`;
}

/** A change set as Markdown, for a job summary the reviewer reads before approving. */
export function renderChangeSet(changeSet: ChangeSet): string {
  const lines = [`### Change set of stack \`${changeSet.stack}\`: ${changeSet.entries.length} change(s)`, ""];
  if (changeSet.entries.length === 0) lines.push("No changes.");
  else {
    lines.push("| op | resource | changed keys |", "| --- | --- | --- |");
    for (const entry of changeSet.entries) {
      const keys = entry.keys.map((k) => `\`${k.replace(/\|/g, "\\|")}\``).join(", ");
      lines.push(`| ${entry.op} | \`${entry.urn.replace(/\|/g, "\\|")}\` | ${keys} |`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function previewError(err: unknown, stack: string): DriftError {
  if (err instanceof CliNotFoundError) return cliNotFound(err.executable, err.reason);
  if (err instanceof PulumiCommandError) return classifyCliFailure(err.failure, stack);
  if (err instanceof UnexpectedOutputError) return unexpectedOutput(err.command, err.message);
  throw err;
}
