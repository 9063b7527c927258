import type { Profile } from "./types";

/**
 * The stack tag a real preview reads the profile from (`pulumi stack tag set infra:profile
 * development`). Without it a stack is held to production's rules: strict unless told otherwise.
 */
export const PROFILE_STACK_TAG = "infra:profile";

export function profileFromStackTags(tags: ReadonlyMap<string, string>): Profile {
  return tags.get(PROFILE_STACK_TAG) === "development" ? "development" : "production";
}
