import { describe, expect, it } from "vitest";
import { assertReadOnly, MutatingCommandError } from "../../../infra/drift/pulumi-cli";
import { mutatingCommand } from "../../support/read-only";

// The end-to-end files assert with `mutatingCommands` that no scenario made the fake CLI run a
// mutating command; these tests pin down the detector and the driver's own guard.
describe("the mutating-command detector of the tests", () => {
  it.each([
    [["version"]],
    [["stack", "ls", "--json", "--non-interactive"]],
    [["refresh", "--preview-only", "--json", "--non-interactive", "--stack", "dev"]],
    [["preview", "--json", "--non-interactive", "--stack", "dev"]],
  ])("accepts pulumi %j", (argv: string[]) => {
    expect(mutatingCommand({ argv, cwd: "." })).toBeUndefined();
  });

  it.each([
    [["up", "--yes", "--stack", "dev"], "a flag that applies changes or reveals secrets"],
    [["up", "--stack", "dev"], 'the command "up --stack dev"'],
    [["refresh", "--expect-no-changes", "--stack", "dev"], "a refresh that writes the state"],
    [["refresh", "--preview-only", "--yes"], "a flag that applies changes or reveals secrets"],
    [["preview", "--json", "--show-secrets"], "a flag that applies changes or reveals secrets"],
    [["stack", "select", "dev"], 'the command "stack select dev"'],
    [["destroy", "--stack", "dev"], 'the command "destroy --stack dev"'],
  ])("flags pulumi %j", (argv: string[], why: string) => {
    expect(mutatingCommand({ argv, cwd: "." })).toBe(why);
  });
});

describe("assertReadOnly, the driver's guard", () => {
  it.each([
    [["version"]],
    [["stack", "ls", "--json"]],
    [["refresh", "--preview-only", "--json", "--stack", "dev"]],
    [["refresh", "--preview-only", "--expect-no-changes", "--stack", "dev"]],
    [["preview", "--json", "--stack", "dev", "--save-plan", "plan.json"]],
  ])("allows pulumi %j", (args: string[]) => {
    expect(() => assertReadOnly(args)).not.toThrow();
  });

  it.each([
    [["up", "--stack", "dev"]],
    [["destroy", "--stack", "dev"]],
    [["refresh", "--stack", "dev"]],
    [["refresh", "--expect-no-changes", "--stack", "dev"]],
    [["refresh", "--preview-only", "--yes"]],
    [["preview", "--skip-preview"]],
    [["preview", "--show-secrets"]],
    [["stack", "select", "dev"]],
    [["state", "delete", "urn"]],
    [["cancel", "--stack", "dev"]],
    [[]],
  ])("refuses pulumi %j", (args: string[]) => {
    expect(() => assertReadOnly(args)).toThrow(MutatingCommandError);
  });
});
