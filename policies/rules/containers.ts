import { isMutableTag, parseImageReference } from "../../components/workload/image";
import type { PolicyResource, ResourceRule, RuleScope } from "../types";
import { containersOf, isPodWorkload, podOf, securitySetting, type PodView } from "./pods";
import { isSet, list, record, strings, text, type Plain } from "./values";

/**
 * The playbook's rules for every container of every pod a stack creates (Deployments, StatefulSets,
 * DaemonSets, Jobs, CronJobs, Argo Rollouts, bare Pods), init containers included.
 */
function containerRule(rule: {
  name: string;
  description: string;
  fix: string;
  scope?: RuleScope;
  /** The problem with this container, if any. */
  problem: (container: Plain, pod: PodView) => string | undefined;
}): ResourceRule {
  return {
    kind: "resource",
    name: rule.name,
    description: rule.description,
    fix: rule.fix,
    scope: rule.scope ?? "everywhere",
    appliesTo: isPodWorkload,
    check: (resource: PolicyResource) => {
      const pod = podOf(resource);
      if (!pod) return [];
      return containersOf(pod).flatMap(({ name, container }) => {
        const problem = rule.problem(container, pod);
        return problem === undefined ? [] : [`container ${name}: ${problem}`];
      });
    },
  };
}

const resources = (container: Plain, kind: "requests" | "limits") =>
  record(record(container.resources)[kind]);

function resourceRule(kind: "requests" | "limits", resource: string, why: string): ResourceRule {
  const noun = kind === "requests" ? "request" : "limit";
  return containerRule({
    name: `container-${resource}-${noun}`,
    description: `Every container sets a ${resource} ${noun}: ${why}`,
    fix: `set resources.${kind}["${resource}"]`,
    problem: (c) => (isSet(resources(c, kind)[resource]) ? undefined : `no ${resource} ${noun}`),
  });
}

export const cpuRequest = resourceRule(
  "requests",
  "cpu",
  "the scheduler places pods by it and the HPA measures against it",
);
export const memoryRequest = resourceRule("requests", "memory", "the scheduler places pods by it");
export const memoryLimit = resourceRule(
  "limits",
  "memory",
  "without one a pod can exhaust its node's memory",
);
export const ephemeralStorageRequest = resourceRule(
  "requests",
  "ephemeral-storage",
  "the scheduler then places pods where their logs and scratch files fit",
);
export const ephemeralStorageLimit = resourceRule(
  "limits",
  "ephemeral-storage",
  "a runaway writer then evicts its own pod instead of filling the node's disk",
);

export const imagePinned = containerRule({
  name: "image-pinned",
  description: "Every image names a version: a tag other than `latest`, or a digest",
  fix: "use an image with a release tag or an @sha256: digest",
  problem: (c) => {
    const image = text(c.image, "");
    const reference = parseImageReference(image);
    if (!reference) return `image ${image} is not a valid image reference`;
    if (reference.digest !== undefined) return undefined;
    if (reference.tag === undefined) return `image ${image} has no tag (Kubernetes pulls :latest)`;
    return reference.tag.toLowerCase() === "latest" ? `image ${image} uses :latest` : undefined;
  },
});

export const imageImmutableInProduction = containerRule({
  name: "image-immutable",
  description:
    "Production images are pinned by a digest or a release tag, never by a tag that names a moving target (main, stable, ...)",
  fix: "use a release tag (e.g. 1.4.2) or the image's @sha256: digest",
  scope: "production",
  problem: (c) => {
    const image = text(c.image, "");
    const reference = parseImageReference(image);
    if (!reference || reference.digest !== undefined) return undefined;
    return reference.tag === undefined || isMutableTag(reference.tag)
      ? `image ${image} uses a tag that can move to other content`
      : undefined;
  },
});

export const runAsNonRoot = containerRule({
  name: "run-as-non-root",
  description: "Every container sets runAsNonRoot, so the kubelet refuses to start it as root",
  fix: "set securityContext.runAsNonRoot: true on the pod or the container",
  problem: (c, pod) =>
    securitySetting(pod, c, "runAsNonRoot") === true ? undefined : "runAsNonRoot is not true",
});

