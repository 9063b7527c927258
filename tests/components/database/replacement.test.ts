import { describe, expect, it } from "vitest";
import { INSTANCE_REPLACING_INPUTS } from "../../../components/database";
import { finalSnapshotKeepers } from "../../../components/database/replacement";

describe("final snapshot keepers", () => {
  const identity = {
    engine: "postgres",
    storageEncrypted: true,
    kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/k",
    username: "postgres",
  };

  it("keeps exactly the replacing inputs the component sets, as strings", () => {
    expect(finalSnapshotKeepers(identity)).toEqual({
      engine: "postgres",
      storageEncrypted: "true",
      kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/k",
      username: "postgres",
    });
    const withAll = finalSnapshotKeepers({ ...identity, dbName: "orders", identifier: "orders-db" });
    expect(withAll).toMatchObject({ dbName: "orders", identifier: "orders-db" });
    for (const key of Object.keys(withAll)) {
      expect(INSTANCE_REPLACING_INPUTS as readonly string[]).toContain(key);
    }
  });

  it("changes when a replacing input changes", () => {
    expect(finalSnapshotKeepers({ ...identity, kmsKeyId: "other" })).not.toEqual(
      finalSnapshotKeepers(identity),
    );
    expect(finalSnapshotKeepers({ ...identity, username: "admin_user" })).not.toEqual(
      finalSnapshotKeepers(identity),
    );
  });
});
