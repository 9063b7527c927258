import { describe, expect, it } from "vitest";
import { parseDuration } from "../../../infra/drift/command";
import { unexplainedCounts } from "../../../infra/drift/digest";
import { checkCliVersion, compareVersions } from "../../../infra/drift/engine";
import { classifyCliFailure } from "../../../infra/drift/errors";
import { childEnvironment } from "../../../infra/drift/pulumi-cli";

describe("the CLI must print refresh diffs (pulumi/pulumi#16146, 3.120.0)", () => {
  it("3.120.0 and later pass; 3.119.x and earlier are refused, naming both versions", () => {
    expect(checkCliVersion("3.120.0", {})).toBeNull();
    expect(checkCliVersion("3.248.0", {})).toBeNull();
    expect(checkCliVersion("4.0.0", {})).toBeNull();
    const old = checkCliVersion("3.119.9", {});
    expect(old?.kind).toBe("cli-too-old");
    expect(old?.message).toContain("pulumi 3.119.9 is older than 3.120.0");
    expect(checkCliVersion("3.99.0", {})?.kind).toBe("cli-too-old");
  });

  it("PULUMI_ENABLE_LEGACY_REFRESH_DIFF set to anything but empty, 0 or false is refused", () => {
    for (const value of ["true", "1", "TRUE", "yes"])
      expect(checkCliVersion("3.248.0", { PULUMI_ENABLE_LEGACY_REFRESH_DIFF: value })?.kind).toBe(
        "cli-too-old",
      );
    for (const value of ["", "0", "false", "False"])
      expect(checkCliVersion("3.248.0", { PULUMI_ENABLE_LEGACY_REFRESH_DIFF: value })).toBeNull();
  });

  it("compares versions numerically, ignoring pre-release and build suffixes", () => {
    expect(compareVersions("3.120.0", "3.99.0")).toBeGreaterThan(0);
    expect(compareVersions("3.120.0-alpha.1+dirty", "3.120.0")).toBe(0);
    expect(compareVersions("3.9.0", "3.10.0")).toBeLessThan(0);
  });
});

describe("changeSummary against the steps", () => {
  const step = (op: string) => ({ op, urn: `urn:pulumi:dev::infra::t::${op}` });

  it("a count no step shows is reported; same, and the hidden halves of a replacement, are not", () => {
    expect(
      unexplainedCounts({
        steps: [step("refresh"), step("refresh")],
        changeSummary: { same: 2, update: 1 },
      }),
    ).toEqual(["update: 1 counted, 0 shown"]);
    expect(
      unexplainedCounts({
        steps: [step("update"), step("replace"), step("same")],
        changeSummary: { same: 5, update: 1, replace: 1, "create-replacement": 1, "delete-replaced": 1 },
      }),
    ).toEqual([]);
  });

  it("a refresh step carrying a diff explains an update, whether or not its op was rewritten", () => {
    expect(
      unexplainedCounts({
        steps: [{ ...step("refresh"), detailedDiff: { "tags.team": { kind: "update" } } }, step("update")],
        changeSummary: { same: 3, update: 2 },
      }),
    ).toEqual([]);
  });

  it("a digest without a summary has nothing to explain", () => {
    expect(unexplainedCounts({ steps: [step("update")] })).toEqual([]);
  });
});

describe("the state backend refusing access (pulumi/pulumi#13007)", () => {
  const fail = (stderr: string) =>
    classifyCliFailure({ command: "pulumi stack ls --json", exitCode: 255, stderr }, "prod", []);

  it("S3 AccessDenied, Azure's permission mismatch and a missing bucket", () => {
    for (const stderr of [
      'error: read ".pulumi/meta.yaml": blob (key ".pulumi/meta.yaml") (code=Unknown): AccessDenied: Access Denied\n\tstatus code: 403',
      'error: problem logging in: read ".pulumi/meta.yaml": blob (key ".pulumi/meta.yaml") (code=Unknown): RESPONSE 403: ERROR CODE: AuthorizationPermissionMismatch',
      'error: could not create stack: blob (key ".pulumi/stacks/new.json") (code=NotFound): NoSuchBucket: The specified bucket does not exist',
    ])
      expect(fail(stderr).kind).toBe("state-backend-access");
  });

  it("near miss: a provider's AccessDenied on a cloud resource is not the state backend", () => {
    expect(
      fail("error: operation error EC2: DescribeVpcs, https response error StatusCode: 403, AccessDenied")
        .kind,
    ).not.toBe("state-backend-access");
  });
});

describe("the CLI's environment", () => {
  it("drops variables that would set flags or change the JSON format, keeps the rest", () => {
    const env = childEnvironment({
      PATH: "/bin",
      PULUMI_BACKEND_URL: "s3://state",
      PULUMI_OPTION_YES: "1",
      PULUMI_OPTION_SHOW_SECRETS: "true",
      PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true",
    });
    expect(env).toEqual({ PATH: "/bin", PULUMI_BACKEND_URL: "s3://state", PULUMI_SKIP_UPDATE_CHECK: "true" });
  });
});

describe("--timeout and --grace-period durations", () => {
  it("accepts ms, s, m, h; refuses zero, bare numbers and other units", () => {
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("90s")).toBe(90_000);
    expect(parseDuration("1.5m")).toBe(90_000);
    expect(parseDuration("1h")).toBe(3_600_000);
    for (const bad of ["0s", "20", "5d", "-1m", "m"]) expect(parseDuration(bad)).toBeUndefined();
  });
});
