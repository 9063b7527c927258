import { FakeCloudError } from "../errors";
/**
 * Renders `aws.iam.getPolicyDocument` arguments to the IAM JSON the provider would return, so tests
 * can parse trust and permission policies and assert on their exact statements.
 */
interface Principal {
  type: string;
  identifiers: string[];
}
interface Condition {
  test: string;
  variable: string;
  values: string[];
}
interface Statement {
  sid?: string;
  effect?: string;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  principals?: Principal[];
  notPrincipals?: Principal[];
  conditions?: Condition[];
}
export interface PolicyDocumentArgs {
  version?: string;
  policyId?: string;
  statements?: Statement[];
  sourcePolicyDocuments?: string[];
  overridePolicyDocuments?: string[];
}

type OneOrMany = string | string[];

function oneOrMany(values: string[]): OneOrMany {
  return values.length === 1 ? values[0]! : [...values];
}

function renderPrincipals(principals: Principal[]): OneOrMany | Record<string, OneOrMany> {
  if (principals.length === 1 && principals[0]!.type === "*") return "*";
  const byType: Record<string, string[]> = {};
  for (const p of principals) (byType[p.type] ??= []).push(...p.identifiers);
  return Object.fromEntries(Object.entries(byType).map(([type, ids]) => [type, oneOrMany(ids)]));
}

function renderConditions(conditions: Condition[]): Record<string, Record<string, OneOrMany>> {
  const byTest: Record<string, Record<string, OneOrMany>> = {};
  for (const c of conditions) (byTest[c.test] ??= {})[c.variable] = oneOrMany(c.values);
  return byTest;
}

function renderStatement(s: Statement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.sid) out.Sid = s.sid;
  out.Effect = s.effect ?? "Allow";
  if (s.actions?.length) out.Action = oneOrMany(s.actions);
  if (s.notActions?.length) out.NotAction = oneOrMany(s.notActions);
  if (s.resources?.length) out.Resource = oneOrMany(s.resources);
  if (s.notResources?.length) out.NotResource = oneOrMany(s.notResources);
  if (s.principals?.length) out.Principal = renderPrincipals(s.principals);
  if (s.notPrincipals?.length) out.NotPrincipal = renderPrincipals(s.notPrincipals);
  if (s.conditions?.length) out.Condition = renderConditions(s.conditions);
  return out;
}

export function renderPolicyDocument(args: PolicyDocumentArgs): { json: string; minifiedJson: string } {
  if (args.sourcePolicyDocuments?.length || args.overridePolicyDocuments?.length) {
    throw new FakeCloudError(
      "the fake aws:iam/getPolicyDocument does not merge sourcePolicyDocuments/overridePolicyDocuments; write the statements out",
    );
  }
  const document: Record<string, unknown> = { Version: args.version ?? "2012-10-17" };
  if (args.policyId) document.Id = args.policyId;
  document.Statement = (args.statements ?? []).map(renderStatement);
  return { json: JSON.stringify(document, null, 2), minifiedJson: JSON.stringify(document) };
}
