import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { SECRET_MASK, run } from "../../support/harness";

class Outer extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("infra:test:Outer", name, {}, opts);
    new Inner(`${name}-inner`, { parent: this });
    this.registerOutputs({});
  }
}

class Inner extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("infra:test:Inner", name, {}, opts);
    new aws.kms.Key(`${name}-key`, { enableKeyRotation: true }, { parent: this });
    this.registerOutputs({});
  }
}

describe("the mock harness", () => {
  it("captures resource options the newResource mock never sees", async () => {
    const registered = await run(() => {
      const vpc = new aws.ec2.Vpc(
        "vpc",
        { cidrBlock: "10.0.0.0/16" },
        { protect: true, retainOnDelete: true },
      );
      const key = new aws.kms.Key("key", {}, { ignoreChanges: ["description"], deleteBeforeReplace: true });
      new aws.ec2.Subnet(
        "subnet",
        { vpcId: vpc.id, cidrBlock: "10.0.0.0/24" },
        {
          dependsOn: [key],
          aliases: [{ name: "old-subnet" }],
          replaceOnChanges: ["cidrBlock"],
          additionalSecretOutputs: ["arn"],
          customTimeouts: { create: "20m" },
        },
      );
    });

    const vpc = registered.one("aws:ec2/vpc:Vpc");
    expect(vpc.options).toEqual({ protect: true, retainOnDelete: true });
    expect(registered.one("aws:kms/key:Key").options).toEqual({
      ignoreChanges: ["description"],
      deleteBeforeReplace: true,
    });

    const subnet = registered.one("aws:ec2/subnet:Subnet");
    expect(subnet.options.dependsOn).toEqual([registered.one("aws:kms/key:Key").urn]);
    expect(subnet.options.replaceOnChanges).toEqual(["cidrBlock"]);
    expect(subnet.options.additionalSecretOutputs).toEqual(["arn"]);
    expect(subnet.options.customTimeouts).toEqual({ create: "20m" });
    expect(subnet.options.aliases).toEqual([
      { name: "old-subnet", parentUrn: "urn:pulumi:test::infra::pulumi:pulumi:Stack::infra-test" },
    ]);
    // The VPC reaches the subnet through an input, so it is not an explicit dependsOn.
    expect(subnet.inputs.vpcId).toMatch(/^vpc-0[0-9a-f]{16}$/);
    expect(subnet.options.dependsOn).not.toContain(vpc.urn);
  });

  it("records every dependency edge: inputs and dependsOn, a component expanded to its custom children", async () => {
    const registered = await run(() => {
      const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
      const outer = new Outer("outer");
      const key = new aws.kms.Key("key", {});
      new aws.ec2.Subnet(
        "subnet",
        { vpcId: vpc.id, cidrBlock: "10.0.0.0/24" },
        { dependsOn: [key, outer, vpc] },
      );
    });
    const urn = (type: string, name?: string) => registered.one(type, name).urn;
    const subnet = registered.one("aws:ec2/subnet:Subnet");
    const expected = [
      urn("aws:ec2/vpc:Vpc"),
      urn("aws:kms/key:Key", "key"),
      urn("aws:kms/key:Key", "outer-inner-key"),
    ].sort();
    expect(subnet.dependencies).toEqual(expected);
    // dependsOn keeps its meaning: only what no input carries (the VPC is an input).
    expect(subnet.options.dependsOn).toEqual(expected.filter((u) => u !== urn("aws:ec2/vpc:Vpc")));
    // The components themselves are never an edge: the engine only waits for custom resources.
    for (const dependency of subnet.dependencies)
      expect(registered.resources.find((r) => r.urn === dependency)?.custom, dependency).toBe(true);
    expect(registered.one("aws:ec2/vpc:Vpc").dependencies).toEqual([]);
  });

  it("records no options that were not set", async () => {
    const registered = await run(() => new aws.kms.Key("plain", {}));
    expect(registered.one("aws:kms/key:Key").options).toEqual({});
  });

  it("builds URNs with the whole parent type chain, as the engine does", async () => {
    const registered = await run(() => new Outer("outer"), { stack: "dev" });
    expect(registered.one("aws:kms/key:Key").urn).toBe(
      "urn:pulumi:dev::infra::infra:test:Outer$infra:test:Inner$aws:kms/key:Key::outer-inner-key",
    );
    expect(registered.one("infra:test:Outer").parent).toBe(
      "urn:pulumi:dev::infra::pulumi:pulumi:Stack::infra-dev",
    );
    expect(registered.one("infra:test:Inner").parent).toBe(registered.one("infra:test:Outer").urn);
  });

  it("masks secret inputs and outputs", async () => {
    const registered = await run(() => {
      const key = new aws.kms.Key("key", { description: pulumi.secret("classified") });
      return { plain: "visible", hidden: pulumi.secret("classified"), keyId: key.id };
    });
    expect(registered.one("aws:kms/key:Key").inputs.description).toBe(SECRET_MASK);
    expect(registered.outputs.hidden).toBe(SECRET_MASK);
    expect(registered.outputs.plain).toBe("visible");
    expect(JSON.stringify(registered.resources)).not.toContain("classified");
  });

  it("records an explicit provider by its URN", async () => {
    const registered = await run(() => {
      const provider = new aws.Provider("us", { region: "us-east-1" });
      new aws.kms.Key("key", {}, { provider });
    });
    expect(registered.one("aws:kms/key:Key").provider).toBe(registered.one("pulumi:providers:aws").urn);
  });

  it("fails when two resources would share a URN", async () => {
    await expect(
      run(() => {
        new aws.kms.Key("same", {});
        new aws.kms.Key("same", {});
      }),
    ).rejects.toThrow(/duplicate resource URNs[\s\S]*aws:kms\/key:Key::same/);
  });

  it("rejects with the program's own error", async () => {
    await expect(
      run(() => {
        throw new Error("bad argument");
      }),
    ).rejects.toThrow("bad argument");
  });

  it("runs programs one after another without leaking resources between runs", async () => {
    const [first, second] = await Promise.all([
      run(() => new aws.kms.Key("first", {})),
      run(() => new aws.kms.Key("second", {})),
    ]);
    expect(first.ofType("aws:kms/key:Key").map((r) => r.name)).toEqual(["first"]);
    expect(second.ofType("aws:kms/key:Key").map((r) => r.name)).toEqual(["second"]);
  });
});
