import { beforeAll, describe, expect, it } from "vitest";
import { Cluster } from "../../../components/cluster";
import { Network } from "../../../components/network";
import { LogsKey, Observability } from "../../../components/observability";
import { run, valueOf, type Registered } from "../../support/harness";

const ZONES = ["eu-west-1a", "eu-west-1b"];

let registered: Registered;
let logsKey: LogsKey;
let observability: Observability;

beforeAll(async () => {
  registered = await run(() => {
    logsKey = new LogsKey("platform-logs", { profile: "development" });
    const network = new Network("dev", {
      profile: "development",
      cidrBlock: "10.10.0.0/16",
      availabilityZones: ZONES,
      clusterName: "dev",
      logsKmsKeyArn: logsKey.keyArn,
    });
    const cluster = new Cluster("dev", {
      profile: "development",
      vpcId: network.vpcId,
      subnetIds: network.privateSubnetIds,
      subnetAvailabilityZones: ZONES,
      clusterCreatorAdmin: true,
      logsKmsKeyArn: logsKey.keyArn,
    });
    observability = new Observability(
      "dev-observability",
      {
        profile: "development",
        cluster: {
          name: cluster.clusterName,
          oidcProviderArn: cluster.oidcProviderArn,
          oidcIssuerUrl: cluster.oidcIssuerUrl,
        },
        logsKmsKeyArn: logsKey.keyArn,
        prometheus: { persistent: true },
      },
      { providers: [cluster.provider] },
    );
  });
});

describe("a platform sharing one LogsKey", () => {
  it("encrypts every log group (flow logs, control plane, Container Insights) with the logs key", async () => {
    const keyArn = await valueOf(logsKey.keyArn);
    const groups = registered.ofType("aws:cloudwatch/logGroup:LogGroup");
    expect(groups.map((g) => g.name).sort()).toEqual([
      "dev-control-plane",
      "dev-flow-logs",
      "dev-observability-container-insights-application",
      "dev-observability-container-insights-dataplane",
      "dev-observability-container-insights-host",
      "dev-observability-container-insights-performance",
    ]);
    for (const group of groups) expect(group.inputs.kmsKeyId, group.name).toBe(keyArn);
    expect(await valueOf(observability.logsKmsKeyArn)).toBe(keyArn);
  });

  it("has no other logs key: the only other keys are the cluster's secrets key and the alert topic's", () => {
    expect(
      registered
        .ofType("aws:kms/key:Key")
        .map((k) => k.name)
        .sort(),
    ).toEqual(["dev-observability-alerts-key", "dev-secrets", "platform-logs-key"]);
  });

  it("puts the Prometheus volume on the cluster's encrypted gp3 StorageClass", () => {
    const storageClass = registered.one("kubernetes:storage.k8s.io/v1:StorageClass");
    const className = (storageClass.inputs.metadata as { name: string }).name;
    expect(storageClass.inputs.parameters).toEqual({ type: "gp3", encrypted: "true" });
    const values = registered.one("kubernetes:helm.sh/v3:Release", "dev-observability-kube-prometheus-stack")
      .inputs.values as {
      prometheus: {
        prometheusSpec: { storageSpec: { volumeClaimTemplate: { spec: { storageClassName: string } } } };
      };
    };
    expect(values.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName).toBe(
      className,
    );
  });
});
