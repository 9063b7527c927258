import type { PolicyReport } from "../../policies/evaluate";
import type { SynthResource } from "./model";

/** The resource tree, children under their parent, siblings sorted by type then name. */
export function renderTree(resources: readonly SynthResource[]): string {
  const children = new Map<string | null, SynthResource[]>();
  for (const resource of resources) {
    const siblings = children.get(resource.parent) ?? [];
    siblings.push(resource);
    children.set(resource.parent, siblings);
  }
  for (const siblings of children.values()) {
    siblings.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
  }
  const lines: string[] = [];
  const walk = (resource: SynthResource, prefix: string, last: boolean, root: boolean) => {
    const marker = root ? "" : last ? "└─ " : "├─ ";
    const flags = [
      resource.options.protect ? "protected" : "",
      resource.options.retainOnDelete ? "retained" : "",
    ]
      .filter(Boolean)
      .join(", ");
    lines.push(`${prefix}${marker}${resource.name} (${resource.type})${flags ? ` [${flags}]` : ""}`);
    const kids = children.get(resource.urn) ?? [];
    const childPrefix = root ? "" : prefix + (last ? "   " : "│  ");
    kids.forEach((kid, i) => walk(kid, childPrefix, i === kids.length - 1, false));
  };
  const known = new Set(resources.map((r) => r.urn));
  const roots = resources.filter((r) => r.parent === null || !known.has(r.parent));
  roots.forEach((root) => walk(root, "", true, true));
  return lines.join("\n");
}

/** Resource counts per type, most frequent first. */
export function countByType(resources: readonly SynthResource[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const resource of resources) counts.set(resource.type, (counts.get(resource.type) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function renderCounts(resources: readonly SynthResource[]): string {
  const counts = countByType(resources);
  const width = Math.max(...counts.map(([, n]) => String(n).length));
  return [
    `${resources.length} resources, ${counts.length} types`,
    ...counts.map(([type, n]) => `  ${String(n).padStart(width)}  ${type}`),
  ].join("\n");
}

export function renderPolicy(report: PolicyReport): string {
  const head =
    `policies (${report.profile}): ${report.rules} rules, ${report.mandatoryViolations} mandatory and ` +
    `${report.advisoryViolations} advisory violation(s)`;
  return [
    head,
    ...report.violations.flatMap((v) => [
      `  [${v.enforcementLevel}] ${v.rule}: ${v.resource}: ${v.message}`,
      `      fix: ${v.fix}`,
    ]),
  ].join("\n");
}
