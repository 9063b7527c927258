export { InfraValidationError, IssueCollector, show } from "./errors";
export type { ValidationIssue } from "./errors";
export { componentTags, named } from "./tags";
export type { Tags } from "./tags";
