import { beforeAll, describe, expect, it } from "vitest";
import { InfraValidationError } from "../../../components/core";
import { LogsKey } from "../../../components/observability";
import { evaluatePolicies } from "../../../policies/evaluate";
import { parseJsonInput, run, valueOf, type Registered, type SynthResource } from "../../support/harness";

const ACCOUNT = "123456789012";
const KEY = "aws:kms/key:Key";
const ALIAS = "aws:kms/alias:Alias";

type Statement = {
  Sid: string;
  Effect: string;
  Principal: Record<string, string>;
  Action: string | string[];
  Resource: string;
  Condition?: Record<string, Record<string, unknown>>;
};
const statements = (key: SynthResource) =>
  parseJsonInput<{ Statement: Statement[] }>(key, "policy").Statement;
const bySid = (key: SynthResource, sid: string) => statements(key).find((s) => s.Sid === sid);

let registered: Registered;
let platformKey: LogsKey;
let narrowKey: LogsKey;

beforeAll(async () => {
  registered = await run(() => {
    platformKey = new LogsKey("platform-logs", { tags: { team: "platform" } });
    narrowKey = new LogsKey("dev.logs", {
      profile: "development",
      logGroupNamePatterns: ["/aws/eks/dev/cluster", "/vpc-flow-logs/*"],
      aliasName: "alias/dev/logs",
    });
  });
});

describe("LogsKey (production defaults)", () => {
  it("is one infra:index:LogsKey parenting a key and its alias", () => {
    const component = registered.one("infra:index:LogsKey", "platform-logs");
    expect(
      registered
        .childrenOf(component.urn)
        .map((r) => [r.type, r.name])
        .sort(),
    ).toEqual([
      [ALIAS, "platform-logs-alias"],
      [KEY, "platform-logs-key"],
    ]);
  });

  it("is a rotating customer key with the production deletion window", () => {
    const key = registered.one(KEY, "platform-logs-key");
    expect(key.inputs.enableKeyRotation).toBe(true);
    expect(key.inputs.deletionWindowInDays).toBe(30);
    expect(key.inputs.tags).toMatchObject({
      component: "observability",
      "managed-by": "pulumi",
      team: "platform",
      Name: "platform-logs-logs",
    });
  });

  it("lets the account administer the key through IAM, but not use it", () => {
    const admin = bySid(registered.one(KEY, "platform-logs-key"), "AccountAdministersKey")!;
    expect(admin).toMatchObject({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } });
    expect(admin.Action).toContain("kms:PutKeyPolicy");
    expect(admin.Action).not.toContain("kms:*");
    expect(admin.Action).not.toContain("kms:Decrypt");
    expect(admin.Condition).toBeUndefined();
  });

  it("denies disabling and deleting the key to everyone when no break-glass role is named, and is protected", () => {
    const key = registered.one(KEY, "platform-logs-key");
    expect(bySid(key, "OnlyBreakGlassDisablesOrDeletesKey")).toEqual({
      Sid: "OnlyBreakGlassDisablesOrDeletesKey",
      Effect: "Deny",
      Principal: "*",
      Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey"],
      Resource: "*",
    });
    expect(key.options.protect).toBe(true);
  });

  it("lets CloudWatch Logs of the region use it only for log groups of this account and region", () => {
    const key = registered.one(KEY, "platform-logs-key");
    const logs = bySid(key, "CloudWatchLogsEncryptLogGroups")!;
    expect(logs.Effect).toBe("Allow");
    expect(logs.Principal).toEqual({ Service: "logs.eu-west-1.amazonaws.com" });
    expect(logs.Condition).toEqual({
      ArnLike: { "kms:EncryptionContext:aws:logs:arn": [`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:*`] },
    });
    expect(statements(key).filter((s) => s.Effect === "Allow")).toHaveLength(2);
  });

  it("names the key with an alias derived from the component name", () => {
    const alias = registered.one(ALIAS, "platform-logs-alias");
    expect(alias.inputs.name).toBe("alias/logs/platform-logs");
    expect(alias.inputs.targetKeyId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it("outputs the key's ARN", async () => {
    const alias = registered.one(ALIAS, "platform-logs-alias");
    expect(await valueOf(platformKey.keyArn)).toBe(
      `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${String(alias.inputs.targetKeyId)}`,
    );
  });

  it("passes the platform's policy pack", () => {
    // The development key beside it is judged by its own profile, below.
    const production = registered.resources.filter((r) => !r.name.startsWith("dev.logs"));
    expect(evaluatePolicies(production, { profile: "production" }).violations).toEqual([]);
    const development = evaluatePolicies(registered.resources, { profile: "development" });
    expect(development.mandatoryViolations).toBe(0);
  });
});

describe("LogsKey (development, narrowed to named log groups)", () => {
  it("uses the development deletion window, still rotating", () => {
    expect(registered.one(KEY, "dev.logs-key").inputs).toMatchObject({
      deletionWindowInDays: 7,
      enableKeyRotation: true,
    });
  });

  it("keeps the explicit policy but neither denies deletion nor protects the key (development's opt-out)", () => {
    const key = registered.one(KEY, "dev.logs-key");
    expect(statements(key).map((s) => s.Effect)).not.toContain("Deny");
    expect(bySid(key, "AccountAdministersKey")).toBeDefined();
    expect(key.options.protect).toBeFalsy();
  });

  it("limits CloudWatch Logs to the log groups named by the patterns", () => {
    const logs = bySid(registered.one(KEY, "dev.logs-key"), "CloudWatchLogsEncryptLogGroups")!;
    expect(logs.Principal).toEqual({ Service: "logs.eu-west-1.amazonaws.com" });
    expect(logs.Condition).toEqual({
      ArnLike: {
        "kms:EncryptionContext:aws:logs:arn": [
          `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/eks/dev/cluster`,
          `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/vpc-flow-logs/*`,
        ],
      },
    });
  });

  it("takes the alias given", async () => {
    const alias = registered.one(ALIAS, "dev.logs-alias");
    expect(alias.inputs.name).toBe("alias/dev/logs");
    expect(await valueOf(narrowKey.keyArn)).toMatch(new RegExp(`^arn:aws:kms:eu-west-1:${ACCOUNT}:key/`));
  });
});

describe("LogsKey validation in the constructor", () => {
  it("throws one InfraValidationError naming every bad arg, before creating anything", async () => {
    let error: unknown;
    const result = await run(() => {
      try {
        new LogsKey("broken", { kmsKeyDeletionWindowDays: 3, logGroupNamePatterns: [], aliasName: "logs" });
      } catch (err) {
        error = err;
      }
    });
    expect(InfraValidationError.isInstance(error)).toBe(true);
    expect((error as InfraValidationError).issues.map((i) => i.path)).toEqual([
      "kmsKeyDeletionWindowDays",
      "logGroupNamePatterns",
      "aliasName",
    ]);
    expect((error as Error).message).toMatch(/^LogsKey "broken": 3 problems\n/);
    expect(result.resources.filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
  });
});
