import { FakeCloudError } from "../errors";
/**
 * The regions the fake AWS can answer for, with their availability zones and zone ids as AWS
 * lists them. A region missing here is an error, not a guess.
 */
export interface FakeRegion {
  readonly name: string;
  readonly description: string;
  readonly zones: readonly { readonly name: string; readonly zoneId: string }[];
}

function region(name: string, description: string, zoneIdPrefix: string, letters: string): FakeRegion {
  return {
    name,
    description,
    zones: [...letters].map((letter, i) => ({
      name: `${name}${letter}`,
      zoneId: `${zoneIdPrefix}-az${i + 1}`,
    })),
  };
}

export const FAKE_REGIONS: Readonly<Record<string, FakeRegion>> = Object.fromEntries(
  [
    region("us-east-1", "US East (N. Virginia)", "use1", "abcdef"),
    region("us-east-2", "US East (Ohio)", "use2", "abc"),
    region("us-west-2", "US West (Oregon)", "usw2", "abcd"),
    region("eu-west-1", "Europe (Ireland)", "euw1", "abc"),
    region("eu-west-2", "Europe (London)", "euw2", "abc"),
    region("eu-central-1", "Europe (Frankfurt)", "euc1", "abc"),
    region("eu-north-1", "Europe (Stockholm)", "eun1", "abc"),
    region("ap-southeast-2", "Asia Pacific (Sydney)", "apse2", "abc"),
    region("ap-northeast-1", "Asia Pacific (Tokyo)", "apne1", "acd"),
  ].map((r) => [r.name, r]),
);

export function fakeRegion(name: string): FakeRegion {
  const found = FAKE_REGIONS[name];
  if (!found) {
    throw new FakeCloudError(
      `the fake AWS does not know region "${name}"; known regions: ${Object.keys(FAKE_REGIONS).join(", ")}`,
    );
  }
  return found;
}
