/** KMS waits 7 to 30 days before it deletes a key scheduled for deletion. */
export const MIN_KMS_DELETION_WINDOW_DAYS = 7;
export const MAX_KMS_DELETION_WINDOW_DAYS = 30;
