import { describe, expect, it } from "vitest";
import { planNatGateways } from "../../../components/network/nat-plan";

const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

describe("planNatGateways", () => {
  it("perAz: a gateway in every zone, each zone routing through its own", () => {
    expect(planNatGateways("perAz", ZONES)).toEqual({
      natZones: ZONES,
      routeVia: { "eu-west-1a": "eu-west-1a", "eu-west-1b": "eu-west-1b", "eu-west-1c": "eu-west-1c" },
    });
  });

  it("single: one gateway in the first zone that every zone routes through", () => {
    expect(planNatGateways("single", ZONES)).toEqual({
      natZones: ["eu-west-1a"],
      routeVia: { "eu-west-1a": "eu-west-1a", "eu-west-1b": "eu-west-1a", "eu-west-1c": "eu-west-1a" },
    });
  });

  it("none, or no zones: no gateways and no routes", () => {
    expect(planNatGateways("none", ZONES)).toEqual({ natZones: [], routeVia: {} });
    expect(planNatGateways("perAz", [])).toEqual({ natZones: [], routeVia: {} });
  });

  it("keeps the single gateway's zone when switching to perAz", () => {
    expect(planNatGateways("perAz", ZONES).natZones).toContain(planNatGateways("single", ZONES).natZones[0]);
  });
});
