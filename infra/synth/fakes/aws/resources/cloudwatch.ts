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
};
