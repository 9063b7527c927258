import { describe, expect, it } from "vitest";
import { REPO_ROOT, readRepoFile, typecheck } from "../support/typecheck";
import { documentationPages, extractSnippets, snippetFile, type Snippet } from "./snippets";

/** Snippets marked ```ts skip may be only this many: each one is a promise the docs do not check. */
const MAX_SKIPPED = 3;

const BROKEN_PAGE = `# A page

\`\`\`ts
import { Postgres } from "@platform/infra";
const db = new Postgres("orders-db", { vpcId: "vpc-0a1b2c3d", subnetIds: [], allowedSecurityGroupIds: {}, engineVersion: "17" });
export const id = db.identifier;
\`\`\`

\`\`\`ts skip
this is not TypeScript at all
\`\`\`
`;

describe("documentation snippets", () => {
  const snippets = documentationPages(REPO_ROOT).flatMap((page) => extractSnippets(page, readRepoFile(page)));
  const broken = extractSnippets("fixture/broken.md", BROKEN_PAGE);
  const files = new Map<string, Snippet>(
    [...snippets, ...broken].filter((s) => !s.skip).map((s) => [snippetFile(s).path, s]),
  );
  // One program for every snippet and the fixture: the library and SDK typings are parsed once.
  const errors = typecheck(
    Object.fromEntries([...files.keys()].map((p) => [p, snippetFile(files.get(p)!).text])),
  );
  const errorsOf = (file: string) =>
    errors
      .filter((e) => files.get(e.file)?.file === file)
      .map((e) => {
        const s = files.get(e.file)!;
        return `${s.file}:${s.line + e.line} TS${e.code}: ${e.message}`;
      });

  it("finds the TypeScript snippets of README.md and docs/", () => {
    expect(snippets.length).toBeGreaterThanOrEqual(10);
    expect(new Set(snippets.map((s) => s.file))).toContain("README.md");
    expect(new Set(snippets.map((s) => s.file))).toContain("docs/teams/using-in-your-stack.md");
  });

  it("compile against the package's sources (@platform/infra, @platform/infra/testing)", () => {
    const pages = new Set(snippets.map((s) => s.file));
    expect([...pages].flatMap(errorsOf)).toEqual([]);
  });

  it(`are marked \`ts skip\` only deliberately, at most ${MAX_SKIPPED}`, () => {
    const skipped = snippets.filter((s) => s.skip).map((s) => `${s.file}:${s.line}`);
    expect(skipped.length, skipped.join(", ")).toBeLessThanOrEqual(MAX_SKIPPED);
  });

  it("fail on a snippet that does not compile, naming its page and line, and leave a skipped one out", () => {
    expect(broken.map((s) => s.skip)).toEqual([false, true]);
    expect(errorsOf("fixture/broken.md")).toEqual([
      expect.stringMatching(
        /^fixture\/broken\.md:6 TS2339: Property 'identifier' does not exist on type 'Postgres'/,
      ),
    ]);
  });
});
