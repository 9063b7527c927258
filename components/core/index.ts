export { InfraValidationError, IssueCollector, show } from "./errors";
export type { ValidationIssue } from "./errors";
export { PROFILES } from "./profile";
export type { Profile, ProfileDefaults } from "./profile";
export { componentTags, named } from "./tags";
export type { Tags } from "./tags";
export { irsaTrustPolicy } from "./irsa";
export type { ServiceAccountIdentity } from "./irsa";
export {
  CLOUDWATCH_LOG_RETENTION_DAYS,
  isCloudWatchLogRetention,
  logRetentionProblem,
  nearestCloudWatchLogRetention,
  PLATFORM_LOG_RETENTION_DAYS,
} from "./log-groups";
export type { CloudWatchLogRetentionDays } from "./log-groups";
export { roleNameOf, serviceTrustPolicy } from "./iam";
export type { ServiceTrust } from "./iam";
export { MAX_KMS_DELETION_WINDOW_DAYS, MIN_KMS_DELETION_WINDOW_DAYS } from "./kms";
export {
  accountRootArn,
  deletionDenyExemptions,
  KEY_ADMINISTRATION_ACTIONS,
  KEY_DESTRUCTION_ACTIONS,
  KEY_USE_ACTIONS,
  keyPolicy,
  keyPolicyJson,
  keyPolicyProblems,
  viaServiceName,
} from "./key-policy";
export type { KeyAccess, KeyPolicyDocument, KeyPolicyScope, KeyPolicyStatement, KeyUse } from "./key-policy";
export {
  byProfile,
  componentType,
  configField,
  configObjectField,
  requiredConfigField,
  PACKAGE_NAME,
  withLegacyType,
  defaultOf,
  DEFERRED,
  defineArgs,
  eachItem,
  input,
  isDeferred,
  isInputSchema,
  isKnown,
  profileField,
  runRules,
} from "./definition";
export type {
  ArgsDefinition,
  ArgsOf,
  Check,
  Item,
  ItemRules,
  ResolvedArgsOf,
  Rule,
  RuleTable,
} from "./definition";
export {
  kmsDeletionWindowDays,
  kmsKeyAccess,
  kmsKeyArn,
  logRetentionDays,
  matching,
  resolveKeyAccess,
  tagsField,
  uniqueBy,
  wholeNumber,
} from "./fields";
export {
  allowedKeysAt,
  argPath,
  describeValue,
  flattenIssues,
  shapeIssues,
  shapeMessage,
} from "./shape-issues";
export {
  ALERT_SEVERITIES,
  DEFAULT_RUNBOOK_BASE_URL,
  isHttpsUrl,
  runbookBaseUrlField,
  runbookUrl,
} from "./alerting";
export type { AlertSeverity } from "./alerting";
export {
  CURRENT_RDS_CA_IDENTIFIERS,
  DEFAULT_RDS_CA_IDENTIFIER,
  MIN_PRODUCTION_BACKUP_RETENTION_DAYS,
  MIN_PRODUCTION_LOG_RETENTION_DAYS,
  MIN_PRODUCTION_REPLICAS,
} from "./guarantees";
