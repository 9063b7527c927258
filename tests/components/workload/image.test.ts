import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MUTABLE_TAGS,
  imageReferenceProblem,
  isMutableTag,
  parseImageReference,
} from "../../../components/workload/image";

const DIGEST = `sha256:${"a1".repeat(32)}`;

describe("parseImageReference", () => {
  it.each([
    ["nginx:1.27.1", { repository: "nginx", tag: "1.27.1" }],
    ["library/nginx:1.27", { repository: "library/nginx", tag: "1.27" }],
    [
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments/api:1.4.2",
      { registry: "123456789012.dkr.ecr.eu-west-1.amazonaws.com", repository: "payments/api", tag: "1.4.2" },
    ],
    ["localhost:5000/api:v2", { registry: "localhost:5000", repository: "api", tag: "v2" }],
    ["ghcr.io/acme/my_app__x-y/api", { registry: "ghcr.io", repository: "acme/my_app__x-y/api" }],
    [`ghcr.io/acme/api@${DIGEST}`, { registry: "ghcr.io", repository: "acme/api", digest: DIGEST }],
    [
      `ghcr.io/acme/api:1.0@${DIGEST}`,
      { registry: "ghcr.io", repository: "acme/api", tag: "1.0", digest: DIGEST },
    ],
  ])("splits %s", (reference, expected) => {
    expect(parseImageReference(reference)).toEqual(expected);
  });

  it.each([
    "",
    "Nginx:1.0",
    "nginx:",
    "nginx:-bad",
    "nginx:1.0:2.0",
    "ghcr.io/acme/api@sha256:xyz",
    "acme//api:1",
    "acme/api/:1",
    "-acme/api:1",
    "acme/api:1 ",
    "acme/api:" + "x".repeat(129),
    "bad_host.io:port/api:1",
  ])("rejects %j", (reference) => {
    expect(parseImageReference(reference)).toBeUndefined();
  });
});

describe("imageReferenceProblem", () => {
  it("accepts a version tag in both profiles", () => {
    expect(imageReferenceProblem("ghcr.io/acme/api:1.4.2", "production")).toBeUndefined();
    expect(imageReferenceProblem("ghcr.io/acme/api:1.4.2", "development")).toBeUndefined();
  });

  it("always accepts a sha256 digest, even beside a mutable tag", () => {
    expect(imageReferenceProblem(`ghcr.io/acme/api@${DIGEST}`, "production")).toBeUndefined();
    expect(imageReferenceProblem(`ghcr.io/acme/api:latest@${DIGEST}`, "production")).toBeUndefined();
  });

  it("rejects a reference with neither tag nor digest", () => {
    expect(imageReferenceProblem("ghcr.io/acme/api", "development")).toMatch(/has no tag or digest/);
  });

  it("rejects :latest in every profile", () => {
    expect(imageReferenceProblem("nginx:latest", "development")).toMatch(/mutable tag "latest"/);
    expect(imageReferenceProblem("nginx:LATEST", "production")).toMatch(/mutable tag "latest"/);
  });

  it.each(["main", "master", "dev", "stable", "edge", "nightly", "snapshot", "Main", "1.0-SNAPSHOT"])(
    "rejects the mutable-looking tag %s in production only",
    (tag) => {
      expect(imageReferenceProblem(`ghcr.io/acme/api:${tag}`, "production")).toContain(
        `mutable-looking tag "${tag}", which production rejects`,
      );
      expect(imageReferenceProblem(`ghcr.io/acme/api:${tag}`, "development")).toBeUndefined();
    },
  );

  it("rejects digests other than sha256 with 64 hex digits", () => {
    expect(imageReferenceProblem(`ghcr.io/acme/api@sha512:${"ab".repeat(64)}`, "production")).toMatch(
      /only `sha256:` followed by 64 lowercase hex digits/,
    );
    expect(imageReferenceProblem(`ghcr.io/acme/api@sha256:${"ab".repeat(16)}`, "production")).toMatch(
      /only `sha256:`/,
    );
  });

  it("says how a malformed reference should look", () => {
    expect(imageReferenceProblem("Acme/API:1", "production")).toMatch(/is not a valid image reference; use/);
  });

  it("lists every documented mutable tag", () => {
    for (const tag of MUTABLE_TAGS) expect(isMutableTag(tag)).toBe(true);
    expect(isMutableTag("1.4.2")).toBe(false);
    expect(isMutableTag("2026-01-05-abc1234")).toBe(false);
  });

  it("accepts any well-formed repository pinned by digest, in production (property)", () => {
    const component = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,4})?$/);
    const repository = fc.array(component, { minLength: 1, maxLength: 3 }).map((parts) => parts.join("/"));
    const hex = fc.stringMatching(/^[a-f0-9]{64}$/);
    fc.assert(
      fc.property(repository, hex, (repo, digest) => {
        return (
          imageReferenceProblem(`registry.example.com/${repo}@sha256:${digest}`, "production") === undefined
        );
      }),
    );
  });
});
