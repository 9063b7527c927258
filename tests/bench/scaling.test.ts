import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { scaledServices, scaledStackFile } from "../../bench/scaling";
import { loadEnvironment } from "../../stacks/environment";

const DEV = readFileSync(join(__dirname, "..", "..", "Pulumi.dev.yaml"), "utf8");
const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

interface StackFile {
  config: Record<string, unknown>;
}

function infraConfig(stackFile: string): Record<string, unknown> {
  const { config } = parse(stackFile) as StackFile;
  return Object.fromEntries(
    Object.entries(config)
      .filter(([key]) => key.startsWith("infra:"))
      .map(([key, value]) => [key.slice("infra:".length), value]),
  );
}

describe("scaledServices", () => {
  const template = { name: "api", image: "ghcr.io/acme/api:1.2.3", namespace: "shared", port: 8080 };

  it("keeps the template first and names the clones <name>-2, <name>-3, ...", () => {
    const services = scaledServices(template, 3);
    expect(services[0]).toBe(template);
    expect(services.map((s) => s.name)).toEqual(["api", "api-2", "api-3"]);
    expect(services[2]).toEqual({ name: "api-3", image: "ghcr.io/acme/api:1.2.3", port: 8080 });
  });

  it("gives clones their own namespace rather than the template's", () => {
    expect(scaledServices(template, 2)[1]?.namespace).toBeUndefined();
  });

  it("refuses a count below one and a template without a name", () => {
    expect(() => scaledServices(template, 0)).toThrow("service count must be >= 1, got 0");
    expect(() => scaledServices({ image: "x" }, 2)).toThrow("the template service has no name");
  });
});

describe("scaledStackFile of the dev stack", () => {
  const fifty = infraConfig(scaledStackFile(DEV, 50));

  it("has the requested number of distinct services, all with dev's image", () => {
    const services = fifty.services as { name: string; image: string }[];
    expect(services).toHaveLength(50);
    expect(new Set(services.map((s) => s.name)).size).toBe(50);
    expect(new Set(services.map((s) => s.image))).toEqual(new Set(["ghcr.io/stefanprodan/podinfo:6.9.2"]));
  });

  it("keeps every other key of the stack file as it was, but more nodes for the services", () => {
    const { services: _scaled, cluster, ...rest } = fifty;
    const { services: _original, cluster: originalCluster, ...original } = infraConfig(DEV);
    expect(rest).toEqual(original);
    const groups = (cluster as { nodeGroups: { name: string; minSize: number }[] }).nodeGroups;
    expect(groups.map((g) => [g.name, g.minSize])).toEqual([["general", 2 + 2]]);
    expect(cluster).toMatchObject(originalCluster as object);
    expect(infraConfig(scaledStackFile(DEV, 1)).cluster).toEqual(originalCluster);
    expect((parse(scaledStackFile(DEV, 1)) as StackFile).config["aws:region"]).toBe("eu-west-1");
  });

  it("writes plain YAML, without anchors for the repeated values", () => {
    expect(scaledStackFile(DEV, 3)).not.toMatch(/[&*]a\d/);
  });

  it.each([1, 10, 50])("passes the stack's validation with %i service(s)", (count) => {
    const environment = loadEnvironment(infraConfig(scaledStackFile(DEV, count)), "dev", ZONES, {
      allowedAccountIds: (parse(DEV) as StackFile).config["aws:allowedAccountIds"],
    });
    expect(environment.config.services).toHaveLength(count);
  });

  it("drops SLOs of services other than the first", () => {
    const stackFile = DEV.replace(
      "    slos:\n",
      "    slos:\n      - { name: gone, service: other, objective: 99, availability: { good: a, total: b } }\n",
    );
    const slos = (infraConfig(scaledStackFile(stackFile, 2)).observability as { slos: { name: string }[] })
      .slos;
    expect(slos.map((s) => s.name)).toEqual(["podinfo-availability"]);
  });

  it("fails on a stack file without services", () => {
    expect(() => scaledStackFile("config:\n  aws:region: eu-west-1\n", 2)).toThrow(
      "no infra:services to clone",
    );
    expect(() => scaledStackFile("name: x\n", 2)).toThrow("the stack file has no config mapping");
  });
});
