import { Namespace } from "kubernetes-models/v1/Namespace";
import { describe, expect, it } from "vitest";
import { POD_SECURITY_VERSION } from "../../../components/core/pod-security";
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
        "pod-security.kubernetes.io/enforce-version": POD_SECURITY_VERSION,
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/audit-version": POD_SECURITY_VERSION,
        "pod-security.kubernetes.io/warn": "restricted",
        "pod-security.kubernetes.io/warn-version": POD_SECURITY_VERSION,
      },
    });
  });

  it("keeps its Pod Security labels when the service's own labels name them", () => {
    const namespace = buildNamespace(
      specOf(
        "api",
        validArgs({
          namespace: "payments",
          labels: { "pod-security.kubernetes.io/enforce": "privileged", team: "payments" },
        }),
      ),
    );
    expect(namespace.metadata?.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted" });
  });
});
