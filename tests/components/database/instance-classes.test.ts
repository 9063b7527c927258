import { describe, expect, it } from "vitest";
import {
  INSTANCE_CLASS_MEMORY_GIB,
  instanceClassMemoryGib,
  isRdsInstanceClassFormat,
} from "../../../components/database";

describe("RDS instance classes", () => {
  it("accepts the db.<family>.<size> shape and rejects the rest", () => {
    for (const good of [
      "db.t4g.micro",
      "db.m7g.large",
      "db.r6i.32xlarge",
      "db.x2iedn.metal",
      "db.m5d.xlarge",
    ]) {
      expect(isRdsInstanceClassFormat(good), good).toBe(true);
    }
    for (const bad of ["t4g.micro", "db.x9.huge", "db.m7g", "m7g.large", "db.M7G.LARGE", "db..large", ""]) {
      expect(isRdsInstanceClassFormat(bad), bad).toBe(false);
    }
  });

  it("knows the memory of burstable, general purpose and memory optimized classes, in GiB", () => {
    expect(instanceClassMemoryGib("db.t4g.micro")).toBe(1);
    expect(instanceClassMemoryGib("db.t3.medium")).toBe(4);
    expect(instanceClassMemoryGib("db.t4g.2xlarge")).toBe(32);
    expect(instanceClassMemoryGib("db.m7g.large")).toBe(8);
    expect(instanceClassMemoryGib("db.m6i.32xlarge")).toBe(512);
    expect(instanceClassMemoryGib("db.r7g.large")).toBe(16);
    expect(instanceClassMemoryGib("db.r8g.48xlarge")).toBe(1536);
    expect(instanceClassMemoryGib("db.x2g.large")).toBe(32);
  });

  it("does not invent sizes a family does not have", () => {
    expect(instanceClassMemoryGib("db.m6g.24xlarge")).toBeUndefined();
    expect(instanceClassMemoryGib("db.t4g.4xlarge")).toBeUndefined();
    expect(instanceClassMemoryGib("db.z1d.large")).toBeUndefined();
  });

  it("lists only well-formed classes with positive memory", () => {
    const entries = Object.entries(INSTANCE_CLASS_MEMORY_GIB);
    expect(entries.length).toBeGreaterThan(100);
    for (const [instanceClass, gib] of entries) {
      expect(isRdsInstanceClassFormat(instanceClass), instanceClass).toBe(true);
      expect(gib).toBeGreaterThan(0);
    }
  });
});
