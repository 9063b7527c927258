import { describe, expect, it } from "vitest";
import { classifyPreview, classifyRefresh, toResourceChange } from "../../../infra/drift/classify";
import type { PreviewDigest, PreviewStep } from "../../../infra/drift/digest";

const URN = (type: string, name: string) => `urn:pulumi:dev::infra::${type}::${name}`;
const BUCKET = URN("aws:s3/bucketV2:BucketV2", "logs");
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

function state(
  urn: string,
  type: string,
  inputs: Record<string, unknown>,
  outputs: Record<string, unknown> = inputs,
  extra: Record<string, unknown> = {},
) {
  return { urn, type, custom: true, id: "id-1", inputs, outputs, ...extra };
}

function digest(...steps: PreviewStep[]): PreviewDigest {
  return { steps };
}

describe("classifyRefresh (out-of-band drift)", () => {
  it("skips unchanged refresh steps, the stack and the providers", () => {
    const stack = URN("pulumi:pulumi:Stack", "infra-dev");
    const provider = URN("pulumi:providers:aws", "default");
    const changes = classifyRefresh(
      digest(
        { op: "refresh", urn: stack, detailedDiff: { outputs: { kind: "update" } } },
        {
          op: "refresh",
          urn: provider,
          oldState: state(provider, "pulumi:providers:aws", {}),
          detailedDiff: null,
        },
        {
          op: "refresh",
          urn: BUCKET,
          oldState: state(BUCKET, "aws:s3/bucketV2:BucketV2", {}),
          detailedDiff: null,
        },
        { op: "same", urn: BUCKET, detailedDiff: {} },
      ),
    );
    expect(changes).toEqual([]);
  });

  it("shows the program's value (recorded inputs) against the cloud's (the state read back)", () => {
    const type = "aws:s3/bucketV2:BucketV2";
    const [change] = classifyRefresh(
      digest({
        op: "update",
        urn: BUCKET,
        // Recorded outputs equal the program here on purpose: they must not stand in for either side.
        oldState: state(BUCKET, type, { tags: { a: "1", gone: "x" } }, { tags: { a: "1", gone: "x" } }),
        newState: state(BUCKET, type, { tags: { a: "2", added: "y" } }, { tags: { a: "2", added: "y" } }),
        // The engine diffs from the cloud to the program: `add` = only the program has it.
        detailedDiff: {
          "tags.a": { kind: "update", inputDiff: false },
          "tags.gone": { kind: "add", inputDiff: false },
          "tags.added": { kind: "delete", inputDiff: false },
        },
      }),
    );
    expect(toResourceChange(change!)).toEqual({
      urn: BUCKET,
      type,
      name: "logs",
      op: "update",
      properties: [
        { path: "tags.a", kind: "update", replace: false, old: "1", new: "2" },
        { path: "tags.added", kind: "add", replace: false, new: "y" },
        { path: "tags.gone", kind: "delete", replace: false, old: "x" },
      ],
    });
  });

  it("opens objects and lists up element by element, with paths in Pulumi's syntax, never cut", () => {
    const type = "aws:ec2/securityGroup:SecurityGroup";
    const urn = URN(type, "web");
    const rule = (toPort: number) => ({
      fromPort: 443,
      toPort,
      protocol: "tcp",
      cidrBlocks: ["10.0.0.0/8"],
      description: "x".repeat(300),
    });
    const [change] = classifyRefresh(
      digest({
        op: "update",
        urn,
        oldState: state(urn, type, { ingress: [rule(443)], tags: { "cost-center": "a" } }),
        newState: state(urn, type, { ingress: [rule(8443), rule(22)], tags: { "cost-center": "b" } }),
        detailedDiff: { ingress: { kind: "update" }, tags: { kind: "update" } },
      }),
    );
    expect(toResourceChange(change!).properties).toEqual([
      { path: "ingress[0].toPort", kind: "update", replace: false, old: 443, new: 8443 },
      { path: "ingress[1]", kind: "add", replace: false, new: rule(22) },
      { path: 'tags["cost-center"]', kind: "update", replace: false, old: "a", new: "b" },
    ]);
  });

  it("reports a refresh step with a diff as an update, a deletion as a delete", () => {
    const type = "aws:s3/bucketV2:BucketV2";
    const changes = classifyRefresh(
      digest(
        {
          op: "refresh",
          urn: BUCKET,
          oldState: state(BUCKET, type, {}, { versioning: true }),
          newState: state(BUCKET, type, {}, { versioning: false }),
          detailedDiff: { versioning: { kind: "update" } },
        },
        { op: "delete", urn: URN(type, "gone"), oldState: state(URN(type, "gone"), type, {}) },
      ),
    );
    expect(changes.map((c) => [c.name, c.op, c.properties.length])).toEqual([
      ["gone", "delete", 0],
      ["logs", "update", 1],
    ]);
  });

  it("falls back to diffReasons when the provider gave no detailed diff", () => {
    const type = "aws:s3/bucketV2:BucketV2";
    const [change] = classifyRefresh(
      digest({
        op: "update",
        urn: BUCKET,
        oldState: state(BUCKET, type, { acl: "private" }),
        newState: state(BUCKET, type, { acl: "public-read" }),
        diffReasons: ["acl"],
        detailedDiff: null,
      }),
    );
    expect(change?.properties.map((p) => p.change)).toEqual([
      { path: "acl", kind: "update", replace: false, old: "private", new: "public-read" },
    ]);
  });

  it("masks a property that is secret anywhere, on both sides and in every nested value", () => {
    const type = "aws:lambda/function:Function";
    const urn = URN(type, "api");
    const [change] = classifyRefresh(
      digest({
        op: "update",
        urn,
        // [secret] only in the program's inputs; the cloud's value comes back in plaintext.
        oldState: state(
          urn,
          type,
          { environment: { variables: { TOKEN: "[secret]", MODE: "a" } }, apiKey: "plain-old-1" },
          { environment: { variables: { TOKEN: "plain-old-2", MODE: "a" } }, apiKey: "plain-old-1" },
          { additionalSecretOutputs: ["apiKey"] },
        ),
        newState: state(urn, type, {
          environment: { variables: { TOKEN: "plain-new-1", MODE: "b" } },
          apiKey: "plain-new-2",
        }),
        detailedDiff: { environment: { kind: "update" }, apiKey: { kind: "update" } },
      }),
      { schemaSecrets: () => [] },
    );
    expect(change?.properties.map((p) => p.change)).toEqual([
      { path: "apiKey", kind: "update", replace: false, old: "[secret]", new: "[secret]" },
      { path: "environment.variables.MODE", kind: "update", replace: false, old: "a", new: "b" },
      {
        path: "environment.variables.TOKEN",
        kind: "update",
        replace: false,
        old: "[secret]",
        new: "[secret]",
      },
    ]);
    expect(JSON.stringify(change)).not.toMatch(/"(old|new)":"plain-/);
  });

  it("masks the provider schema's secret fields even where the state never marked them", () => {
    const type = "aws:rds/instance:Instance";
    const urn = URN(type, "db");
    const step = {
      op: "update",
      urn,
      oldState: state(urn, type, { password: "plain-old", instanceClass: "db.t4g.small" }),
      newState: state(urn, type, { password: "plain-new", instanceClass: "db.t4g.small" }),
      detailedDiff: { password: { kind: "update" } },
    };
    // From the installed @pulumi/aws, whose Instance class lists password as a secret output.
    const [change] = classifyRefresh(digest(step));
    expect(change?.properties[0]?.change).toMatchObject({
      path: "password",
      old: "[secret]",
      new: "[secret]",
    });
    // A near miss: the same step for a type whose schema marks nothing stays readable.
    const other = "aws:ec2/instance:Instance";
    const [plain] = classifyRefresh(
      digest({
        ...step,
        urn: URN(other, "vm"),
        oldState: { ...step.oldState, type: other },
        newState: { ...step.newState, type: other },
      }),
    );
    expect(plain?.properties[0]?.change).toMatchObject({ old: "plain-old", new: "plain-new" });
  });

  it("masks both sides when one side holds a secret in the engine's wire format", () => {
    const type = "aws:rds/instance:Instance";
    const urn = URN(type, "db");
    const [change] = classifyRefresh(
      digest({
        op: "update",
        urn,
        oldState: state(urn, type, { masterUserSecret: [{ arn: "a" }] }),
        newState: state(urn, type, {
          masterUserSecret: { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", plaintext: '"x"' },
        }),
        detailedDiff: { masterUserSecret: { kind: "update" } },
      }),
      { schemaSecrets: () => [] },
    );
    expect(change?.properties.map((p) => p.change)).toEqual([
      { path: "masterUserSecret", kind: "update", replace: false, old: "[secret]", new: "[secret]" },
    ]);
  });
});

describe("classifyPreview (pending code changes)", () => {
  const type = "aws:ec2/instance:Instance";
  const web = URN(type, "web");

  it("compares the recorded state with the new inputs, by inputDiff", () => {
    const [change] = classifyPreview(
      digest({
        op: "update",
        urn: web,
        oldState: state(
          web,
          type,
          { instanceType: "t3.small", ami: "ami-1" },
          { instanceType: "t3.micro", ami: "ami-1" },
        ),
        newState: state(web, type, { instanceType: "t3.large", ami: "ami-2" }),
        detailedDiff: {
          instanceType: { kind: "update", inputDiff: true },
          ami: { kind: "update", inputDiff: false },
        },
      }),
    );
    expect(change?.properties.map((p) => [p.change.path, p.change.old, p.change.new, p.inputDiff])).toEqual([
      ["ami", "ami-1", "ami-2", false],
      ["instanceType", "t3.small", "t3.large", true],
    ]);
  });

  it("keeps the replace step of a replacement and drops its two halves; marks replacing keys", () => {
    const changes = classifyPreview(
      digest(
        { op: "same", urn: URN("pulumi:pulumi:Stack", "infra-dev") },
        { op: "create-replacement", urn: web },
        {
          op: "replace",
          urn: web,
          oldState: state(web, type, { ami: "ami-1" }),
          newState: state(web, type, { ami: "ami-2" }),
          replaceReasons: ["ami"],
          detailedDiff: { ami: { kind: "update-replace", inputDiff: true } },
        },
        { op: "delete-replaced", urn: web },
        { op: "read", urn: URN(type, "looked-up") },
      ),
    );
    expect(changes.map((c) => [c.op, c.properties.map((p) => [p.change.path, p.change.replace])])).toEqual([
      ["replace", [["ami", true]]],
    ]);
  });

  it("shows values unknown before deployment as [unknown]", () => {
    const [change] = classifyPreview(
      digest({
        op: "update",
        urn: web,
        oldState: state(web, type, { subnetId: "subnet-1" }),
        newState: state(web, type, { subnetId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }),
        detailedDiff: { subnetId: { kind: "update", inputDiff: true } },
      }),
    );
    expect(change?.properties[0]?.change.new).toBe("[unknown]");
  });
});
