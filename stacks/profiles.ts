/**
 * What each profile chooses when the stack's config is silent. Every default lives here, once;
 * `Pulumi.<stack>.yaml` only overrides.
 */
import { PROFILES as PROFILE_NAMES, type Profile } from "../components/core";

export { PROFILE_NAMES };
export type { Profile };

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
