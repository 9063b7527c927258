import { arn, type FakeAccount } from "./context";
import { renderPolicyDocument } from "./policy-document";
import { fakeRegion } from "./regions";

type Inputs = Record<string, any>;
export type InvokeHandler = (inputs: Inputs, account: FakeAccount) => Record<string, unknown>;

function regionFor(inputs: Inputs, account: FakeAccount) {
  return typeof inputs.region === "string" ? fakeRegion(inputs.region) : account.region;
}

/** Provider functions the fake AWS answers, by token. Anything else fails, naming the token. */
export const AWS_INVOKES: Readonly<Record<string, InvokeHandler>> = {
  "aws:index/getAvailabilityZones:getAvailabilityZones": (inputs, account) => {
    const region = regionFor(inputs, account);
    const excludedNames = new Set((inputs.excludeNames as string[] | undefined) ?? []);
    const excludedIds = new Set((inputs.excludeZoneIds as string[] | undefined) ?? []);
    const zones = region.zones.filter((z) => !excludedNames.has(z.name) && !excludedIds.has(z.zoneId));
    return {
      id: region.name,
      region: region.name,
      names: zones.map((z) => z.name),
      zoneIds: zones.map((z) => z.zoneId),
      groupNames: zones.map(() => region.name),
      state: inputs.state ?? "available",
    };
  },
  "aws:index/getCallerIdentity:getCallerIdentity": (_inputs, account) => ({
    id: account.accountId,
    accountId: account.accountId,
    arn: arn(account, "sts", "assumed-role/platform-deployer/ci", "global"),
    userId: "AROAFAKEROLEID00000000:ci",
  }),
  "aws:index/getRegion:getRegion": (inputs, account) => {
    const region = regionFor(inputs, account);
    return {
      id: region.name,
      name: region.name,
      region: region.name,
      description: region.description,
      endpoint: `ec2.${region.name}.${account.dnsSuffix}`,
    };
  },
  "aws:index/getPartition:getPartition": (_inputs, account) => ({
    id: account.partition,
    partition: account.partition,
    dnsSuffix: account.dnsSuffix,
    reverseDnsPrefix: account.dnsSuffix.split(".").reverse().join("."),
  }),
  "aws:iam/getPolicyDocument:getPolicyDocument": (inputs) => {
    const rendered = renderPolicyDocument(inputs);
    return { ...inputs, id: String(rendered.minifiedJson.length), ...rendered };
  },
};
