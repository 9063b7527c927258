import { describe, expect, it } from "vitest";
import { subnetTags } from "../../../components/network/subnet-tags";

describe("subnetTags", () => {
  it("marks public subnets for Internet-facing and private ones for internal load balancers", () => {
    expect(subnetTags("public")).toEqual({ tier: "public", "kubernetes.io/role/elb": "1" });
    expect(subnetTags("private")).toEqual({ tier: "private", "kubernetes.io/role/internal-elb": "1" });
  });

  it("adds the cluster discovery tag to public and private subnets when a cluster is named", () => {
    expect(subnetTags("public", "prod")).toEqual({
      tier: "public",
      "kubernetes.io/role/elb": "1",
      "kubernetes.io/cluster/prod": "shared",
    });
    expect(subnetTags("private", "prod")["kubernetes.io/cluster/prod"]).toBe("shared");
  });

  it("must not offer isolated subnets to Kubernetes", () => {
    expect(subnetTags("isolated", "prod")).toEqual({ tier: "isolated" });
  });
});
