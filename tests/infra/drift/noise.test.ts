import { describe, expect, it } from "vitest";
import { classifyPreview, classifyRefresh } from "../../../infra/drift/classify";
import type { PreviewStep } from "../../../infra/drift/digest";
import { parseIgnorePattern } from "../../../infra/drift/ignore";
import { NOISE_RULES, suppressNoise } from "../../../infra/drift/noise";

const TYPE = "aws:ec2/subnet:Subnet";
const URN = `urn:pulumi:dev::infra::${TYPE}::private-a`;

function refreshStep(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  diff: Record<string, string>,
): PreviewStep {
  return {
    op: "update",
    urn: URN,
    oldState: { urn: URN, type: TYPE, id: "subnet-1", inputs: before, outputs: before },
    newState: { urn: URN, type: TYPE, id: "subnet-1", inputs: before, outputs: after },
    detailedDiff: Object.fromEntries(
      Object.entries(diff).map(([path, kind]) => [path, { kind, inputDiff: false }]),
    ),
  };
}

const noIgnores = { ignore: [], resources: [] };
const paths = (items: readonly { path: string }[]) => items.map((i) => i.path);

describe("noise suppression", () => {
  it("every rule has an id, a title and the sections it applies to", () => {
    expect(NOISE_RULES.map((r) => r.id)).toEqual([
      "ignore-list",
      "tags-all-mirror",
      "nil-vs-empty",
      "sidecar-ownership",
      "rds-pending-modification",
      "kubernetes-bookkeeping",
    ]);
    for (const rule of NOISE_RULES) {
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.sections.length).toBeGreaterThan(0);
    }
  });

  it("tagsAll mirroring a tags change is suppressed; the tags change is reported", () => {
    const { changes, suppressed } = suppressNoise(
      classifyRefresh({
        steps: [
          refreshStep(
            { tags: { a: "1" }, tagsAll: { a: "1" } },
            { tags: { a: "2" }, tagsAll: { a: "2" } },
            { "tags.a": "update", "tagsAll.a": "update" },
          ),
        ],
      }),
      noIgnores,
    );
    expect(changes.map((c) => paths(c.properties))).toEqual([["tags.a"]]);
    expect(suppressed.map((s) => [s.path, s.rule])).toEqual([["tagsAll.a", "tags-all-mirror"]]);
  });

  it("a tagsAll change without a tags change (provider default tags) is drift", () => {
    const { changes, suppressed } = suppressNoise(
      classifyRefresh({
        steps: [refreshStep({ tagsAll: { a: "1" } }, { tagsAll: { a: "2" } }, { "tagsAll.a": "update" })],
      }),
      noIgnores,
    );
    expect(changes.map((c) => paths(c.properties))).toEqual([["tagsAll.a"]]);
    expect(suppressed).toEqual([]);
  });

  it("nil versus [] or {} is suppressed; nil versus a value is not", () => {
    const { changes, suppressed } = suppressNoise(
      classifyRefresh({
        steps: [
          refreshStep(
            { ipv6Native: null, routes: null, extra: {} },
            { ipv6Native: true, routes: [], extra: null },
            { ipv6Native: "update", routes: "update", extra: "update" },
          ),
        ],
      }),
      noIgnores,
    );
    expect(changes.map((c) => paths(c.properties))).toEqual([["ipv6Native"]]);
    expect(suppressed.map((s) => [s.path, s.rule, s.reason])).toEqual([
      ["extra", "nil-vs-empty", "{} and null mean the same"],
      ["routes", "nil-vs-empty", "null and [] mean the same"],
    ]);
  });

  it("a resource whose every change is noise drops out; its changes stay listed as suppressed", () => {
    const ignore = [parseIgnorePattern("aws:ec2/subnet:Subnet:tags.LastScanned", "--ignore")];
    const { changes, suppressed } = suppressNoise(
      classifyRefresh({
        steps: [refreshStep({ tags: {} }, { tags: { LastScanned: "today" } }, { "tags.LastScanned": "add" })],
      }),
      { ignore, resources: [] },
    );
    expect(changes).toEqual([]);
    expect(suppressed).toEqual([
      {
        section: "drift",
        urn: URN,
        type: TYPE,
        path: "tags.LastScanned",
        kind: "add",
        rule: "ignore-list",
        reason: 'matches ignore pattern "aws:ec2/subnet:Subnet:tags.LastScanned" (--ignore)',
      },
    ]);
  });

  it("an ignore pattern for a whole type never hides a resource deleted outside Pulumi", () => {
    const ignore = [parseIgnorePattern("aws:ec2/subnet:Subnet:**", "--ignore")];
    const { changes } = suppressNoise(
      classifyRefresh({
        steps: [{ op: "delete", urn: URN, oldState: { urn: URN, type: TYPE, outputs: { tags: {} } } }],
      }),
      { ignore, resources: [] },
    );
    expect(changes.map((c) => c.op)).toEqual(["delete"]);
  });

  it("applies to pending changes too, marking them as such", () => {
    const ignore = [parseIgnorePattern("*:*:*:tags.deployedBy", "--ignore")];
    const step: PreviewStep = {
      op: "update",
      urn: URN,
      oldState: { urn: URN, type: TYPE, inputs: { tags: { deployedBy: "a" } } },
      newState: { urn: URN, type: TYPE, inputs: { tags: { deployedBy: "b" } } },
      detailedDiff: { "tags.deployedBy": { kind: "update", inputDiff: true } },
    };
    const { changes, suppressed } = suppressNoise(classifyPreview({ steps: [step] }), {
      ignore,
      resources: [],
    });
    expect(changes).toEqual([]);
    expect(suppressed.map((s) => [s.section, s.rule])).toEqual([["pending", "ignore-list"]]);
  });

  describe("Kubernetes bookkeeping", () => {
    const type = "kubernetes:apps/v1:Deployment";
    const urn = `urn:pulumi:dev::infra::${type}::web`;
    const meta = (extra: Record<string, unknown>) => ({
      metadata: { name: "web", labels: { app: "web" }, ...extra },
    });
    const step = (
      program: Record<string, unknown>,
      cloud: Record<string, unknown>,
      diff: string[],
    ): PreviewStep => ({
      op: "update",
      urn,
      oldState: { urn, type, inputs: program, outputs: program },
      newState: { urn, type, inputs: cloud, outputs: cloud },
      detailedDiff: Object.fromEntries(diff.map((p) => [p, { kind: "update", inputDiff: false }])),
    });

    it("server-set metadata fields and status are suppressed by default, each listed with its reason", () => {
      const { changes, suppressed } = suppressNoise(
        classifyRefresh({
          steps: [
            step(
              meta({ resourceVersion: "100" }),
              {
                ...meta({ resourceVersion: "181", managedFields: [{ manager: "kubectl" }] }),
                status: { replicas: 3 },
              },
              ["metadata.resourceVersion", "metadata.managedFields", "status"],
            ),
          ],
        }),
        noIgnores,
      );
      expect(changes).toEqual([]);
      expect(suppressed.map((s) => [s.path, s.rule])).toEqual([
        ["metadata.managedFields", "kubernetes-bookkeeping"],
        ["metadata.resourceVersion", "kubernetes-bookkeeping"],
        ["status", "kubernetes-bookkeeping"],
      ]);
      expect(suppressed[1]?.reason).toContain("API server");
    });

    it("near miss: a label changed by hand, or an object being deleted, is drift; the rest of metadata is not", () => {
      const { changes, suppressed } = suppressNoise(
        classifyRefresh({
          steps: [
            step(
              meta({ resourceVersion: "100" }),
              meta({
                resourceVersion: "181",
                labels: { app: "other" },
                deletionTimestamp: "2026-03-02T03:00:00Z",
              }),
              ["metadata"],
            ),
          ],
        }),
        noIgnores,
      );
      expect(changes[0]?.properties.map((p) => p.path)).toEqual([
        "metadata.deletionTimestamp",
        "metadata.labels.app",
      ]);
      expect(suppressed.map((s) => s.path)).toEqual(["metadata.resourceVersion"]);
    });

    it("near miss: the same path on a resource that is not Kubernetes is drift", () => {
      const other = "aws:ec2/instance:Instance";
      const s = step({ status: "running" }, { status: "stopped" }, ["status"]);
      const { changes } = suppressNoise(
        classifyRefresh({
          steps: [
            { ...s, oldState: { ...s.oldState!, type: other }, newState: { ...s.newState!, type: other } },
          ],
        }),
        noIgnores,
      );
      expect(changes).toHaveLength(1);
    });
  });
});
