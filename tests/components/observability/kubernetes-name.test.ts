import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kubernetesName } from "../../../components/observability/kubernetes-name";

const DNS_1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

describe("kubernetesName", () => {
  it("keeps a valid name and appends the suffix", () => {
    expect(kubernetesName("prod-observability", "-slos")).toBe("prod-observability-slos");
  });

  it("lowercases and replaces what Kubernetes rejects", () => {
    expect(kubernetesName("Prod_Observability.v2", "-slos")).toBe("prod-observability-v2-slos");
    expect(kubernetesName("--x--")).toBe("x");
    expect(kubernetesName("!!!", "-slos")).toBe("observability-slos");
  });

  it("always gives a valid object name of at most 253 characters", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (name) => {
        const result = kubernetesName(name, "-slos");
        expect(result).toMatch(DNS_1123);
        expect(result.length).toBeLessThanOrEqual(253);
      }),
    );
  });
});