function nonZeroId(key: "runAsUser" | "runAsGroup", what: string): ResourceRule {
  return containerRule({
    name: key === "runAsUser" ? "run-as-user-non-zero" : "run-as-group-non-zero",
    description: `Every container runs with a non-zero numeric ${key}, so it never runs as root's ${what} whatever the image says`,
    fix: `set securityContext.${key} to the image's non-root ${what} id (e.g. 65532)`,
    problem: (c, pod) => {
      const id = securitySetting(pod, c, key);
      if (id === undefined) return `${key} is not set (the image decides)`;
      return Number(id) > 0 ? undefined : `${key} is ${text(id)}`;
    },
  });
}

export const runAsUserNonZero = nonZeroId("runAsUser", "user");
export const runAsGroupNonZero = nonZeroId("runAsGroup", "group");

export const seccompRuntimeDefault = containerRule({
  name: "seccomp-runtime-default",
  description: "Every container runs under the runtime's default seccomp profile (or a stricter local one)",
  fix: 'set securityContext.seccompProfile: { type: "RuntimeDefault" } on the pod',
  problem: (c, pod) => {
    const type = record(securitySetting(pod, c, "seccompProfile")).type;
    return type === "RuntimeDefault" || type === "Localhost" ? undefined : `seccompProfile is ${text(type)}`;
  },
});

export const noPrivilegeEscalation = containerRule({
  name: "no-privilege-escalation",
  description: "No container is privileged or may gain privileges (setuid binaries)",
  fix: "set securityContext.allowPrivilegeEscalation: false and leave privileged unset or false",
  problem: (c) => {
    const context = record(c.securityContext);
    if (context.privileged === true) return "privileged";
    return context.allowPrivilegeEscalation === false ? undefined : "allowPrivilegeEscalation is not false";
  },
});

export const capabilitiesDropAll = containerRule({
  name: "capabilities-drop-all",
  description: "Every container drops all Linux capabilities (adding back only what it names)",
  fix: 'set securityContext.capabilities.drop: ["ALL"]',
  problem: (c) =>
    strings(record(record(c.securityContext).capabilities).drop).includes("ALL")
      ? undefined
      : "capabilities not dropped",
});

export const readOnlyRootFilesystem = containerRule({
  name: "read-only-root-filesystem",
  description: "Every container's root filesystem is read-only; writable paths are volumes",
  fix: "set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the program writes",
  problem: (c) =>
    record(c.securityContext).readOnlyRootFilesystem === true ? undefined : "root filesystem is writable",
});

/** Init containers run to completion: probes do not apply to them. */
function isInit(container: Plain, pod: PodView): boolean {
  return list(pod.spec.initContainers).includes(container);
}

/** Jobs run to completion too: readiness and liveness are for long-running pods. */
function probeRule(kind: "readinessProbe" | "livenessProbe", why: string): ResourceRule {
  const rule = containerRule({
    name: kind === "readinessProbe" ? "readiness-probe" : "liveness-probe",
    description: `Every long-running container has a ${kind === "readinessProbe" ? "readiness" : "liveness"} probe: ${why}`,
    fix: `set ${kind} (the AutoscaledService sets it unless probes.${kind === "readinessProbe" ? "readiness" : "liveness"}.enabled is false)`,
    problem: (c, pod) => (isInit(c, pod) || isSet(c[kind]) ? undefined : `no ${kind}`),
  });
  return { ...rule, appliesTo: (type) => isPodWorkload(type) && !/batch\/v1:(Cron)?Job$/.test(type) };
}

export const readinessProbe = probeRule("readinessProbe", "traffic reaches only pods that can serve it");
export const livenessProbe = probeRule("livenessProbe", "a hung process is restarted");

export const probesDistinct = containerRule({
  name: "probes-distinct",
  description: "Readiness and liveness probes differ: one failing dependency must not restart every pod",
  fix: "point liveness at a check of the process alone (e.g. /healthz) and readiness at /readyz",
  problem: (c) =>
    isSet(c.readinessProbe) && JSON.stringify(c.readinessProbe) === JSON.stringify(c.livenessProbe)
      ? "readiness and liveness probes are identical"
      : undefined,
});

export const CONTAINER_RULES = [
  cpuRequest,
  memoryRequest,
  memoryLimit,
  ephemeralStorageRequest,
  ephemeralStorageLimit,
  imagePinned,
  imageImmutableInProduction,
  runAsNonRoot,
  runAsUserNonZero,
  runAsGroupNonZero,
  seccompRuntimeDefault,
  noPrivilegeEscalation,
  capabilitiesDropAll,
  readOnlyRootFilesystem,
  readinessProbe,
  livenessProbe,
  probesDistinct,
];
