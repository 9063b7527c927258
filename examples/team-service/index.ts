import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AutoscaledService, Postgres } from "../../components";

/** What the team takes from the platform stack's outputs (`pulumi stack output`). */
interface PlatformOutputs {
  readonly vpcId: string;
  readonly isolatedSubnetIds: string[];
  readonly nodeSecurityGroupId: string;
}

/**
 * The payments team's own stack, built from the platform's components: its database in the
 * platform's isolated subnets, reachable from the cluster's nodes, and its API on the platform's
 * cluster, reading the database host from a ConfigMap and its password from a Secret.
 */
export = () => {
  const config = new pulumi.Config("payments");
  const platform = config.requireObject<PlatformOutputs>("platform");
  const provider = new k8s.Provider("platform-cluster", { kubeconfig: config.requireSecret("kubeconfig") });

  const database = new Postgres("payments-db", {
    profile: "development",
    engineVersion: "17",
    vpcId: platform.vpcId,
    subnetIds: platform.isolatedSubnetIds,
    allowedSecurityGroupIds: { "platform-nodes": platform.nodeSecurityGroupId },
  });

  const api = new AutoscaledService(
    "payments-api",
    {
      profile: "development",
      image: config.require("image"),
      namespace: "payments",
      createNamespace: true,
      cpu: { request: "250m", limit: "500m" },
      memory: { request: "256Mi", limit: "512Mi" },
      env: {
        LOG_LEVEL: "info",
        DATABASE_HOST: { configMapKeyRef: { name: "payments-db", key: "host" } },
        DATABASE_PASSWORD: { secretKeyRef: { name: "payments-db", key: "password" } },
      },
    },
    { provider },
  );

  // In the service's namespace, which the service creates: hence the dependency on it.
  new k8s.core.v1.ConfigMap(
    "payments-db",
    { metadata: { name: "payments-db", namespace: "payments" }, data: { host: database.address } },
    { provider, dependsOn: [api] },
  );

  return { databaseEndpoint: database.endpoint, service: api.serviceName, namespace: api.namespace };
};
