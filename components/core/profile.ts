import { show, type IssueCollector } from "./errors";

/**
 * How strict a component is. `production` (the default everywhere) keeps data safe and services
 * available; `development` trades that for cost where the component's defaults say so. Explicit
 * args always win over a profile's defaults.
 */
export const PROFILES = ["development", "production"] as const;
export type Profile = (typeof PROFILES)[number];

/** A component's defaults for each profile, kept in one table per component. */
export type ProfileDefaults<T> = Readonly<Record<Profile, T>>;

/**
 * Checks a `profile` argument and returns the profile to validate the rest against: the given one
 * when it is valid, `production` (the stricter) otherwise or when none is given.
 */
export function checkProfile(issues: IssueCollector, profile: unknown, path = "profile"): Profile {
  if (profile === undefined) return "production";
  if ((PROFILES as readonly unknown[]).includes(profile)) return profile as Profile;
  issues.add(
    path,
    `${show(profile)} is not a profile; use one of ${PROFILES.map((p) => show(p)).join(", ")}`,
  );
  return "production";
}
