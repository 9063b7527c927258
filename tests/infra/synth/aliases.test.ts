import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { resolvableUrns } from "../../../infra/synth/aliases";
import { run } from "../../support/harness";

class Store extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("infra:test:Store", name, {}, opts);
    const key = new aws.kms.Key(`${name}-key`, {}, { parent: this });
    new aws.kms.Alias(`${name}-alias`, { targetKeyId: key.id }, { parent: this });
    new Vault(`${name}-vault`, { parent: this });
    this.registerOutputs({});
  }
}

class Vault extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("infra:test:Vault", name, {}, opts);
    new aws.kms.Key("fixed-name-key", {}, { parent: this });
    this.registerOutputs({});
  }
}

class Outer extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("infra:test:Outer", name, {}, opts);
    this.registerOutputs({});
  }
}

describe("alias resolution", () => {
  it("keeps every child of a renamed component resolvable through the parent's alias", async () => {
    const before = await run(() => new Store("orders"));
    const after = await run(() => new Store("billing", { aliases: [{ name: "orders" }] }));
    expect(after.urns().some((urn) => urn.endsWith("::orders-key"))).toBe(false);

    const resolvable = resolvableUrns(after.resources);
    for (const old of before.resources) {
      expect(resolvable.get(old.urn)?.type, old.urn).toBe(old.type);
    }
  });

  it("follows a component moved under a new parent", async () => {
    const before = await run(() => new Store("orders"));
    const after = await run(() => {
      const outer = new Outer("app");
      new Store("orders", { parent: outer, aliases: [{ parent: pulumi.rootStackResource }] });
    });
    const resolvable = resolvableUrns(after.resources);
    for (const old of before.resources) {
      expect(resolvable.has(old.urn), old.urn).toBe(true);
    }
  });

  it("does not pretend a rename without an alias is safe", async () => {
    const before = await run(() => new Store("orders"));
    const after = await run(() => new Store("billing"));
    const resolvable = resolvableUrns(after.resources);
    const lost = before.resources.filter((r) => r.type !== "pulumi:pulumi:Stack" && !resolvable.has(r.urn));
    // A URN holds the parent's type, not its name: the unprefixed key keeps its URN (and would
    // collide with a second Store's), every prefixed child is lost.
    expect(lost.map((r) => r.name).sort()).toEqual(["orders", "orders-alias", "orders-key", "orders-vault"]);
  });
});
