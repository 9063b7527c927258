import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { describe, expect, it } from "vitest";
import { IRSA_ROLE_ANNOTATION, buildServiceAccount } from "../../../components/workload/service-account";
import { validArgs, validated, specOf } from "./fixtures";

describe("buildServiceAccount", () => {
  it("names the account after the service and mounts no API token by default", () => {
    const account = validated(ServiceAccount, buildServiceAccount(specOf("api", validArgs())));
    expect(account.metadata).toEqual({
      name: "api",
      namespace: "api",
      labels: { "app.kubernetes.io/name": "api", "app.kubernetes.io/managed-by": "pulumi" },
    });
    expect(account.automountServiceAccountToken).toBe(false);
  });

  it("carries the IRSA role ARN annotation when a role is given", () => {
    const roleArn = "arn:aws:iam::123456789012:role/payments-api";
    const account = validated(
      ServiceAccount,
      buildServiceAccount(specOf("api", validArgs({ serviceAccount: { name: "payments", roleArn } }))),
    );
    expect(IRSA_ROLE_ANNOTATION).toBe("eks.amazonaws.com/role-arn");
    expect(account.metadata!.name).toBe("payments");
    expect(account.metadata!.annotations).toEqual({ "eks.amazonaws.com/role-arn": roleArn });
  });
});
