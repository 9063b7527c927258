import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

/** A TypeScript snippet of a Markdown page. */
export interface Snippet {
  /** The page, relative to the repository root. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
  /** Marked deliberately partial (```ts skip): shown, not compiled. */
  readonly skip: boolean;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*(ts|typescript)\b([^\n]*)$/;

/** Every ```ts / ```typescript fenced block of `markdown`, in order. */
export function extractSnippets(file: string, markdown: string): Snippet[] {
  const lines = markdown.split("\n");
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, , info] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && lines[j]!.trim() !== fence; j++) {
      body.push(lines[j]!.startsWith(indent!) ? lines[j]!.slice(indent!.length) : lines[j]!);
    }
    if (j === lines.length) throw new Error(`${file}:${i + 1}: the code block is never closed`);
    snippets.push({ file, line: i + 1, code: body.join("\n"), skip: /\bskip\b/.test(info!) });
    i = j;
  }
  return snippets;
}

/** README.md and every Markdown page under docs/, relative to `root`. */
export function documentationPages(root: string): string[] {
  const pages = ["README.md"];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".md")) pages.push(relative(root, path));
    }
  };
  walk(join(root, "docs"));
  return pages.sort();
}

/**
 * The virtual file a snippet is compiled as: an ES module of its own (its names do not clash with
 * other snippets'; top-level `await` is allowed), named after its page and line.
 */
export function snippetFile(snippet: Snippet): { path: string; text: string } {
  const name = snippet.file.replace(/[^A-Za-z0-9]+/g, "-");
  return {
    path: `.snippets/${name}-${snippet.line}.mts`,
    text: `${snippet.code}\nexport {};\n`,
  };
}
