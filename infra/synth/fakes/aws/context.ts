import type { FakeRegion } from "./regions";

/** The account the fake AWS pretends to be: what every ARN and identity answer is built from. */
export interface FakeAccount {
  readonly accountId: string;
  readonly partition: string;
  readonly dnsSuffix: string;
  readonly region: FakeRegion;
}

export function arn(
  account: FakeAccount,
  service: string,
  resource: string,
  scope: "regional" | "global" = "regional",
): string {
  const region = scope === "global" ? "" : account.region.name;
  const accountId = service === "s3" ? "" : account.accountId;
  return `arn:${account.partition}:${service}:${region}:${accountId}:${resource}`;
}
