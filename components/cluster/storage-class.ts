import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { EksAddonName } from "./versions";

/** A Kubernetes StorageClass as plain data, what `k8s.storage.v1.StorageClass` takes. */
export type StorageClassObject = pulumi.Unwrap<k8s.types.input.storage.v1.StorageClass>;

/** The name other components ask for (observability's Prometheus and Alertmanager volumes). */
export const DEFAULT_STORAGE_CLASS_NAME = "gp3";

/** The EKS add-on that runs the EBS CSI driver. */
export const EBS_CSI_ADDON = "aws-ebs-csi-driver" satisfies EksAddonName;

/** The CSI driver the aws-ebs-csi-driver add-on registers. */
export const EBS_CSI_PROVISIONER = "ebs.csi.aws.com";

/**
 * The cluster's default StorageClass: encrypted gp3 EBS volumes from the EBS CSI driver. A volume is
 * created only once its pod is scheduled (`WaitForFirstConsumer`), so it lands in that pod's zone;
 * it can grow in place, and it is deleted with its claim. Should the cluster's legacy `gp2` class
 * still be marked default, Kubernetes (1.26 and later) uses the most recently created default: this.
 */
export function gp3StorageClass(): StorageClassObject {
  return {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: {
      name: DEFAULT_STORAGE_CLASS_NAME,
      annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
      labels: { "app.kubernetes.io/managed-by": "pulumi" },
    },
    provisioner: EBS_CSI_PROVISIONER,
    parameters: { type: "gp3", encrypted: "true" },
    volumeBindingMode: "WaitForFirstConsumer",
    allowVolumeExpansion: true,
    reclaimPolicy: "Delete",
  };
}
