import { describe, expect, it } from "vitest";
import {
  POSTGRES_MAJOR_VERSIONS,
  isOfferedEngineVersion,
  parameterGroupFamily,
  parseEngineVersion,
} from "../../../components/database";

describe("PostgreSQL versions RDS offers", () => {
  it("parses a major or a major.minor, and nothing else", () => {
    expect(parseEngineVersion("17")).toEqual({ major: 17 });
    expect(parseEngineVersion("16.9")).toEqual({ major: 16, minor: 9 });
    for (const bad of ["", "17.", "17.6.1", "v17", " 17", "17.x", "seventeen"]) {
      expect(parseEngineVersion(bad)).toBeUndefined();
    }
  });

  it("maps each major to its own parameter group family", () => {
    expect(parameterGroupFamily(16)).toBe("postgres16");
    expect(parameterGroupFamily(17)).toBe("postgres17");
    for (const version of POSTGRES_MAJOR_VERSIONS) {
      expect(version.family).toBe(`postgres${version.major}`);
    }
    expect(() => parameterGroupFamily(12)).toThrow("PostgreSQL 12 is not in POSTGRES_MAJOR_VERSIONS");
  });

  it("lists only majors under RDS standard support, in order, without duplicates", () => {
    const majors = POSTGRES_MAJOR_VERSIONS.map((v) => v.major);
    expect(majors).toEqual([14, 15, 16, 17, 18]);
    expect(new Set(majors).size).toBe(majors.length);
  });

  it("offers a known major, and its minors from the oldest RDS still offers", () => {
    expect(isOfferedEngineVersion({ major: 17 })).toBe(true);
    expect(isOfferedEngineVersion({ major: 17, minor: 5 })).toBe(true);
    expect(isOfferedEngineVersion({ major: 17, minor: 9 })).toBe(true);
    expect(isOfferedEngineVersion({ major: 17, minor: 4 })).toBe(false);
    expect(isOfferedEngineVersion({ major: 13 })).toBe(false);
    expect(isOfferedEngineVersion({ major: 19 })).toBe(false);
  });
});
