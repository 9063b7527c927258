import { beforeAll, describe, expect, it } from "vitest";
import type { SynthResource } from "../../infra/synth/model";
import { evaluatePolicies } from "../../policies/evaluate";
import { RULES } from "../../policies/rules";
import { monitoringNetworkPolicies, namespacePodSecurity } from "../../policies/rules/kubernetes";
import type { PolicyResource, Rule } from "../../policies/types";
import { synthesizeStack } from "../support/stack-synth";

/**
 * Every rule of the pack against a compliant and a violating input. Compliant inputs come from the
 * real components (the synthesized prod stack); violating ones from the dev stack where a component
 * produces them (production rules), otherwise from a component's resource changed the way the
 * component makes impossible, or a raw resource of a type the platform does not create.
 */

let prod: SynthResource[];
let dev: SynthResource[];

beforeAll(async () => {
  prod = (await synthesizeStack("prod")).resources;
  dev = (await synthesizeStack("dev")).resources;
});

type Inputs = Record<string, any>;

const clone = <T>(value: T): T => structuredClone(value);

function find(resources: readonly SynthResource[], type: string, name?: string): SynthResource {
  const found = resources.find((r) => r.type === type && (name === undefined || r.name === name));
  if (!found) throw new Error(`no ${type} ${name ?? ""}`);
  return found;
}

/** A copy of the stack's resource of `type` named `name`, changed by `change`. */
function changedNamed(
  resources: readonly SynthResource[],
  type: string,
  name: string,
  change: (inputs: Inputs) => void,
): SynthResource {
  const copy = clone(find(resources, type, name));
  change(copy.inputs);
  return copy;
}

/** A copy of one of a stack's resources, changed by `change`. */
function changed(
  resources: readonly SynthResource[],
  type: string,
  change: (inputs: Inputs) => void,
): SynthResource {
  const copy = clone(find(resources, type));
  change(copy.inputs);
  return copy;
}

function raw(type: string, inputs: Inputs): PolicyResource {
  return { urn: `urn:pulumi:test::test::${type}::raw`, type, name: "raw", inputs, options: {} };
}

const T = {
  db: "aws:rds/instance:Instance",
  eks: "aws:eks/cluster:Cluster",
  lt: "aws:ec2/launchTemplate:LaunchTemplate",
  topic: "aws:sns/topic:Topic",
  logs: "aws:cloudwatch/logGroup:LogGroup",
  key: "aws:kms/key:Key",
  subnet: "aws:ec2/subnet:Subnet",
  vpc: "aws:ec2/vpc:Vpc",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  deployment: "kubernetes:apps/v1:Deployment",
  hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
  pdb: "kubernetes:policy/v1:PodDisruptionBudget",
  netpol: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  release: "kubernetes:helm.sh/v3:Release",
  namespace: "kubernetes:core/v1:Namespace",
};

const ROOT_ALL = {
  Sid: "Enable IAM User Permissions",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::777788889999:root" },
  Action: "kms:*",
  Resource: "*",
};
const viaSecretsManagerDecrypt = {
  Sid: "ReadersDecryptThroughSecretsManager",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::777788889999:root" },
  Action: "kms:Decrypt",
  Resource: "*",
  Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-central-1.amazonaws.com" } },
};

/** A key policy (JSON) with one more statement. */
function withStatement(policy: string, statement: object): string {
  const document = JSON.parse(policy) as { Statement: object[] };
  return JSON.stringify({ ...document, Statement: [...document.Statement, statement] });
}

/** The prod stack's Deployment with its pod spec and first container changed. */
const pod = (change: (spec: Inputs, container: Inputs) => void) =>
  changed(prod, T.deployment, (i) => change(i.spec.template.spec, i.spec.template.spec.containers[0]));

/** The prod stack with `change` applied to a copy of it. */
const prodWith = (change: (resources: SynthResource[]) => SynthResource[]) => change(clone(prod));

interface Case {
  /** Resources a rule passes: the whole prod stack for stack rules, one resource otherwise. */
  readonly compliant: () => readonly PolicyResource[];
  readonly violating: () => readonly PolicyResource[];
  /** Part of the message every violation carries. */
  readonly message: string;
}

const one = (resource: () => PolicyResource) => () => [resource()];

