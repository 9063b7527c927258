import * as k8s from "@pulumi/kubernetes";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { AutoscaledService } from "../../../components/workload";
import { synthCommand } from "../../../infra/synth/command";
import { PULUMI_YAML, projectDir } from "../../support/project-dir";
import { validArgs, validated } from "./fixtures";

describe("infra synth with an AutoscaledService", () => {
  it("writes the service's objects as YAML under manifests/", async () => {
    const dir = projectDir({
      "Pulumi.yaml": PULUMI_YAML,
      "Pulumi.dev.yaml": "config:\n  infra:profile: development\n",
    });
    const out = mkdtempSync(join(tmpdir(), "synth-workload-"));
    const program = () => {
      const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
      new AutoscaledService("api", validArgs({ profile: "development", createNamespace: true }), {
        provider,
      });
    };
    const io = { out: () => undefined, err: (text: string) => void (stderr += text) };
    let stderr = "";
    expect(await synthCommand({ stack: "dev", cwd: dir, out, program }, io)).toBe(0);
    expect(stderr).toBe("");

    const manifests = join(out, "dev", "manifests");
    expect(readdirSync(manifests).sort()).toEqual([
      "deployment-api-deployment.yaml",
      "horizontalpodautoscaler-api-hpa.yaml",
      "namespace-api-namespace.yaml",
      "networkpolicy-api-default-deny.yaml",
      "networkpolicy-api-network-policy.yaml",
      "poddisruptionbudget-api-pdb.yaml",
      "service-api-service.yaml",
      "serviceaccount-api-service-account.yaml",
    ]);
    const deployment = validated(
      Deployment,
      parse(readFileSync(join(manifests, "deployment-api-deployment.yaml"), "utf8")),
    );
    expect(deployment.metadata!.namespace).toBe("api");
    expect(deployment.spec).not.toHaveProperty("replicas");
    expect(
      parse(readFileSync(join(manifests, "poddisruptionbudget-api-pdb.yaml"), "utf8")).spec.maxUnavailable,
    ).toBe(1);
  });
});
