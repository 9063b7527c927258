/**
 * What each profile chooses when the stack's config is silent. Every default lives here, once;
 * `Pulumi.<stack>.yaml` only overrides.
 */
export const PROFILE_NAMES = ["development", "production"] as const;
export type Profile = (typeof PROFILE_NAMES)[number];

export interface ProfileDefaults {
  readonly network: {
    readonly availabilityZoneCount: number;
    readonly natGateways: "none" | "single" | "perAz";
  };
}

export const PROFILES: Readonly<Record<Profile, ProfileDefaults>> = {
  development: {
    network: { availabilityZoneCount: 2, natGateways: "single" },
  },
  production: {
    network: { availabilityZoneCount: 3, natGateways: "perAz" },
  },
};
