// `npm run test:package`: the package as a team gets it. Builds and packs the library, installs the
// tarball into an empty project (a copy of examples/team-service) next to a different minor version
// of @pulumi/pulumi, type-checks the team's program through the package's exports map, runs it
// through `@platform/infra/testing`, and checks with `npm ls` that each Pulumi SDK is installed once.
// Needs the npm registry (or its cache); not part of `npm test`. Exit code 0 when every check passes.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const root = join(__dirname, "..", "..");
const exampleDir = join(root, "examples", "team-service");
const run = promisify(execFile);

interface Manifest {
  name: string;
  version: string;
  exports: Record<string, string | { default: string; types: string }>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  dependencies?: Record<string, string>;
}
const readJson = <T>(file: string) => JSON.parse(readFileSync(file, "utf8")) as T;
const manifest = readJson<Manifest>(join(root, "package.json"));

const failures: string[] = [];
function check(ok: boolean, what: string, detail = "") {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${detail ? `: ${detail}` : ""}`);
  if (!ok) failures.push(what);
}

async function sh(cwd: string, command: string, args: string[]) {
  const started = Date.now();
  try {
    const { stdout } = await run(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return { ok: true, stdout, seconds: (Date.now() - started) / 1000 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    return {
      ok: false,
      stdout: `${e.stdout ?? ""}${e.stderr ?? ""}` || e.message,
      seconds: (Date.now() - started) / 1000,
    };
  }
}

/** The oldest @pulumi/pulumi the peer range admits, which must be another minor than the one tested here. */
function olderPulumi(): string {
  const range = manifest.peerDependencies["@pulumi/pulumi"] ?? "";
  const floor = /^\^(\d+\.\d+\.\d+)$/.exec(range)?.[1];
  if (!floor) throw new Error(`peerDependencies["@pulumi/pulumi"] is ${range}, not a caret range`);
  const minorOf = (v: string) => v.split(".").slice(0, 2).join(".");
  if (minorOf(floor) === minorOf(manifest.devDependencies["@pulumi/pulumi"] ?? ""))
    throw new Error(
      `the peer range's floor ${floor} is the minor this repository tests; nothing new would be tested`,
    );
  return floor;
}

// What the team's test does: the platform's outputs as its StackReference returns them.
const CHECK_PROGRAM = `
const assert = require("node:assert/strict");
const { runTestProgram, secret, SECRET_MASK } = require("@platform/infra/testing");
const api = require("@platform/infra");
const program = require("./out/index.js");

(async () => {
  assert.equal(typeof api.Postgres, "function");
  const run = await runTestProgram(program, {
    project: "payments",
    stack: "dev",
    profile: "development",
    config: { "aws:region": "eu-west-1", platformStack: "platform/infra/dev", image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments/api:2.3.1" },
    stackReferences: {
      "platform/infra/dev": {
        vpcId: "vpc-0a1b2c3d4e5f60718",
        isolatedSubnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0b1c2d3e4f5a60718"],
        nodeSecurityGroupId: "sg-0a1b2c3d4e5f60718",
        oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF",
        oidcIssuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF",
        kubeconfig: secret("apiVersion: v1\\nkind: Config\\n"),
      },
    },
  });
  assert.equal(run.one("pulumi:providers:kubernetes").inputs.kubeconfig, SECRET_MASK);
  assert.equal(run.one("aws:rds/instance:Instance").inputs.publiclyAccessible, false);
  // The one mandatory finding of this team stack: its unnamed database's log groups (see docs/operators/policy.md).
  assert.deepEqual(run.policy.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.rule), ["service-log-groups-managed"]);
  let deep;
  try { require.resolve("@platform/infra/dist/components/network/network.js"); } catch (err) { deep = err.code; }
  assert.equal(deep, "ERR_PACKAGE_PATH_NOT_EXPORTED");
  console.log(JSON.stringify({ resources: run.resources.length, outputs: Object.keys(run.outputs) }));
})().catch((err) => { console.error(err); process.exit(1); });
`;

