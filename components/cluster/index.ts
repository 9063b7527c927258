export { Cluster, CONTROL_PLANE_LOG_TYPES } from "./cluster";
export type { NodeGroupSummary } from "./cluster";
export { CAPACITY_TYPES, CLUSTER_ARGS, SUPPORT_TYPES, TAINT_EFFECTS } from "./args";
export type {
  CapacityType,
  ClusterArgs,
  ClusterContext,
  NodeGroupArgs,
  NodeTaint,
  ResolvedClusterArgs,
  ResolvedNodeGroup,
  ServiceAccountRoleArgs,
  SupportType,
  TaintEffect,
} from "./args";
export { validateClusterArgs } from "./validate";
export { validateServiceAccountRoleArgs } from "./validate-service-account";
export { EKS_ADDON_NAMES, EKS_KUBERNETES_VERSIONS, KUBERNETES_VERSIONS } from "./versions";
export type { EksAddonName, KubernetesVersion } from "./versions";
export { kubeconfigFor, renderKubeconfig } from "./kubeconfig";
export {
  DEFAULT_STORAGE_CLASS_NAME,
  EBS_CSI_ADDON,
  EBS_CSI_PROVISIONER,
  gp3StorageClass,
} from "./storage-class";
export type { StorageClassObject } from "./storage-class";
export type { KubeconfigInputs } from "./kubeconfig";
