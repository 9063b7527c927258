import { show, type IssueCollector } from "./errors";

/** KMS waits 7 to 30 days before it deletes a key scheduled for deletion. */
export const MIN_KMS_DELETION_WINDOW_DAYS = 7;
export const MAX_KMS_DELETION_WINDOW_DAYS = 30;

/** Checks a KMS key's deletion window (days), which KMS only accepts as a whole number from 7 to 30. */
export function checkKmsDeletionWindow(issues: IssueCollector, path: string, days: number | undefined): void {
  if (days === undefined) return;
  issues.check(
    Number.isInteger(days) && days >= MIN_KMS_DELETION_WINDOW_DAYS && days <= MAX_KMS_DELETION_WINDOW_DAYS,
    path,
    `${show(days)} is not allowed; KMS waits ${MIN_KMS_DELETION_WINDOW_DAYS} to ${MAX_KMS_DELETION_WINDOW_DAYS} days (a whole number) before deleting a key`,
  );
}