async function main() {
  const work = mkdtempSync(join(tmpdir(), "infra-pack-"));
  const project = join(work, "team");
  try {
    rmSync(join(root, "dist"), { recursive: true, force: true });
    const build = await sh(root, "npm", ["run", "--silent", "build"]);
    check(build.ok, "build", build.ok ? `${build.seconds.toFixed(0)} s` : build.stdout);
    if (!build.ok) return;

    const pack = await sh(root, "npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work]);
    check(pack.ok, "npm pack", pack.ok ? "" : pack.stdout);
    if (!pack.ok) return;
    const [packed] = JSON.parse(pack.stdout) as {
      filename: string;
      files: { path: string }[];
      size: number;
    }[];
    const files = new Set(packed!.files.map((f) => f.path));
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      for (const file of typeof target === "string" ? [target] : [target.default, target.types])
        check(files.has(file.replace(/^\.\//, "")), `the tarball holds ${subpath} (${file})`);
    }
    console.log(`     tarball: ${packed!.files.length} files, ${(packed!.size / 1024).toFixed(0)} kB`);

    // The team's project: the example as it stands, depending on the tarball and an older SDK minor.
    cpSync(exampleDir, project, { recursive: true });
    const pulumiVersion = olderPulumi();
    const teamManifest = readJson<Manifest>(join(project, "package.json"));
    teamManifest.dependencies = {
      ...teamManifest.dependencies,
      [manifest.name]: `file:${join(work, packed!.filename)}`,
      "@pulumi/pulumi": pulumiVersion,
    };
    writeFileSync(join(project, "package.json"), `${JSON.stringify(teamManifest, null, 2)}\n`);
    // Provider packages' install scripts download plugins with the Pulumi CLI; mocks need none.
    writeFileSync(join(project, ".npmrc"), "ignore-scripts=true\n");
    writeFileSync(join(project, "check.cjs"), CHECK_PROGRAM);

    const install = await sh(project, "npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"]);
    check(
      install.ok,
      `npm install (tarball + @pulumi/pulumi ${pulumiVersion})`,
      install.ok ? `${install.seconds.toFixed(0)} s` : install.stdout,
    );
    if (!install.ok) return;

    const ls = await sh(project, "npm", ["ls", "--all", "--parseable"]);
    const paths = ls.stdout.split("\n").filter(Boolean);
    for (const sdk of Object.keys(manifest.peerDependencies)) {
      const copies = paths.filter((p) => p.endsWith(`node_modules/${sdk}`));
      check(
        copies.length === 1,
        `one copy of ${sdk}`,
        copies.map((p) => p.slice(project.length + 1)).join(", "),
      );
    }
    const installed = readJson<Manifest>(
      join(project, "node_modules", "@pulumi", "pulumi", "package.json"),
    ).version;
    check(installed === pulumiVersion, `@pulumi/pulumi is the team's ${pulumiVersion}`, installed);

    // Type-check through the exports map (the team's tsconfig: Node16 resolution), emitting to run it.
    const tsc = await sh(project, "npx", [
      "tsc",
      "-p",
      "tsconfig.json",
      "--noEmit",
      "false",
      "--outDir",
      "out",
    ]);
    check(tsc.ok, "the team's program type-checks against the package", tsc.ok ? "" : tsc.stdout);
    if (!tsc.ok) return;

    const kit = await sh(project, "node", ["check.cjs"]);
    check(kit.ok, "the team's program runs through @platform/infra/testing", kit.stdout.trim());
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main()
  .catch((err: unknown) => failures.push(err instanceof Error ? err.message : String(err)))
  .finally(() => {
    console.log(failures.length ? `package test: failed (${failures.join("; ")})` : "package test: passed");
    process.exitCode = failures.length ? 1 : 0;
  });
