import { RDS_EVENT_ROUTES } from "../../components/database/alarms";
import type { PolicyResource, StackFinding, StackRule } from "../types";
import { ofType, strings, text, TYPES } from "./values";

/** Alarms that reach a person, and incidents that page: what one alarm or topic cannot show alone. */

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const RDS_EVENTS = "aws:rds/eventSubscription:EventSubscription";
/** RDS events that mean the database is down or about to be: the ones the database component pages on. */
const PAGING_RDS_EVENTS = RDS_EVENT_ROUTES.filter((r) => r.severity === "page").flatMap((r) => r.categories);

const finding = (resource: PolicyResource, message: string): StackFinding => ({ urn: resource.urn, message });
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * The stack's topic an ARN names. Offline a topic's ARN ends with its logical name and Pulumi's
 * 7-hex auto-name suffix; under CrossGuard an unknown ARN matches no topic and is not judged.
 */
function topicOf(topics: readonly PolicyResource[], arn: unknown): PolicyResource | undefined {
  const value = text(arn, "");
  return topics.find(
    (t) => value.endsWith(`:${t.name}`) || new RegExp(`:${escape(t.name)}-[0-9a-f]{7}$`).test(value),
  );
}
const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export const alarmsNotify: StackRule = {
  kind: "stack",
  name: "alarms-notify",
  description:
    "Every CloudWatch alarm notifies someone when it fires and when it clears, and links its runbook",
  fix: "route the alarm through the observability component's page or ticket topic (alarmActions and okActions) and end its description with `Runbook: https://…`",
  scope: "production",
  check: (resources) => {
    return ofType(resources, ALARM).flatMap((alarm) => {
      const actions = list(alarm.inputs.alarmActions);
      const problems: string[] = [];
      if (actions.length === 0) problems.push("notifies nobody");
      if (JSON.stringify(list(alarm.inputs.okActions)) !== JSON.stringify(actions))
        problems.push("does not say when it clears (okActions differ from alarmActions)");
      if (!/Runbook: https:\/\/\S+$/.test(text(alarm.inputs.alarmDescription, "")))
        problems.push("links no runbook");
      return problems.map((p) => finding(alarm, p));
    });
  },
};

export const incidentsPage: StackRule = {
  kind: "stack",
  name: "incidents-page",
  description:
    "A production stack's page topic has a confirmed https subscription (a pager), at least one alarm on it, and every database's failover, failure and low-storage events on it",
  fix: "set infra:observability.pagerDutyIntegrationUrl (secret) so the page topic gets its https subscription; the database component subscribes its events",
  scope: "production",
  check: (resources) => {
    const topics = ofType(resources, TYPES.snsTopic);
    // A stack without its own page topic pages through another stack's (a team's stack through the
    // platform's, by ARN): what reaches that topic is the other stack's to show.
    const page = topics.find((t) => t.name.endsWith("-page"));
    if (!page) return [];
    const isPage = (arn: unknown) => topicOf(topics, arn) === page;
    const problems: StackFinding[] = [];
    const pagers = ofType(resources, SUBSCRIPTION).filter(
      (s) =>
        isPage(s.inputs.topic) && s.inputs.protocol === "https" && s.inputs.endpointAutoConfirms === true,
    );
    if (pagers.length === 0) problems.push(finding(page, "no confirmed https subscription pages anyone"));
    if (!ofType(resources, ALARM).some((a) => list(a.inputs.alarmActions).some(isPage)))
      problems.push(finding(page, "no alarm pages"));
    const paged = ofType(resources, RDS_EVENTS)
      .filter((e) => isPage(e.inputs.snsTopic))
      .flatMap((e) => strings(e.inputs.eventCategories));
    for (const db of ofType(resources, TYPES.rdsInstance))
      for (const category of PAGING_RDS_EVENTS)
        if (!paged.includes(category)) problems.push(finding(db, `"${category}" events do not page`));
    return problems;
  },
};

export const ALERTING_RULES: StackRule[] = [alarmsNotify, incidentsPage];
