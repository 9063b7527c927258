import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, "../..");

/** A compile error, at its file and line (1-based). */
export interface CompileError {
  readonly file: string;
  readonly line: number;
  readonly code: number;
  readonly message: string;
}

/**
 * Type-checks `files` (path → TypeScript source; paths need not exist on disk) in one program with
 * the repository's compiler options; `@platform/infra*` resolve to the sources through the
 * tsconfig's `paths`, which a package test holds to the exports map. One program for every
 * file: the library and the SDK typings are parsed once. Returns the errors of `files` only.
 */
export function typecheck(files: Readonly<Record<string, string>>): CompileError[] {
  const configFile = ts.readConfigFile(path.join(REPO_ROOT, "tsconfig.json"), (file) =>
    ts.sys.readFile(file),
  );
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, REPO_ROOT);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    declaration: false,
    sourceMap: false,
    // A snippet shows a use, not a finished module: an unused import or local is not an error there.
    noUnusedLocals: false,
    noUnusedParameters: false,
  };
  const virtual = new Map(Object.entries(files).map(([file, text]) => [path.resolve(REPO_ROOT, file), text]));
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => virtual.get(path.resolve(file)) ?? readFile(file);
  host.fileExists = (file) => virtual.has(path.resolve(file)) || fileExists(file);
  host.getSourceFile = (file, language, onError, create) => {
    const text = virtual.get(path.resolve(file));
    return text !== undefined
      ? ts.createSourceFile(file, text, language, true, ts.ScriptKind.TS)
      : getSourceFile(file, language, onError, create);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  const errors: CompileError[] = [];
  for (const file of virtual.keys()) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} did not load`);
    for (const d of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
      const { line } = d.start === undefined ? { line: 0 } : source.getLineAndCharacterOfPosition(d.start);
      errors.push({
        file: path.relative(REPO_ROOT, file),
        line: line + 1,
        code: d.code,
        message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
      });
    }
  }
  return errors;
}

/** Reads a file of the repository. */
export function readRepoFile(file: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
}
