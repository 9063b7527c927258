import { Service } from "kubernetes-models/v1/Service";
import { describe, expect, it } from "vitest";
import { buildService } from "../../../components/workload/service";
import { validArgs, validated, specOf } from "./fixtures";

describe("buildService", () => {
  it("is a ClusterIP Service on the service port, targeting the container's named port", () => {
    const service = validated(Service, buildService(specOf("api", validArgs({ servicePort: 8081 }))));
    expect(service.metadata).toEqual({
      name: "api",
      namespace: "api",
      labels: { "app.kubernetes.io/name": "api", "app.kubernetes.io/managed-by": "pulumi" },
    });
    expect(service.spec!.type).toBe("ClusterIP");
    expect(service.spec!.selector).toEqual({ "app.kubernetes.io/name": "api" });
    expect(service.spec!.ports).toEqual([{ name: "http", port: 8081, targetPort: "http", protocol: "TCP" }]);
  });
});
