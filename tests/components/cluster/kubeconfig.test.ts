import { describe, expect, it } from "vitest";
import { kubeconfigFor, renderKubeconfig } from "../../../components/cluster";

const INPUTS = {
  clusterName: "platform-prod",
  endpoint: "https://ABC.gr7.eu-central-1.eks.amazonaws.com",
  certificateAuthorityData: "LS0tLS1CRUdJTg==",
  region: "eu-central-1",
};

describe("kubeconfigFor", () => {
  const config = kubeconfigFor(INPUTS) as any;

  it("points one context at the cluster's endpoint and CA", () => {
    expect(config.kind).toBe("Config");
    expect(config["current-context"]).toBe("platform-prod");
    expect(config.contexts).toEqual([
      { name: "platform-prod", context: { cluster: "platform-prod", user: "platform-prod" } },
    ]);
    expect(config.clusters).toEqual([
      {
        name: "platform-prod",
        cluster: { server: INPUTS.endpoint, "certificate-authority-data": INPUTS.certificateAuthorityData },
      },
    ]);
  });

  it("gets tokens from aws eks get-token for the cluster's region and holds no credential", () => {
    expect(config.users).toEqual([
      {
        name: "platform-prod",
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: [
              "eks",
              "get-token",
              "--cluster-name",
              "platform-prod",
              "--region",
              "eu-central-1",
              "--output",
              "json",
            ],
            interactiveMode: "Never",
          },
        },
      },
    ]);
  });

  it("renders as JSON text that parses back to the same config", () => {
    expect(JSON.parse(renderKubeconfig(INPUTS))).toEqual(config);
  });
});
