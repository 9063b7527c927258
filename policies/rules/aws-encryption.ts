import { resourceRule, when } from "./define";
import { isSet, isTrue, list, record, strings, text, TYPES } from "./values";

/** Storage at rest is encrypted, with a key the stack controls where AWS lets it choose. */

export const rdsStorageEncrypted = resourceRule({
  name: "rds-storage-encrypted",
  description: "RDS instances and clusters encrypt their storage with a customer KMS key",
  fix: "set storageEncrypted: true and kmsKeyId (the Postgres component does both)",
  types: [TYPES.rdsInstance, TYPES.rdsCluster],
  check: ({ inputs }) =>
    when(
      !isTrue(inputs.storageEncrypted) || !isSet(inputs.kmsKeyId),
      `storage is not encrypted with a customer KMS key (storageEncrypted ${text(inputs.storageEncrypted)}, kmsKeyId ${text(inputs.kmsKeyId)})`,
    ),
});

export const ebsEncrypted = resourceRule({
  name: "ebs-encrypted",
  description: "EBS volumes, and the volumes launch templates and instances attach, are encrypted",
  fix: "set encrypted: true on the volume or on each block device mapping's ebs",
  types: [TYPES.ebsVolume, TYPES.launchTemplate, TYPES.instance],
  check: ({ type, inputs }) => {
    if (type === TYPES.ebsVolume) return when(!isTrue(inputs.encrypted), "volume is not encrypted");
    const devices =
      type === TYPES.instance
        ? [
            { device: "root", ebs: record(inputs.rootBlockDevice) },
            ...list(inputs.ebsBlockDevices).map((d) => ({
              device: String(record(d).deviceName),
              ebs: record(d),
            })),
          ]
        : list(inputs.blockDeviceMappings).map((m) => ({
            device: String(record(m).deviceName),
            ebs: record(record(m).ebs),
          }));
    return devices
      .filter(({ ebs }) => Object.keys(ebs).length > 0 && !isTrue(ebs.encrypted))
      .map(({ device }) => `block device ${device} is not encrypted`);
  },
});

export const snsTopicEncrypted = resourceRule({
  name: "sns-topic-encrypted",
  description: "SNS topics are encrypted with a KMS key",
  fix: "set kmsMasterKeyId (a customer key whose policy lets the publishers use it)",
  types: [TYPES.snsTopic],
  check: ({ inputs }) => when(!isSet(inputs.kmsMasterKeyId), "topic is not KMS-encrypted"),
});

export const sqsQueueEncrypted = resourceRule({
  name: "sqs-queue-encrypted",
  description: "SQS queues are encrypted at rest",
  fix: "set kmsMasterKeyId, or sqsManagedSseEnabled: true",
  types: [TYPES.sqsQueue],
  check: ({ inputs }) =>
    when(
      !isSet(inputs.kmsMasterKeyId) && inputs.sqsManagedSseEnabled !== true,
      "queue is not encrypted (no kmsMasterKeyId, sqsManagedSseEnabled not true)",
    ),
});

export const logGroupEncrypted = resourceRule({
  name: "log-group-encrypted",
  description: "CloudWatch log groups are encrypted with a customer KMS key",
  fix: "set kmsKeyId to the stack's logs key (LogsKey)",
  types: [TYPES.logGroup],
  check: ({ inputs }) => when(!isSet(inputs.kmsKeyId), "log group is not encrypted with a KMS key"),
});

export const kmsKeyRotation = resourceRule({
  name: "kms-key-rotation",
  description: "Symmetric customer KMS keys rotate their key material every year",
  fix: "set enableKeyRotation: true",
  types: [TYPES.kmsKey],
  check: ({ inputs }) => {
    // AWS rotates only symmetric encryption keys; asymmetric and HMAC keys cannot rotate.
    const spec = inputs.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
    return when(spec === "SYMMETRIC_DEFAULT" && inputs.enableKeyRotation !== true, "key rotation is off");
  },
});

export const eksSecretsEncrypted = resourceRule({
  name: "eks-secrets-encrypted",
  description: "EKS clusters envelope-encrypt Kubernetes secrets with a customer KMS key",
  fix: 'set encryptionConfig: { resources: ["secrets"], provider: { keyArn } }',
  types: [TYPES.eksCluster],
  check: ({ inputs }) => {
    const config = record(inputs.encryptionConfig);
    return when(
      !strings(config.resources).includes("secrets") || !isSet(record(config.provider).keyArn),
      "Kubernetes secrets are not envelope-encrypted with a KMS key",
    );
  },
});

export const ENCRYPTION_RULES = [
  rdsStorageEncrypted,
  ebsEncrypted,
  snsTopicEncrypted,
  sqsQueueEncrypted,
  logGroupEncrypted,
  kmsKeyRotation,
  eksSecretsEncrypted,
];
