import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AutoscaledService, Postgres, RESTRICTED_NAMESPACE_LABELS } from "@platform/infra";

const NAMESPACE = "payments";
const SERVICE_ACCOUNT = "payments-api";

/**
 * The payments team's own stack, built from the platform's components and reading the platform
 * stack's outputs through a StackReference: its database in the platform's isolated subnets,
 * reachable from the cluster's nodes, and its API on the platform's cluster.
 *
 * The database password never enters the stack or Kubernetes: RDS keeps it in Secrets Manager
 * (`masterUserSecretArn`), and the API's pods read it at startup with their own IAM role (IRSA),
 * which may read exactly that secret. The ConfigMap tells them where the database and the secret are.
 */
export = () => {
  const config = new pulumi.Config("payments");
  const platform = new pulumi.StackReference("platform", { name: config.require("platformStack") });
  const platformOutput = (name: string) => platform.requireOutput(name) as pulumi.Output<string>;

  const provider = new k8s.Provider("platform-cluster", { kubeconfig: platformOutput("kubeconfig") });

  const database = new Postgres("payments-db", {
    profile: "development",
    engineVersion: "17",
    vpcId: platformOutput("vpcId"),
    subnetIds: platform.requireOutput("isolatedSubnetIds") as pulumi.Output<string[]>,
    allowedSecurityGroupIds: { "platform-nodes": platformOutput("nodeSecurityGroupId") },
  });

  // IRSA: only the API's service account, through the platform cluster's OIDC provider, may assume it.
  const issuerHost = platformOutput("oidcIssuer").apply((url) => url.replace(/^https:\/\//, ""));
  const trust = aws.iam.getPolicyDocumentOutput({
    statements: [
      {
        actions: ["sts:AssumeRoleWithWebIdentity"],
        principals: [{ type: "Federated", identifiers: [platformOutput("oidcProviderArn")] }],
        conditions: [
          {
            test: "StringEquals",
            variable: pulumi.interpolate`${issuerHost}:sub`,
            values: [`system:serviceaccount:${NAMESPACE}:${SERVICE_ACCOUNT}`],
          },
          {
            test: "StringEquals",
            variable: pulumi.interpolate`${issuerHost}:aud`,
            values: ["sts.amazonaws.com"],
          },
        ],
      },
    ],
  });
  const role = new aws.iam.Role("payments-api", { assumeRolePolicy: trust.json });
  // The secret is encrypted with the database's customer key: reading it needs kms:Decrypt too,
  // and only through Secrets Manager.
  const readSecret = aws.iam.getPolicyDocumentOutput({
    statements: [
      { actions: ["secretsmanager:GetSecretValue"], resources: [database.masterUserSecretArn] },
      {
        actions: ["kms:Decrypt"],
        resources: [database.kmsKeyArn],
        conditions: [
          {
            test: "StringEquals",
            variable: "kms:ViaService",
            values: [pulumi.interpolate`secretsmanager.${aws.getRegionOutput().region}.amazonaws.com`],
          },
        ],
      },
    ],
  });
  new aws.iam.RolePolicy("payments-api-db-secret", { role: role.name, policy: readSecret.json });

  // Pod Security `restricted`, as the platform's policy pack requires of every namespace.
  const namespace = new k8s.core.v1.Namespace(
    NAMESPACE,
    { metadata: { name: NAMESPACE, labels: { ...RESTRICTED_NAMESPACE_LABELS } } },
    { provider },
  );
  const connection = new k8s.core.v1.ConfigMap(
    "payments-db",
    {
      metadata: { name: "payments-db", namespace: namespace.metadata.name },
      data: {
        host: database.address,
        port: database.port.apply(String),
        secretArn: database.masterUserSecretArn,
      },
    },
    { provider },
  );

  // Created after the ConfigMap its pods read, so no pod starts without it.
  const api = new AutoscaledService(
    "payments-api",
    {
      profile: "development",
      image: config.require("image"),
      namespace: NAMESPACE,
      createNamespace: false,
      serviceAccount: { name: SERVICE_ACCOUNT, roleArn: role.arn },
      cpu: { request: "250m", limit: "500m" },
      memory: { request: "256Mi", limit: "512Mi" },
      env: {
        LOG_LEVEL: "info",
        DATABASE_HOST: { configMapKeyRef: { name: "payments-db", key: "host" } },
        DATABASE_PORT: { configMapKeyRef: { name: "payments-db", key: "port" } },
        DATABASE_SECRET_ARN: { configMapKeyRef: { name: "payments-db", key: "secretArn" } },
      },
    },
    { provider, dependsOn: [namespace, connection] },
  );

  return { databaseEndpoint: database.endpoint, service: api.serviceName, namespace: api.namespace };
};
