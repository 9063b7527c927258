import type { ValidationIssue } from "../../components/core";
import type { EnvironmentConfig } from "../config";
import { installsPrometheus } from "./platform-workloads";

/**
 * A custom resource is accepted by the API server only once its CRD is installed ("no matches for
 * kind"). The prometheus-operator CRDs (ServiceMonitor, PrometheusRule) come with
 * kube-prometheus-stack: a stack that leaves it out must not ask for them. (The ordering half, each
 * custom resource created after the release that installs its CRD, is in the composition and tested
 * on the synthesized stacks.) SLOs, which become PrometheusRules, are checked by the observability
 * component itself.
 */
export function checkCustomResources(
  config: Pick<EnvironmentConfig, "observability" | "services">,
): ValidationIssue[] {
  if (installsPrometheus(config)) return [];
  const fix = "set infra:observability.prometheus.enabled: true (kube-prometheus-stack installs its CRD)";
  const issues: ValidationIssue[] = [];
  config.services.forEach((service, i) => {
    if (service.metrics !== undefined)
      issues.push({
        path: `infra:services[${i}].metrics`,
        message: `needs a ServiceMonitor (monitoring.coreos.com/v1), whose CRD is not installed while infra:observability.prometheus.enabled is false; ${fix}, or remove metrics`,
      });
  });
  return issues;
}
