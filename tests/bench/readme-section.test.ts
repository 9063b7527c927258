import { describe, expect, it } from "vitest";
import { replaceSection, SECTION_END, SECTION_START } from "../../bench/readme-section";

describe("replaceSection", () => {
  const readme = `# Title\n\n## Benchmark\n\nintro\n\n${SECTION_START}\nold table\n${SECTION_END}\n\n## After\n`;

  it("replaces only what lies between the markers, keeping them", () => {
    const updated = replaceSection(readme, "| new | table |\n");
    expect(updated).toBe(
      `# Title\n\n## Benchmark\n\nintro\n\n${SECTION_START}\n\n| new | table |\n\n${SECTION_END}\n\n## After\n`,
    );
  });

  it("gives the same document when run twice", () => {
    const once = replaceSection(readme, "content");
    expect(replaceSection(once, "content")).toBe(once);
  });

  it("fails without both markers in order", () => {
    expect(() => replaceSection("# Title\n", "x")).toThrow(`the README needs ${SECTION_START}`);
    expect(() => replaceSection(`${SECTION_END}\n${SECTION_START}\n`, "x")).toThrow("the README needs");
  });

  it("fails when the markers appear twice", () => {
    expect(() => replaceSection(`${readme}\n${SECTION_START}\n${SECTION_END}\n`, "x")).toThrow(
      "more than once",
    );
  });
});