const CASES: Record<string, Case> = {
  "rds-storage-encrypted": {
    compliant: one(() => find(prod, T.db)),
    violating: one(() => changed(prod, T.db, (i) => (i.storageEncrypted = false))),
    message: "storage is not encrypted with a customer KMS key (storageEncrypted false",
  },
  "ebs-encrypted": {
    compliant: one(() => find(prod, T.lt)),
    violating: () => [
      changed(prod, T.lt, (i) => (i.blockDeviceMappings[0].ebs.encrypted = "false")),
      raw("aws:ebs/volume:Volume", { size: 10 }),
    ],
    message: "not encrypted",
  },
  "sns-topic-encrypted": {
    compliant: one(() => find(prod, T.topic)),
    violating: one(() => changed(prod, T.topic, (i) => delete i.kmsMasterKeyId)),
    message: "topic is not KMS-encrypted",
  },
  "sqs-queue-encrypted": {
    compliant: () => [
      raw("aws:sqs/queue:Queue", { sqsManagedSseEnabled: true }),
      raw("aws:sqs/queue:Queue", { kmsMasterKeyId: "alias/queues" }),
    ],
    violating: one(() => raw("aws:sqs/queue:Queue", { sqsManagedSseEnabled: false })),
    message: "queue is not encrypted",
  },
  "log-group-encrypted": {
    compliant: () => prod.filter((r) => r.type === T.logs),
    violating: one(() => changed(prod, T.logs, (i) => delete i.kmsKeyId)),
    message: "log group is not encrypted with a KMS key",
  },
  "kms-key-rotation": {
    // An asymmetric key cannot rotate, so the rule leaves it alone.
    compliant: () => [
      ...prod.filter((r) => r.type === T.key),
      raw(T.key, { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }),
    ],
    violating: one(() => changed(prod, T.key, (i) => (i.enableKeyRotation = false))),
    message: "key rotation is off",
  },
  "kms-key-policy-separates-duties": {
    compliant: () => [
      ...prod.filter((r) => r.type === T.key),
      ...dev.filter((r) => r.type === T.key),
      // Near miss: kms:Decrypt for the account, but only through Secrets Manager.
      changedNamed(
        prod,
        T.key,
        "prod-db-key",
        (i) => (i.policy = withStatement(i.policy, viaSecretsManagerDecrypt)),
      ),
    ],
    violating: () => [
      changed(prod, T.key, (i) => delete i.policy),
      // KMS's default policy: the whole account may do everything.
      changed(
        prod,
        T.key,
        (i) => (i.policy = JSON.stringify({ Version: "2012-10-17", Statement: [ROOT_ALL] })),
      ),
    ],
    message: "kms:*",
  },
  "kms-key-deletion-restricted": {
    compliant: () => prod.filter((r) => r.type === T.key),
    violating: () => dev.filter((r) => r.type === T.key),
    message: "no statement denies kms:ScheduleKeyDeletion and kms:DisableKey to every principal",
  },
  "kms-key-protected": {
    compliant: () => prod.filter((r) => r.type === T.key),
    violating: () => dev.filter((r) => r.type === T.key),
    message: "not protected in Pulumi",
  },
  "eks-secrets-encrypted": {
    compliant: one(() => find(prod, T.eks)),
    violating: one(() => changed(prod, T.eks, (i) => delete i.encryptionConfig)),
    message: "Kubernetes secrets are not envelope-encrypted",
  },
  "no-public-admin-ingress": {
    compliant: () => [
      ...prod.filter((r) => r.type === T.ingress || r.type === T.sg),
      raw(T.sg, { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] }] }),
      raw(T.sg, { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] }),
    ],
    violating: one(() =>
      raw(T.sg, { ingress: [{ protocol: "tcp", fromPort: 5000, toPort: 6000, ipv6CidrBlocks: ["::/0"] }] }),
    ),
    message: "opens port 5432 to ::/0",
  },
  "no-internet-ingress": {
    compliant: () => [
      ...prod.filter((r) => r.type === T.ingress),
      raw(T.ingress, { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
    ],
    violating: one(() => raw(T.ingress, { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" })),
    message: "opens ports 0-65535 to 0.0.0.0/0",
  },
  "rds-not-public": {
    compliant: one(() => find(prod, T.db)),
    violating: one(() => changed(prod, T.db, (i) => (i.publiclyAccessible = true))),
    message: "instance is publicly accessible",
  },
  "eks-endpoint-restricted": {
    compliant: () => [
      find(prod, T.eks),
      changed(prod, T.eks, (i) => {
        i.vpcConfig.endpointPublicAccess = true;
        i.vpcConfig.publicAccessCidrs = ["203.0.113.0/24"];
      }),
    ],
    violating: one(() => changed(prod, T.eks, (i) => (i.vpcConfig.endpointPublicAccess = true))),
    message: "public API endpoint without publicAccessCidrs",
  },
  "subnet-no-auto-public-ip": {
    compliant: () => prod.filter((r) => r.type === T.subnet),
    violating: one(() => changed(prod, T.subnet, (i) => (i.mapPublicIpOnLaunch = true))),
    message: "assigns a public IP",
  },
  "imdsv2-required": {
    compliant: one(() => find(prod, T.lt)),
    violating: one(() => changed(prod, T.lt, (i) => (i.metadataOptions.httpTokens = "optional"))),
    message: "IMDSv1 allowed (metadataOptions.httpTokens optional)",
  },
  "aws-required-tags": {
    compliant: () => prod.filter((r) => r.type.startsWith("aws:")),
    violating: one(() => changed(prod, T.vpc, (i) => delete i.tags.stack)),
    message: "missing tag(s) stack",
  },
  "rds-password-not-in-state": {
    compliant: one(() => find(prod, T.db)),
    violating: one(() => changed(prod, T.db, (i) => (i.password = "[secret]"))),
    message: "the master password is an input",
  },
  "rds-current-ca": {
    compliant: () => [
      find(prod, T.db),
      changed(prod, T.db, (i) => (i.caCertIdentifier = "rds-ca-ecc384-g1")),
    ],
    violating: () => [
      changed(prod, T.db, (i) => delete i.caCertIdentifier),
      changed(prod, T.db, (i) => (i.caCertIdentifier = "rds-ca-2019")),
    ],
    message: "caCertIdentifier is",
  },
  "log-retention-set": {
    compliant: () => dev.filter((r) => r.type === T.logs),
    violating: one(() => changed(prod, T.logs, (i) => delete i.retentionInDays)),
    message: "no retention",
  },
  "log-retention-production": {
    compliant: () => prod.filter((r) => r.type === T.logs),
    violating: one(() => find(dev, T.logs)),
    message: "logs kept 7 days, under 90",
  },
  "rds-multi-az": {
    compliant: one(() => find(prod, T.db)),
    violating: one(() => find(dev, T.db)),
    message: "not multi-AZ",
  },
  "rds-deletion-protection": {
    compliant: one(() => find(prod, T.db)),
    violating: one(() => find(dev, T.db)),
    message: "no deletion protection",
  },
  "rds-protected": {
    compliant: one(() => find(prod, T.db)),
    violating: one(() => find(dev, T.db)),
    message: "not protected in Pulumi",
  },
  "rds-backup-retention": {
    // Exactly the threshold (prod's 14) passes; one day under fails.
    compliant: one(() => find(prod, T.db)),
    violating: () => [find(dev, T.db), changed(prod, T.db, (i) => (i.backupRetentionPeriod = 13))],
    message: "under 14",
  },
  "rds-final-snapshot": {
    compliant: one(() => find(prod, T.db)),
    violating: one(() => find(dev, T.db)),
    message: "deleted without a final snapshot",
  },
  "eks-deletion-protection": {
    compliant: one(() => find(prod, T.eks)),
    violating: one(() => changed(prod, T.eks, (i) => (i.deletionProtection = false))),
    message: "no deletion protection",
  },
  "container-cpu-request": {
    compliant: one(() => find(prod, T.deployment)),
    violating: one(() => pod((_, c) => delete c.resources.requests.cpu)),
    message: "container podinfo: no cpu request",
  },
  "container-memory-request": {
    compliant: one(() => find(prod, T.deployment)),
    violating: one(() => pod((_, c) => delete c.resources.requests.memory)),
    message: "container podinfo: no memory request",
  },
  "container-memory-limit": {
    compliant: one(() => find(prod, T.deployment)),
    violating: one(() => pod((_, c) => delete c.resources.limits.memory)),
    message: "container podinfo: no memory limit",
  },
  "container-ephemeral-storage-request": {
    compliant: one(() => find(dev, T.deployment)),
    violating: one(() => pod((_, c) => delete c.resources.requests["ephemeral-storage"])),
    message: "no ephemeral-storage request",
  },
  "container-ephemeral-storage-limit": {
    compliant: one(() => find(dev, T.deployment)),
    violating: one(() => pod((_, c) => delete c.resources.limits["ephemeral-storage"])),
    message: "no ephemeral-storage limit",
  },
  "image-pinned": {
    compliant: () => [find(prod, T.deployment), find(dev, T.deployment)],
    violating: () => [
      pod((_, c) => (c.image = "ghcr.io/stefanprodan/podinfo:latest")),
      pod((_, c) => (c.image = "ghcr.io/stefanprodan/podinfo")),
    ],
    message: "ghcr.io/stefanprodan/podinfo",
  },
  "image-immutable": {
    // A release tag (dev's 6.9.2) is as good as a digest (prod's); a moving tag is not.
    compliant: () => [find(prod, T.deployment), find(dev, T.deployment)],
    violating: one(() => pod((_, c) => (c.image = "ghcr.io/stefanprodan/podinfo:stable"))),
    message: "image ghcr.io/stefanprodan/podinfo:stable uses a tag that can move",
  },
  "run-as-non-root": {
    compliant: one(() => find(prod, T.deployment)),
    violating: one(() =>
      pod((spec, c) => {
        delete spec.securityContext.runAsNonRoot;
        delete c.securityContext.runAsNonRoot;
      }),
    ),
    message: "runAsNonRoot is not true",
  },
  "run-as-user-non-zero": {
    compliant: one(() => find(prod, T.deployment)),
    violating: one(() =>
      pod((spec, c) => {
        spec.securityContext.runAsUser = 0;
        delete c.securityContext.runAsUser;
      }),
    ),
    message: "runAsUser is 0",
  },
  "run-as-group-non-zero": {
    compliant: one(() => find(prod, T.deployment)),
    violating: one(() =>
      pod((spec, c) => {
        delete spec.securityContext.runAsGroup;
        delete c.securityContext.runAsGroup;
      }),
    ),
    message: "runAsGroup is not set",
  },
  "seccomp-runtime-default": {
    compliant: one(() => find(prod, T.deployment)),
    violating: one(() =>
      pod((spec, c) => {
        spec.securityContext.seccompProfile = { type: "Unconfined" };
        delete c.securityContext.seccompProfile;
      }),
    ),
    message: "seccompProfile is Unconfined",
  },
  "no-privilege-escalation": {
    compliant: one(() => find(prod, T.deployment)),
    violating: one(() => pod((_, c) => (c.securityContext.allowPrivilegeEscalation = true))),
    message: "allowPrivilegeEscalation is not false",
  },
  "capabilities-drop-all": {
    compliant: one(() => find(prod, T.deployment)),
    violating: one(() => pod((_, c) => (c.securityContext.capabilities = { drop: ["NET_RAW"] }))),
    message: "capabilities not dropped",
  },
  "read-only-root-filesystem": {
    compliant: one(() => find(prod, T.deployment)),
    violating: one(() => pod((_, c) => (c.securityContext.readOnlyRootFilesystem = false))),
    message: "root filesystem is writable",
  },
  "readiness-probe": {
    compliant: one(() => find(prod, T.deployment)),
    violating: one(() => pod((_, c) => delete c.readinessProbe)),
    message: "no readinessProbe",
  },
  "liveness-probe": {
    compliant: one(() => find(prod, T.deployment)),
    violating: one(() => pod((_, c) => delete c.livenessProbe)),
    message: "no livenessProbe",
  },
  "probes-distinct": {
    compliant: one(() => find(prod, T.deployment)),
    violating: one(() => pod((_, c) => (c.livenessProbe = clone(c.readinessProbe)))),
    message: "readiness and liveness probes are identical",
  },
  "hpa-min-replicas": {
    compliant: () => [find(prod, T.hpa), changed(dev, T.hpa, (i) => (i.spec.minReplicas = 2))],
    violating: one(() => find(dev, T.hpa)),
    message: "minReplicas 1, under 2",
  },
  "prometheus-persistent-storage": {
    compliant: one(() =>
      changedNamed(dev, T.release, "dev-kube-prometheus-stack", (i) => {
        i.values.prometheus.prometheusSpec.storageSpec = {
          volumeClaimTemplate: { spec: { resources: { requests: { storage: "50Gi" } } } },
        };
      }),
    ),
    violating: one(() => find(dev, T.release, "dev-kube-prometheus-stack")),
    message: "Prometheus stores its data in an emptyDir",
  },
  "monitoring-network-policies": {
    compliant: one(() => find(dev, T.release, "dev-kube-prometheus-stack")),
    violating: one(() =>
      changedNamed(dev, T.release, "dev-kube-prometheus-stack", (i) => {
        i.values.alertmanager.networkPolicy.enabled = false;
      }),
    ),
    message: "alertmanager.networkPolicy.enabled is not true: every pod may connect to alertmanager",
  },
  "namespace-pod-security": {
    compliant: one(() => find(prod, T.namespace, "prod-node-exporter-namespace")),
    // The node-exporter's exception is its own: a service namespace labelled privileged is refused.
    violating: one(() =>
      changed(prod, T.namespace, (i) => {
        i.metadata.labels["pod-security.kubernetes.io/enforce"] = "privileged";
      }),
    ),
    message: "is privileged, not restricted",
  },
  "nat-per-zone": {
    compliant: () => prod,
    violating: () => dev,
    message: "1 NAT gateway(s) for 2 zones",
  },
  "deployment-disruption-budget": {
    compliant: () => prod,
    violating: () => prodWith((rs) => rs.filter((r) => r.type !== T.pdb)),
    message: "no PodDisruptionBudget selects its pods",
  },
  "autoscaled-without-replicas": {
    compliant: () => prod,
    // prod's podinfo is a canary: its HPA scales the Rollout.
    violating: () =>
      prodWith((rs) => {
        (find(rs, "kubernetes:argoproj.io/v1alpha1:Rollout").inputs.spec as Inputs).replicas = 3;
        return rs;
      }),
    message: "sets replicas 3 while HPA podinfo scales it",
  },
  "pods-network-policy": {
    compliant: () => prod,
    violating: () => prodWith((rs) => rs.filter((r) => r.type !== T.netpol)),
    message: "no NetworkPolicy in namespace podinfo selects its pods",
  },
  "custom-resource-definitions": {
    compliant: () => prod,
    violating: () => prodWith((rs) => rs.filter((r) => r.name !== "prod-kube-prometheus-stack")),
    message: "its CRD (group monitoring.coreos.com) is neither installed by the stack",
  },
  "service-log-groups-managed": {
    compliant: () => prod,
    violating: () => prodWith((rs) => rs.filter((r) => r.name !== "prod-db-postgresql-logs")),
    message: "log group /aws/rds/instance/infra-prod-postgres/postgresql is not created by the stack",
  },
  "alarms-notify": {
    compliant: () => prod,
    violating: () =>
      prodWith((rs) =>
        rs.map((r) =>
          r.name === "prod-db-cpu-high"
            ? { ...r, inputs: { ...r.inputs, alarmActions: [], okActions: [] } }
            : r,
        ),
      ),
    message: "notifies nobody",
  },
  "incidents-page": {
    compliant: () => prod,
    violating: () => prodWith((rs) => rs.filter((r) => !r.name.endsWith("-page-pagerduty-page"))),
    message: "no confirmed https subscription pages anyone",
  },
  "service-account-token-only-for-aws": {
    compliant: () => prod,
    violating: () =>
      prodWith((rs) => {
        (find(rs, T.deployment).inputs as Inputs).spec.template.spec.automountServiceAccountToken = true;
        return rs;
      }),
    message: "mounts the API token of service account podinfo, which has no IAM role",
  },
};

const violationsOf = (rule: Rule, resources: readonly PolicyResource[]) =>
  evaluatePolicies(resources, { rules: [rule], profile: "production" }).violations;

describe("the policy pack", () => {
  it("has at least 40 rules, each with a unique name, a description and a fix", () => {
    expect(RULES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
    for (const rule of RULES) {
      expect(rule.description.length, rule.name).toBeGreaterThan(20);
      expect(rule.fix.length, rule.name).toBeGreaterThan(10);
    }
  });

  it("has a compliant and a violating case for every rule, and none for a rule it lacks", () => {
    expect(Object.keys(CASES).sort()).toEqual(RULES.map((r) => r.name).sort());
  });

  describe.each(RULES.map((rule) => [rule.name, rule] as const))("%s", (name, rule) => {
    const c = CASES[name]!;

    it("passes the compliant input", () => {
      expect(violationsOf(rule, c.compliant())).toEqual([]);
    });

    it("reports every violating input, naming the resource, the rule and the fix", () => {
      const violating = c.violating();
      const found = violationsOf(rule, violating);
      expect(found.length).toBeGreaterThan(0);
      // Each violating resource of a resource rule is reported on its own.
      if (rule.kind === "resource")
        for (const resource of violating) expect(violationsOf(rule, [resource]).length).toBeGreaterThan(0);
      for (const v of found) {
        expect(v.message).toContain(c.message);
        expect(v.rule).toBe(name);
        expect(v.fix).toBe(rule.fix);
        expect(violating.map((r) => r.urn)).toContain(v.urn);
      }
    });
  });
});

describe("key policy rules at their edges", () => {
  const rule = (name: string) => RULES.find((r) => r.name === name)!;
  const dbKey = () => find(prod, T.key, "prod-db-key");

  it("reports kms:Decrypt for the account without a ViaService condition (the near miss's twin)", () => {
    const { Condition: _bound, ...unbound } = viaSecretsManagerDecrypt;
    const key = changedNamed(
      prod,
      T.key,
      "prod-db-key",
      (i) => (i.policy = withStatement(i.policy, unbound)),
    );
    expect(violationsOf(rule("kms-key-policy-separates-duties"), [key]).map((v) => v.message)).toEqual([
      "ReadersDecryptThroughSecretsManager: grants kms:Decrypt to arn:aws:iam::777788889999:root without a kms:ViaService or encryption-context condition",
    ]);
  });

  it("reports a deny of kms:PutKeyPolicy, which KMS's lockout safety check would refuse", () => {
    const deny = { Sid: "Frozen", Effect: "Deny", Principal: "*", Action: "kms:PutKeyPolicy", Resource: "*" };
    const key = changedNamed(prod, T.key, "prod-db-key", (i) => (i.policy = withStatement(i.policy, deny)));
    expect(violationsOf(rule("kms-key-policy-separates-duties"), [key]).map((v) => v.message)).toEqual([
      expect.stringMatching(/^Frozen: denies kms:PutKeyPolicy/),
    ]);
  });

  it("reports a deletion deny that exempts a second role", () => {
    const key = changedNamed(prod, T.key, "prod-db-key", (i) => {
      const document = JSON.parse(i.policy);
      const deny = document.Statement.find((s: { Effect: string }) => s.Effect === "Deny");
      deny.Condition.ArnNotEquals["aws:PrincipalArn"] = [
        deny.Condition.ArnNotEquals["aws:PrincipalArn"],
        "arn:aws:iam::777788889999:role/infra-deploy",
      ];
      i.policy = JSON.stringify(document);
    });
    expect(violationsOf(rule("kms-key-deletion-restricted"), [key]).map((v) => v.message)).toEqual([
      expect.stringMatching(/^the deletion deny exempts 2 principals/),
    ]);
    expect(violationsOf(rule("kms-key-deletion-restricted"), [dbKey()])).toEqual([]);
  });

  it("reports a policy that names only roles, which leaves the account no kms:PutKeyPolicy", () => {
    const onlyRoles = {
      Version: "2012-10-17",
      Statement: [{ ...ROOT_ALL, Principal: { AWS: "arn:aws:iam::777788889999:role/key-admin" } }],
    };
    const key = changedNamed(prod, T.key, "prod-db-key", (i) => (i.policy = JSON.stringify(onlyRoles)));
    expect(violationsOf(rule("kms-key-policy-separates-duties"), [key]).map((v) => v.message)).toEqual([
      expect.stringMatching(/^no statement names the account root/),
    ]);
  });

  it("leaves a policy not known yet (preview) to be judged once known", () => {
    const key = changedNamed(prod, T.key, "prod-db-key", (i) => (i.policy = "[unknown]"));
    expect(violationsOf(rule("kms-key-policy-separates-duties"), [key])).toEqual([]);
  });
});

describe("enforcement by profile", () => {
  it("makes production rules advisory in development and every other rule mandatory", () => {
    const report = evaluatePolicies(dev, { profile: "development" });
    expect(report.mandatoryViolations).toBe(0);
    expect(report.violations.map((v) => v.rule)).toEqual(
      expect.arrayContaining(["hpa-min-replicas", "nat-per-zone", "rds-multi-az", "rds-protected"]),
    );
    for (const v of report.violations) {
      expect(v.enforcementLevel).toBe("advisory");
      expect(RULES.find((r) => r.name === v.rule)!.scope, v.rule).toBe("production");
    }
  });

  it("holds a stack to production's rules when it names no profile", () => {
    const report = evaluatePolicies(dev);
    expect(report.profile).toBe("production");
    expect(report.mandatoryViolations).toBeGreaterThan(0);
    expect(report.mandatoryViolations).toBe(report.violations.length);
  });

  it("accepts a custom resource whose CRD the stack declares pre-existing", () => {
    const withoutChart = prod.filter((r) => r.name !== "prod-kube-prometheus-stack");
    const rule = RULES.find((r) => r.name === "custom-resource-definitions")!;
    const report = evaluatePolicies(withoutChart, {
      rules: [rule],
      preexistingCustomResourceGroups: ["monitoring.coreos.com"],
    });
    expect(report.violations).toEqual([]);
  });
});

describe("monitoring-network-policies", () => {
  const release = () => find(dev, T.release, "dev-kube-prometheus-stack");
  const check = (change: (inputs: Inputs) => void) =>
    monitoringNetworkPolicies.check(changedNamed(dev, T.release, "dev-kube-prometheus-stack", change));

  it("refuses a Grafana policy that admits every pod, and names each component left open", () => {
    expect(check((i) => (i.values.grafana.networkPolicy.allowExternal = true))).toEqual([
      "grafana.networkPolicy.allowExternal is not false: the policy admits every pod",
    ]);
    expect(
      check((i) => {
        delete i.values.prometheus.networkPolicy;
        i.values.grafana.networkPolicy.enabled = false;
      }),
    ).toEqual([
      "prometheus.networkPolicy.enabled is not true: every pod may connect to prometheus",
      "grafana.networkPolicy.enabled is not true: every pod may connect to grafana",
    ]);
  });

  it("leaves other charts and masked values alone", () => {
    expect(check((i) => (i.chart = "karpenter"))).toEqual([]);
    expect(check((i) => (i.values = "[secret]"))).toEqual([]);
    expect(monitoringNetworkPolicies.check(release())).toEqual([]);
  });
});

describe("namespace-pod-security", () => {
  const namespace = (name: string, labels: Record<string, string>) =>
    raw(T.namespace, { metadata: { name, labels } });
  const labels = (level: string, version = "v1.32") =>
    Object.fromEntries(
      ["enforce", "audit", "warn"].flatMap((m) => [
        [`pod-security.kubernetes.io/${m}`, level],
        [`pod-security.kubernetes.io/${m}-version`, version],
      ]),
    );

  it("accepts every namespace the stacks create, node-exporter's privileged one included", () => {
    for (const stack of [dev, prod]) {
      const namespaces = stack.filter((r) => r.type === T.namespace);
      expect(namespaces.length).toBeGreaterThanOrEqual(3);
      for (const ns of namespaces) expect(namespacePodSecurity.check(ns), ns.name).toEqual([]);
    }
  });

  it("grants privileged to node-exporter's namespace only, and baseline to none", () => {
    expect(namespacePodSecurity.check(namespace("monitoring-node-exporter", labels("privileged")))).toEqual(
      [],
    );
    expect(namespacePodSecurity.check(namespace("monitoring", labels("privileged")))).toHaveLength(3);
    expect(namespacePodSecurity.check(namespace("payments", labels("baseline")))[0]).toBe(
      "pod-security.kubernetes.io/enforce is baseline, not restricted",
    );
  });

  it("refuses a missing mode and an unpinned version, each named", () => {
    const { ["pod-security.kubernetes.io/audit"]: _, ...noAudit } = labels("restricted");
    expect(namespacePodSecurity.check(namespace("payments", noAudit))).toEqual([
      "pod-security.kubernetes.io/audit is unset, not restricted",
    ]);
    expect(namespacePodSecurity.check(namespace("payments", labels("restricted", "latest")))).toHaveLength(3);
    expect(namespacePodSecurity.check(namespace("payments", labels("restricted", "v1.35")))).toEqual([]);
  });
});
