import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import * as api from "@platform/infra";
import * as testing from "@platform/infra/testing";
import { repoRoot } from "../support/stack-synth";

interface Manifest {
  name: string;
  private?: boolean;
  bin?: unknown;
  exports: Record<string, string | { types: string; default: string }>;
  files: string[];
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
}
const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as Manifest;

// A name added to or removed from the package's root is a semver decision (CHANGELOG.md): this list
// changes only together with the changelog.
const ROOT_EXPORTS = [
  "AUTOSCALED_SERVICE_DEFAULTS",
  "AutoscaledService",
  "Cluster",
  "DEFAULT_ALARM_THRESHOLDS",
  "DeployRunner",
  "GithubOidc",
  "InfraValidationError",
  "LogsKey",
  "Network",
  "OBSERVABILITY_DEFAULTS",
  "Observability",
  "POSTGRES_PROFILE_SETTINGS",
  "PROBE_DEFAULTS",
  "PROFILES",
  "Postgres",
  "RESTRICTED_NAMESPACE_LABELS",
  "SCALING_BEHAVIOR_DEFAULTS",
  "SERVICE_DEFAULTS",
];
const TESTING_EXPORTS = [
  "ProgramRunError",
  "Registered",
  "SECRET_MASK",
  "SecretValue",
  "UNKNOWN_MASK",
  "runTestProgram",
  "secret",
];

describe("the package's public API", () => {
  it("exports exactly the components, the defaults tables and the validation error at its root", () => {
    expect(Object.keys(api).sort()).toEqual([...ROOT_EXPORTS].sort());
  });

  it("exports no builder or planner: every function at the root is a component or the error class", () => {
    for (const [name, value] of Object.entries(api)) {
      if (typeof value !== "function") {
        expect(typeof value, name).toBe("object");
        continue;
      }
      const isComponent = value.prototype instanceof pulumi.ComponentResource;
      expect(isComponent || value === api.InfraValidationError, name).toBe(true);
    }
  });

  it("exports exactly the test kit from ./testing", () => {
    expect(Object.keys(testing).sort()).toEqual([...TESTING_EXPORTS].sort());
  });
});

describe("package.json", () => {
  // The entries of the exports map, each with the source file it is built from.
  const entries = Object.entries(manifest.exports).map(([subpath, target]) => ({
    subpath,
    target: typeof target === "string" ? target : target.default,
  }));
  const built = entries.filter((e) => e.target.startsWith("./dist/"));

  it("maps ., ./testing, ./policies and ./package.json, each built code with its types", () => {
    expect(entries.map((e) => e.subpath).sort()).toEqual([".", "./package.json", "./policies", "./testing"]);
    for (const { subpath, target } of built) {
      const types = (manifest.exports[subpath] as { types: string }).types;
      expect(types, subpath).toBe(target.replace(/\.js$/, ".d.ts"));
      expect(
        existsSync(join(repoRoot, target.replace(/^\.\/dist\//, "").replace(/\.js$/, ".ts"))),
        target,
      ).toBe(true);
    }
  });

  it("resolves the package's name to the same sources in tsconfig.json as the exports map", () => {
    const text = readFileSync(join(repoRoot, "tsconfig.json"), "utf8");
    const paths = (JSON.parse(text) as { compilerOptions: { paths: Record<string, string[]> } })
      .compilerOptions.paths;
    const expected = Object.fromEntries(
      built.map(({ subpath, target }) => [
        manifest.name + subpath.slice(1),
        [target.replace(/^\.\/dist\//, "./").replace(/\.js$/, ".ts")],
      ]),
    );
    expect(paths).toEqual(expected);
  });

  it("refuses a deep import into the package (ERR_PACKAGE_PATH_NOT_EXPORTED)", () => {
    // Resolved from inside the package: Node applies the package's own exports map to its name.
    const require = createRequire(join(repoRoot, "package.json"));
    for (const deep of [
      "dist/components/network/network.js",
      "components/network",
      "dist/infra/synth/run.js",
    ]) {
      expect(() => require.resolve(`${manifest.name}/${deep}`), deep).toThrow(
        expect.objectContaining({ code: "ERR_PACKAGE_PATH_NOT_EXPORTED" }),
      );
    }
    expect(require.resolve(`${manifest.name}/package.json`)).toBe(join(repoRoot, "package.json"));
  });

  it("is publishable, installs no command, and takes the Pulumi SDKs as peers", () => {
    expect(manifest.private).toBeUndefined();
    expect(manifest.bin).toBeUndefined();
    expect(Object.keys(manifest.dependencies).filter((d) => d.startsWith("@pulumi/"))).toEqual([]);
    expect(Object.keys(manifest.peerDependencies).length).toBeGreaterThan(0);
    for (const [name, range] of Object.entries(manifest.peerDependencies)) {
      const [, major, minor, patch] = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range) ?? [];
      expect(major, `${name}: ${range} is not a caret range`).toBeDefined();
      // This repository builds and tests against one exact version inside the range.
      const dev = manifest.devDependencies[name] ?? "";
      expect(dev, `${name} devDependency`).toMatch(/^\d+\.\d+\.\d+$/);
      const [dMajor, dMinor, dPatch] = dev.split(".").map(Number);
      expect(dMajor, name).toBe(Number(major));
      expect(dMinor! * 1e6 + dPatch!, name).toBeGreaterThanOrEqual(Number(minor) * 1e6 + Number(patch));
    }
  });

  it("packs built code, types and the teams' docs only: no test, fixture, stack file, workflow, bench or tarball", async () => {
    const { stdout } = await promisify(execFile)("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: repoRoot,
    });
    const files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(["LICENSE", "CHANGELOG.md", "README.md", "package.json"]));
    for (const file of files) {
      expect(file, file).not.toMatch(/(^|\/)(tests?|__fixtures__|fixtures|bench|\.github|stacks)\//);
      expect(file, file).not.toMatch(
        /(^|\/)Pulumi(\.[\w-]+)?\.ya?ml$|\.tgz$|\.test\.|\.map$|\.ts$(?<!\.d\.ts)/,
      );
      expect(
        /^dist\/.+\.(js|d\.ts)$|^docs\/teams\/|^(LICENSE|CHANGELOG\.md|README\.md|package\.json)$/.test(file),
        file,
      ).toBe(true);
    }
  });
});
