import { KEY_USE_ACTIONS, type KeyUse } from "../core";

/**
 * Who uses the database key, and only through the service that needs it: RDS (storage, snapshots,
 * Performance Insights, which RDS encrypts; it creates grants for the instance) and Secrets Manager
 * (the master user secret RDS keeps there). Both call KMS on the caller's behalf, so the account's
 * principals get the key's cryptographic actions only through them, each for this account
 * (`kms:CallerAccount`). A reader of the master secret still needs `kms:Decrypt` in its own IAM policy.
 */
export const DATABASE_KEY_USES: readonly KeyUse[] = [
  { kind: "via-service", sid: "RdsUsesKey", service: "rds", actions: [...KEY_USE_ACTIONS] },
  {
    kind: "via-service",
    sid: "SecretsManagerUsesKeyForMasterSecret",
    service: "secretsmanager",
    actions: [...KEY_USE_ACTIONS],
  },
];
