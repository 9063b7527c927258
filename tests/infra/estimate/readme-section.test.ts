import { describe, expect, it } from "vitest";
import { ESTIMATE_END, ESTIMATE_START, withEstimateSection } from "../../../infra/estimate/readme-section";

describe("withEstimateSection", () => {
  const readme = `# T\n\n${ESTIMATE_START}\nold\n${ESTIMATE_END}\n\n## Next\n`;

  it("replaces only what lies between the markers, and is stable when run twice", () => {
    const once = withEstimateSection(readme, "| new |");
    expect(once).toBe(`# T\n\n${ESTIMATE_START}\n\n| new |\n\n${ESTIMATE_END}\n\n## Next\n`);
    expect(withEstimateSection(once, "| new |")).toBe(once);
  });

  it("fails without both markers in order, or with them twice", () => {
    expect(() => withEstimateSection("# T\n", "x")).toThrow(`README.md needs ${ESTIMATE_START}`);
    expect(() => withEstimateSection(`${ESTIMATE_END}\n${ESTIMATE_START}\n`, "x")).toThrow("needs");
    expect(() => withEstimateSection(`${readme}${readme}`, "x")).toThrow("more than once");
  });
});
