import { resolve } from "node:path";
import { alertmanagerConfig } from "../../../components/observability/alertmanager-config";
import { OBSERVABILITY_ARGS, type ResolvedObservabilityArgs } from "../../../components/observability/args";
import { MONITORING_NAMESPACE } from "../../../components/observability/kube-prometheus-stack";
import { sloPrometheusRule, type PrometheusRule } from "../../../components/observability/slo-rules";
import { loadProject, loadStackConfig } from "../../../infra/synth/project";
import { observabilityArgs } from "../../../stacks/component-args";
import { parseEnvironmentConfig } from "../../../stacks/config";

const REPO = resolve(__dirname, "../../..");

/**
 * The Observability args a stack file resolves to, through the same config parsing and arg builder
 * the program uses; secrets are synth's placeholders, the cross-component ids dummies.
 */
export function stackObservabilityArgs(stack: string): ResolvedObservabilityArgs {
  const { config } = loadStackConfig(loadProject(REPO), stack);
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!key.startsWith("infra:")) continue;
    raw[key.slice("infra:".length)] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  const environment = parseEnvironmentConfig(raw, stack);
  const args = observabilityArgs(
    environment,
    {
      cluster: {
        name: "cluster",
        oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/x",
        oidcIssuerUrl: "https://oidc.example.com",
      },
      natGatewayIds: [],
    },
    "plain-for-validation",
  );
  return OBSERVABILITY_ARGS.parse(args, stack, { hasKubernetesProvider: true });
}

/** The stack's SLO PrometheusRule, from the generator the component uses. */
export function stackSloRule(stack: string): PrometheusRule {
  const args = stackObservabilityArgs(stack);
  return sloPrometheusRule({
    name: `${stack}-slos`,
    namespace: MONITORING_NAMESPACE,
    slos: args.slos,
    runbookBaseUrl: args.runbookBaseUrl,
  });
}

/** The stack's Alertmanager configuration, from the generator the component uses. */
export function stackAlertmanagerConfig(stack: string): Record<string, unknown> {
  const args = stackObservabilityArgs(stack);
  const r = args.alertReceivers;
  return alertmanagerConfig({
    page: r.page as never,
    ticket: r.ticket as never,
    heartbeatUrl: r.heartbeatUrl as string | undefined,
    silencedAlerts: args.silencedAlerts,
  });
}
