import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IgnorePatternError, matchesIgnore, parseIgnorePattern } from "../../../infra/drift/ignore";
import { parsePropertyPath } from "../../../infra/drift/property-path";

const matches = (pattern: string, type: string, path: string) =>
  matchesIgnore(parseIgnorePattern(pattern, "--ignore"), type, parsePropertyPath(path));

describe("ignore patterns <type>:<path>", () => {
  it.each([
    ["aws:ec2/instance:Instance:tags.LastScanned", "aws:ec2/instance:Instance", "tags.LastScanned", true],
    ["aws:ec2/instance:Instance:tags.LastScanned", "aws:ec2/instance:Instance", "tags.Owner", false],
    ["aws:ec2/instance:Instance:tags.LastScanned", "aws:ec2/vpc:Vpc", "tags.LastScanned", false],
    ["aws:ec2/*:*:tags.LastScanned", "aws:ec2/vpc:Vpc", "tags.LastScanned", true],
    ["aws:ec2/*:*:tags.LastScanned", "aws:rds/instance:Instance", "tags.LastScanned", false],
    ["*:*:*:tags.backup-*", "aws:rds/instance:Instance", "tags.backup-window", true],
    ["*:*:*:tags.backup-*", "aws:rds/instance:Instance", "tags.owner", false],
    ["*:*:*:tags", "aws:s3/bucketV2:BucketV2", "tags.anything", true],
    ["*:*:*:ingress[*].description", "aws:ec2/securityGroup:SecurityGroup", "ingress[3].description", true],
    ["*:*:*:ingress[*].description", "aws:ec2/securityGroup:SecurityGroup", "ingress[3].fromPort", false],
    ["*:*:*:ingress[0]", "aws:ec2/securityGroup:SecurityGroup", "ingress[1]", false],
    ["*:*:*:**.lastModified", "aws:lambda/function:Function", "environment.variables.lastModified", true],
    ["*:*:*:**.lastModified", "aws:lambda/function:Function", "lastModified", true],
    ['*:*:*:tags["kubernetes.io/*"]', "aws:ec2/subnet:Subnet", 'tags["kubernetes.io/role/elb"]', true],
    ["*:*:*:tags.*", "aws:ec2/subnet:Subnet", "tags", false],
  ])("%s on %s %s: %s", (pattern, type, path, expected) => {
    expect(matches(pattern, type, path)).toBe(expected);
  });

  it.each([
    ["tags.owner", "it needs a three-part type token and a path"],
    ["aws:ec2/vpc:Vpc", "it needs a three-part type token and a path"],
    ["aws::Vpc:tags", 'the type part "" is empty or has invalid characters'],
    ["aws:ec2/vpc:Vpc:tags..x", "malformed property path"],
  ])("rejects %j saying why and showing the form", (pattern, reason) => {
    const attempt = () => parseIgnorePattern(pattern, "infra:drift.ignore[2] in Pulumi.dev.yaml");
    expect(attempt).toThrow(IgnorePatternError);
    expect(attempt).toThrow(
      `infra:drift.ignore[2] in Pulumi.dev.yaml: ${JSON.stringify(pattern)} is not an ignore pattern`,
    );
    expect(attempt).toThrow(reason);
    expect(attempt).toThrow("write <type>:<path>");
  });

  it("a pattern naming a path covers that path and everything beneath it, nothing beside it", () => {
    const key = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,6}$/);
    fc.assert(
      fc.property(
        fc.array(key, { minLength: 1, maxLength: 3 }),
        fc.array(key, { maxLength: 2 }),
        key,
        (path, below, other) => {
          const pattern = `aws:ec2/vpc:Vpc:${path.join(".")}`;
          expect(matches(pattern, "aws:ec2/vpc:Vpc", [...path, ...below].join("."))).toBe(true);
          const sibling = [...path.slice(0, -1), `${path[path.length - 1]}${other}`].join(".");
          expect(matches(pattern, "aws:ec2/vpc:Vpc", sibling)).toBe(false);
        },
      ),
    );
  });
});
