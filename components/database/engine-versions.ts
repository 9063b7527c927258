/**
 * The PostgreSQL major versions Amazon RDS offers, each with the parameter group family it needs.
 *
 * Source: "Release calendar for Amazon RDS for PostgreSQL" (RDS for PostgreSQL release notes) and
 * `aws rds describe-db-engine-versions --engine postgres --query
 * "DBEngineVersions[].[EngineVersion,DBParameterGroupFamily,Status]"`. Checked November 2026.
 *
 * How to update:
 * - RDS releases a major: add it with family `postgres<major>` and the first minor RDS shipped.
 * - RDS deprecates minors (announced by e-mail and in the release notes; new instances can no longer
 *   use them): raise `oldestOfferedMinor`.
 * - A major reaches RDS end of standard support: remove it. Majors past that date (13 and older)
 *   are left out on purpose: they only run under paid RDS Extended Support, so an instance on one
 *   should be upgraded before this component manages it.
 */
export interface PostgresMajorVersion {
  readonly major: number;
  /** The DB parameter group family of this major: `postgres<major>`. */
  readonly family: string;
  /** The oldest minor of this major RDS still lets new instances use. */
  readonly oldestOfferedMinor: number;
}

export const POSTGRES_MAJOR_VERSIONS: readonly PostgresMajorVersion[] = [
  { major: 14, family: "postgres14", oldestOfferedMinor: 18 },
  { major: 15, family: "postgres15", oldestOfferedMinor: 13 },
  { major: 16, family: "postgres16", oldestOfferedMinor: 9 },
  { major: 17, family: "postgres17", oldestOfferedMinor: 5 },
  { major: 18, family: "postgres18", oldestOfferedMinor: 1 },
];

/** An `engineVersion` split into its parts: `"17"` or `"17.6"`. */
export interface EngineVersion {
  readonly major: number;
  /** Absent when only the major is pinned (RDS picks and upgrades the minor). */
  readonly minor?: number;
}

/** Parses `"17"` or `"17.6"`; anything else (`"17.6.1"`, `"v17"`, `""`) gives undefined. */
export function parseEngineVersion(version: string): EngineVersion | undefined {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(version);
  if (!match) return undefined;
  const major = Number(match[1]);
  return match[2] === undefined ? { major } : { major, minor: Number(match[2]) };
}

export function postgresMajorVersion(major: number): PostgresMajorVersion | undefined {
  return POSTGRES_MAJOR_VERSIONS.find((v) => v.major === major);
}

/** Whether RDS offers this version for a new instance, per the table above. */
export function isOfferedEngineVersion(version: EngineVersion): boolean {
  const known = postgresMajorVersion(version.major);
  if (!known) return false;
  return version.minor === undefined || version.minor >= known.oldestOfferedMinor;
}

/** The DB parameter group family of an offered major; throws for a major not in the table. */
export function parameterGroupFamily(major: number): string {
  const known = postgresMajorVersion(major);
  if (!known) throw new Error(`PostgreSQL ${major} is not in POSTGRES_MAJOR_VERSIONS`);
  return known.family;
}

/** The offered versions as operators write them, for error messages: `14.18+, 15.13+, ...`. */
export function describeOfferedVersions(): string {
  return POSTGRES_MAJOR_VERSIONS.map((v) => `${v.major} (or ${v.major}.${v.oldestOfferedMinor}+)`).join(", ");
}
