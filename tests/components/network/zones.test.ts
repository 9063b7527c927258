import { describe, expect, it } from "vitest";
import { selectAvailabilityZones, zoneKey } from "../../../components/network/zones";

const EU_WEST_1 = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

describe("selectAvailabilityZones", () => {
  it("takes the first zones in the region's order, so raising the count appends", () => {
    expect(selectAvailabilityZones({ regionZones: EU_WEST_1, count: 2 })).toEqual({
      zones: ["eu-west-1a", "eu-west-1b"],
      issues: [],
    });
    expect(selectAvailabilityZones({ regionZones: EU_WEST_1, count: 3, forCluster: true }).zones).toEqual(
      EU_WEST_1,
    );
    expect(selectAvailabilityZones({ regionZones: EU_WEST_1, count: 1 }).zones).toEqual(["eu-west-1a"]);
  });

  it("refuses more zones than the region has", () => {
    const selection = selectAvailabilityZones({ regionZones: EU_WEST_1, count: 4 });
    expect(selection.zones).toEqual([]);
    expect(selection.issues).toEqual([
      {
        path: "availabilityZoneCount",
        message:
          "4 zones requested but the region has only 3 available (eu-west-1a, eu-west-1b, eu-west-1c); lower availabilityZoneCount to 3 or less",
      },
    ]);
  });

  it("refuses fewer than two zones when a cluster will use the network", () => {
    const selection = selectAvailabilityZones({ regionZones: EU_WEST_1, count: 1, forCluster: true });
    expect(selection.zones).toEqual([]);
    expect(selection.issues).toHaveLength(1);
    expect(selection.issues[0]!.path).toBe("availabilityZoneCount");
    expect(selection.issues[0]!.message).toContain("needs subnets in at least 2 zones");
  });

  it.each([0, -1, 2.5, Number.NaN])("refuses a count of %s", (count) => {
    const selection = selectAvailabilityZones({ regionZones: EU_WEST_1, count });
    expect(selection.issues.map((i) => i.path)).toEqual(["availabilityZoneCount"]);
    expect(selection.issues[0]!.message).toContain("expected a whole number of zones, 1 or more");
  });

  it("reports both problems when a one-zone region must carry a cluster", () => {
    const selection = selectAvailabilityZones({ regionZones: [], count: 1, forCluster: true });
    expect(selection.issues.map((i) => i.message)).toEqual([
      "1 zone requested but the region has only 0 available (none); lower availabilityZoneCount to 0 or less",
      expect.stringContaining("needs subnets in at least 2 zones"),
    ]);
  });
});

describe("zoneKey", () => {
  it("names standard zones by their letter and other zones in full", () => {
    expect(zoneKey("eu-west-1a")).toBe("a");
    expect(zoneKey("us-gov-west-1b")).toBe("b");
    expect(zoneKey("ap-southeast-2c")).toBe("c");
    expect(zoneKey("us-west-2-lax-1a")).toBe("us-west-2-lax-1a");
    expect(zoneKey("us-east-1-wl1-bos-wlz-1")).toBe("us-east-1-wl1-bos-wlz-1");
  });
});
