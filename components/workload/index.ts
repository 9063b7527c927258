export {
  AutoscaledService,
  AUTOSCALED_SERVICE_TYPE,
  type AutoscaledServiceOptions,
} from "./autoscaled-service";
export type * from "./args";
export { AUTOSCALED_SERVICE_ARGS, SCALING_POLICY_TYPES, SELECT_POLICIES, WHEN_UNSATISFIABLE } from "./args";
export {
  AUTOSCALED_SERVICE_DEFAULTS,
  BLUE_GREEN_AUTO_PROMOTION,
  DELIVERY_STRATEGIES,
  PROGRESSIVE_DELIVERY_DEFAULTS,
  deliveryStrategy,
  PROBE_DEFAULTS,
  SCALING_BEHAVIOR_DEFAULTS,
  SERVICE_DEFAULTS,
} from "./defaults";
export type { AutoscaledServiceProfileDefaults, ProbeDefaults, ScalingPolicy, ScalingRule } from "./defaults";
export { validateAutoscaledServiceArgs } from "./validate";
export { kubernetesProviderIssues, KUBERNETES_PROVIDER_PATH } from "./kubernetes-provider";
export { resolveServiceSpec, replicaBounds } from "./service-spec";
export type { ServiceSpec, DisruptionBudget } from "./service-spec";
export { buildDeployment } from "./deployment";
export type { DeploymentObject } from "./deployment";
export { buildAutoscaler } from "./autoscaler";
export type { HorizontalPodAutoscalerObject } from "./autoscaler";
export { buildDisruptionBudget, allowedDisruptions } from "./disruption-budget";
export type { PodDisruptionBudgetObject } from "./disruption-budget";
export { buildService } from "./service";
export { buildServiceMonitor } from "./service-monitor";
export type { ServiceMonitorObject } from "./service-monitor";
export type { ServiceObject } from "./service";
export { buildServiceAccount, IRSA_ROLE_ANNOTATION } from "./service-account";
export type { ServiceAccountObject } from "./service-account";
export { buildNamespace } from "./namespace";
export type { NamespaceObject } from "./namespace";
export { parseQuantity, compareQuantities } from "./quantity";
export type { Quantity } from "./quantity";
export { parseImageReference, imageReferenceProblem, MUTABLE_TAGS } from "./image";
export type { ImageReference } from "./image";
export { SECRET_NAME_MARKERS, looksLikeSecretName } from "./env";
export {
  ARGO_ROLLOUTS_API_VERSION,
  buildAnalysisTemplates,
  buildPreviewService,
  buildRollout,
  canarySteps,
  isProgressive,
  previewServiceName,
} from "./rollout";
export type { DeliverySpec, ProgressiveSpec, RolloutObject } from "./rollout";
export {
  ANALYSIS_ARGS,
  ANALYSIS_CRITERIA,
  BLUE_GREEN_GATE_CRITERIA,
  buildAnalysisTemplate,
  canaryGateCriteria,
  criterionQuery,
} from "./analysis";
export type { AnalysisCriterion, AnalysisSelectors, AnalysisTemplateObject, CriterionKey } from "./analysis";
export type { DeliveryStrategy } from "./defaults";
