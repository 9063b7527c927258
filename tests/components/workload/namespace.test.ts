import { Namespace } from "kubernetes-models/v1/Namespace";
import { describe, expect, it } from "vitest";
import { buildNamespace } from "../../../components/workload/namespace";
import { validArgs, validated, specOf } from "./fixtures";

describe("buildNamespace", () => {
  it("enforces the restricted Pod Security standard", () => {
    const namespace = validated(
      Namespace,
      buildNamespace(specOf("api", validArgs({ namespace: "payments", labels: { team: "payments" } }))),
    );
    expect(namespace.metadata).toEqual({
      name: "payments",
      labels: {
        team: "payments",
        "app.kubernetes.io/managed-by": "pulumi",
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/enforce-version": "latest",
      },
    });
  });
});
