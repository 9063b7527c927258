import { describe, expect, it } from "vitest";
import { classifyCliFailure, cliNotFound, PULUMI_EXIT_CODES } from "../../../infra/drift/errors";

const REFRESH = "pulumi refresh --preview-only --json --non-interactive --stack prod";
const fail = (exitCode: number, stderr: string, diagnostics: { message: string; severity: string }[] = []) =>
  classifyCliFailure({ command: REFRESH, exitCode, stderr, diagnostics }, "prod", ["dev", "prod"]);

describe("mapping Pulumi CLI failures to specific errors", () => {
  it("stack not found, by the CLI's message (old CLIs exit 255) or exit code 6, listing the stacks", () => {
    for (const error of [fail(255, "error: no stack named 'prod' found\n"), fail(6, "")]) {
      expect(error.kind).toBe("stack-not-found");
      expect(error.message).toBe('stack "prod" not found; stacks: dev, prod');
      expect(error.hint).toContain("pulumi stack init");
      expect(error.command).toBe(REFRESH);
    }
  });

  it("an update in progress: Pulumi Cloud's 409 and a self-managed backend's lock file", () => {
    const cloud = fail(255, "error: [409] Conflict: Another update is currently in progress.\n");
    const diy = fail(
      1,
      "error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.\n" +
        "  s3://state/.pulumi/locks/organization/infra/prod/1e9c.json: created by runner@host (pid 2817) at 2026-03-02T03:17:44Z\n",
    );
    for (const error of [cloud, diy]) {
      expect(error.kind).toBe("update-in-progress");
      expect(error.message).toBe('stack "prod" is locked: another update is in progress');
    }
    expect(diy.details[1]).toContain("s3://state/.pulumi/locks/");
  });

  it("not logged in to the backend, by message or exit code 3", () => {
    const message = fail(
      255,
      "error: PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions\n",
    );
    expect(message.kind).toBe("not-logged-in");
    expect(message.hint).toContain("pulumi login");
    expect(fail(3, "error: getting user info: unauthorized\n").kind).toBe("not-logged-in");
  });

  it("no AWS credentials, from stderr or from the digest's error diagnostics", () => {
    const fromDiagnostics = fail(1, "error: refresh failed\n", [
      {
        message:
          "pulumi:providers:aws resource 'default' has a problem: No valid credential sources found.\nmore",
        severity: "error",
      },
      { message: "ignored warning", severity: "warning" },
    ]);
    expect(fromDiagnostics.kind).toBe("no-cloud-credentials");
    expect(fromDiagnostics.details).toEqual([
      "error: refresh failed",
      "pulumi:providers:aws resource 'default' has a problem: No valid credential sources found.",
      "more",
    ]);
    expect(
      fail(255, "error: operation error STS: GetCallerIdentity, ExpiredToken: token expired\n").kind,
    ).toBe("no-cloud-credentials");
  });

  it.each([
    [2, "invalid-config", "the stack's configuration or the command's flags are invalid"],
    [3, "not-logged-in", "authentication failed (not logged in, or credentials rejected)"],
    [4, "resource-error", "a cloud resource operation failed"],
    [5, "policy-violation", "a policy pack blocked the operation"],
    [8, "cancelled", "the operation was cancelled"],
    [9, "timed-out", "the operation timed out"],
  ])("exit code %i is %s, said in plain words", (code, kind, words) => {
    const error = fail(code, "error: something\n");
    expect(error.kind).toBe(kind);
    if (code !== 3) expect(error.message).toBe(`pulumi exited with code ${code}: ${words}`);
    expect(PULUMI_EXIT_CODES[code]?.words).toBe(words);
  });

  it("anything else keeps the CLI's first error line", () => {
    const error = fail(255, "warning: a new version is available\nerror: unexpected end of JSON input\n");
    expect(error).toMatchObject({
      kind: "cli-failed",
      message: "pulumi exited with code 255: error: unexpected end of JSON input",
      exitCode: 255,
      details: ["error: unexpected end of JSON input"],
    });
  });

  it("a missing CLI says how to install it", () => {
    const error = cliNotFound("pulumi", "not found");
    expect(error.message).toBe("the Pulumi CLI was not found (pulumi: not found)");
    expect(error.hint).toContain("curl -fsSL https://get.pulumi.com | sh");
    expect(error.hint).toContain("INFRA_PULUMI_CLI");
  });
});
