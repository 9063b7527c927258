import type * as pulumi from "@pulumi/pulumi";

/**
 * The `aws.rds.Instance` inputs whose change makes the provider create a new instance instead of
 * modifying the running one (ForceNew in the provider schema). Of these the component sets only
 * those in `InstanceIdentity`; the others stay unset.
 */
export const INSTANCE_REPLACING_INPUTS = [
  "identifier",
  "identifierPrefix",
  "engine",
  "kmsKeyId",
  "storageEncrypted",
  "username",
  "dbName",
  "availabilityZone",
  "characterSetName",
  "ncharCharacterSetName",
  "snapshotIdentifier",
  "restoreToPointInTime",
  "timezone",
  "customIamInstanceProfile",
] as const;

/** The replacing inputs the component sets on the instance. */
export interface InstanceIdentity {
  readonly engine: string;
  readonly storageEncrypted: boolean;
  readonly kmsKeyId: pulumi.Input<string>;
  readonly username: string;
  readonly dbName?: string;
  readonly identifier?: string;
}

/**
 * Keepers of the final snapshot suffix: the suffix (and so the final snapshot's name) changes exactly
 * when the instance is replaced, so a new instance's final snapshot never collides with the one its
 * predecessor left.
 */
export function finalSnapshotKeepers(identity: InstanceIdentity): Record<string, pulumi.Input<string>> {
  const keepers: Record<string, pulumi.Input<string>> = {
    engine: identity.engine,
    storageEncrypted: String(identity.storageEncrypted),
    kmsKeyId: identity.kmsKeyId,
    username: identity.username,
  };
  if (identity.dbName !== undefined) keepers.dbName = identity.dbName;
  if (identity.identifier !== undefined) keepers.identifier = identity.identifier;
  return keepers;
}
