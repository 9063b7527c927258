import type { Invocation } from "./fake-pulumi";

/**
 * Why a command the fake CLI received could change state or cloud (or reveal secrets), or
 * undefined when it is read-only: `version`, `stack ls`, `preview`, `refresh --preview-only`.
 */
export function mutatingCommand(invocation: Invocation): string | undefined {
  const [command, sub] = invocation.argv;
  const args = invocation.argv;
  if (["--yes", "-y", "--skip-preview", "--show-secrets"].some((flag) => args.includes(flag)))
    return "a flag that applies changes or reveals secrets";
  if (command === "version" || command === "preview") return undefined;
  if (command === "stack" && sub === "ls") return undefined;
  if (command === "refresh")
    return args.includes("--preview-only") ? undefined : "a refresh that writes the state";
  return `the command "${args.join(" ")}"`;
}

/** Every invocation that was not read-only, as `<label>: <argv>: <why>`. */
export function mutatingCommands(runs: Record<string, { invocations: Invocation[] }>): string[] {
  return Object.entries(runs).flatMap(([label, run]) =>
    run.invocations.flatMap((invocation) => {
      const why = mutatingCommand(invocation);
      return why ? [`${label}: ${invocation.argv.join(" ")}: ${why}`] : [];
    }),
  );
}
