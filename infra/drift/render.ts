import type { DriftReport } from "./model";
import { renderMarkdown } from "./render-markdown";
import { renderText } from "./render-text";

export const REPORT_FORMATS = ["text", "markdown", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderReport(report: DriftReport, format: ReportFormat): string {
  switch (format) {
    case "text":
      return renderText(report);
    case "markdown":
      return renderMarkdown(report);
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}

/** The format a report file gets from its extension: `.json`, `.md`/`.markdown`, `.txt`/`.log`. */
export function formatForFile(file: string, fallback: ReportFormat): ReportFormat {
  const ext = file.toLowerCase().split(".").pop();
  if (ext === "json") return "json";
  if (ext === "md" || ext === "markdown") return "markdown";
  if (ext === "txt" || ext === "log") return "text";
  return fallback;
}
