import { StorageClass } from "kubernetes-models/storage.k8s.io/v1/StorageClass";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_STORAGE_CLASS_NAME,
  EBS_CSI_ADDON,
  EBS_CSI_PROVISIONER,
  EKS_ADDON_NAMES,
  gp3StorageClass,
} from "../../../components/cluster";
import { DEFAULT_STORAGE_CLASS } from "../../../components/observability";

describe("gp3StorageClass", () => {
  const object = gp3StorageClass();

  it("is a valid storage.k8s.io/v1 StorageClass", () => {
    const model = new StorageClass(JSON.parse(JSON.stringify(object)));
    expect(() => model.validate()).not.toThrow();
  });

  it("is the default class, named gp3", () => {
    expect(object.metadata?.name).toBe("gp3");
    expect(object.metadata?.annotations).toEqual({ "storageclass.kubernetes.io/is-default-class": "true" });
  });

  it("provisions encrypted gp3 EBS volumes through the EBS CSI driver", () => {
    expect(object.provisioner).toBe("ebs.csi.aws.com");
    expect(EBS_CSI_PROVISIONER).toBe("ebs.csi.aws.com");
    expect(object.parameters).toEqual({ type: "gp3", encrypted: "true" });
  });

  it("creates a volume in its pod's zone, lets it grow and deletes it with its claim", () => {
    expect(object.volumeBindingMode).toBe("WaitForFirstConsumer");
    expect(object.allowVolumeExpansion).toBe(true);
    expect(object.reclaimPolicy).toBe("Delete");
  });

  it("has the name observability's Prometheus and Alertmanager volumes ask for", () => {
    expect(DEFAULT_STORAGE_CLASS_NAME).toBe("gp3");
    expect(DEFAULT_STORAGE_CLASS).toBe(DEFAULT_STORAGE_CLASS_NAME);
  });

  it("names an add-on the cluster installs as the driver", () => {
    expect(EKS_ADDON_NAMES).toContain(EBS_CSI_ADDON);
  });
});
