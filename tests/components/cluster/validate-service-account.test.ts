import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { validateServiceAccountRoleArgs } from "../../../components/cluster";

const VALID = { namespace: "shop", serviceAccount: "orders-api" };

function pathsFor(
  roleName: string,
  args: Parameters<typeof validateServiceAccountRoleArgs>[1],
  component = "platform",
) {
  return validateServiceAccountRoleArgs(roleName, args, component);
}

describe("validateServiceAccountRoleArgs", () => {
  it("accepts a namespace, a service account and policy ARNs", () => {
    expect(
      pathsFor("orders", {
        ...VALID,
        policyArns: {
          AmazonS3ReadOnlyAccess: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
          OrdersQueue: "arn:aws:iam::123456789012:policy/orders-queue",
          Computed: pulumi.output("arn:aws:iam::123456789012:policy/later"),
        },
      }),
    ).toEqual([]);
  });

  it("rejects a role key that cannot be part of a resource name", () => {
    const [issue] = pathsFor("orders api", VALID);
    expect(issue).toMatchObject({ path: "name" });
    expect(issue!.message).toMatch(/"orders api" is not a role key/);
  });

  it("rejects a role key that makes the IAM role name longer than 64", () => {
    const [issue] = pathsFor("r".repeat(48), VALID);
    expect(issue).toMatchObject({ path: "name" });
    expect(issue!.message).toMatch(/65 characters; IAM allows 64/);
    expect(pathsFor("r".repeat(47), VALID)).toEqual([]);
  });

  it("rejects a namespace that is not a DNS label", () => {
    const [issue] = pathsFor("orders", { ...VALID, namespace: "Shop" });
    expect(issue).toMatchObject({ path: "namespace" });
    expect(issue!.message).toMatch(/"Shop" is not a Kubernetes namespace/);
  });

  it("rejects a service account name Kubernetes would refuse", () => {
    const [issue] = pathsFor("orders", { ...VALID, serviceAccount: "orders_api" });
    expect(issue).toMatchObject({ path: "serviceAccount" });
    expect(issue!.message).toMatch(/"orders_api" is not a Kubernetes service account name/);
  });

  it("rejects an attachment key or a policy ARN that is not one", () => {
    const issues = pathsFor("orders", {
      ...VALID,
      policyArns: { "s3 read": "arn:aws:iam::aws:policy/X", S3: "AmazonS3ReadOnlyAccess" },
    });
    expect(issues.map((i) => i.path)).toEqual(["policyArns.s3 read", "policyArns.S3"]);
    expect(issues[1]!.message).toMatch(/"AmazonS3ReadOnlyAccess" is not an IAM policy ARN/);
  });
});
