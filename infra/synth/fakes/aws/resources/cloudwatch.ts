import { arn } from "../context";
import type { FakeResourceTable } from "./types";

export const CLOUDWATCH_RESOURCES: FakeResourceTable = {
  "aws:cloudwatch/logGroup:LogGroup": {
    autoName: "name",
    outputs: (r) => ({ arn: arn(r.account, "logs", `log-group:${r.id}`) }),
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    autoName: "name",
    outputs: (r) => ({ arn: arn(r.account, "cloudwatch", `alarm:${r.id}`) }),
  },
  "aws:cloudwatch/dashboard:Dashboard": {
    id: (r) => String(r.inputs.dashboardName),
    outputs: (r) => ({ dashboardArn: arn(r.account, "cloudwatch", `dashboard/${r.id}`, "global") }),
  },
  "aws:cloudwatch/eventRule:EventRule": {
    autoName: "name",
    outputs: (r) => ({ arn: arn(r.account, "events", `rule/${r.id}`), eventBusName: "default" }),
  },
  "aws:cloudwatch/eventTarget:EventTarget": {
    id: (r) => `default-${String(r.inputs.rule)}-${String(r.inputs.targetId ?? r.hex(26))}`,
  },
};
