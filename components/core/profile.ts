/**
 * How strict a component is. `production` (the default everywhere) keeps data safe and services
 * available; `development` trades that for cost where the component's defaults say so. Explicit
 * args always win over a profile's defaults.
 */
export const PROFILES = ["development", "production"] as const;
export type Profile = (typeof PROFILES)[number];

/** A component's defaults for each profile, kept in one table per component. */
export type ProfileDefaults<T> = Readonly<Record<Profile, T>>;
