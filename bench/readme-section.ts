export const SECTION_START = "<!-- bench:start -->";
export const SECTION_END = "<!-- bench:end -->";

/** `document` with what lies between the benchmark markers replaced by `content`. */
export function replaceSection(document: string, content: string): string {
  const start = document.indexOf(SECTION_START);
  const end = document.indexOf(SECTION_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`the README needs ${SECTION_START} followed by ${SECTION_END}`);
  }
  if (document.indexOf(SECTION_START, start + 1) !== -1 || document.indexOf(SECTION_END, end + 1) !== -1) {
    throw new Error("the README holds the benchmark markers more than once");
  }
  const before = document.slice(0, start + SECTION_START.length);
  return `${before}\n\n${content.trim()}\n\n${document.slice(end)}`;
}
