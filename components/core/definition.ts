import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { InfraValidationError, show, type ValidationIssue } from "./errors";
import { PROFILES, type Profile } from "./profile";
import { DEFERRED_MESSAGE, shapeIssues } from "./shape-issues";

/**
 * One definition per component's arguments (docs/decisions/0001-component-argument-definitions.md):
 * a zod schema, built once per profile so each field carries the default of that profile, plus a
 * table of semantic rules that run on the resolved values. The TypeScript args type, the shape
 * errors, the documented defaults, the stack config fields, the config reference and the Pulumi
 * package schema all come from it.
 */

/** Whether `value` is known only at deployment: an `Output` or a promise. */
export function isDeferred<T>(
  value: T,
): value is Extract<T, pulumi.OutputInstance<unknown> | Promise<unknown>> {
  return (
    pulumi.Output.isInstance(value) ||
    (value !== null &&
      (typeof value === "object" || typeof value === "function") &&
      typeof (value as { then?: unknown }).then === "function")
  );
}

/**
 * Stands in for a value known only at deployment (an `Output` or a promise): shape validation lets
 * it through untouched, the semantic rules skip it.
 */
export const DEFERRED = z.custom<never>(isDeferred, { error: DEFERRED_MESSAGE });

/** An Output or promise of `T`'s values, as `input()` lets them through. */
type Deferred<T extends z.ZodType> = z.ZodType<
  pulumi.OutputInstance<z.output<T>> | Promise<z.output<T>>,
  pulumi.OutputInstance<z.input<T>> | Promise<z.input<T>>
>;

/** What `input(schema)` accepts: the value itself, or an Output or promise of it. */
export type InputSchema<T extends z.ZodType> = z.ZodUnion<[Deferred<T>, T]>;

/**
 * A field that may be an `Output` or a promise as well as a plain value (`pulumi.Input<T>`), as
 * another component's outputs are. Plain values are checked; deferred ones pass through.
 */
export function input<T extends z.ZodType>(schema: T): InputSchema<T> {
  return z.union([DEFERRED as unknown as Deferred<T>, schema]);
}

/** Whether `schema` was made by `input()`. */
export function isInputSchema(schema: z.ZodType): schema is InputSchema<z.ZodType> {
  return schema instanceof z.ZodUnion && schema.options[0] === DEFERRED;
}

/** Whether `value` is known now: not an Output or a promise. */
export function isKnown<T>(value: pulumi.Input<T> | undefined): value is T {
  return value !== undefined && !isDeferred(value);
}

/** A value per profile: `byProfile(profile, { development: 7, production: 90 })`. */
export function byProfile<T>(profile: Profile, values: Readonly<Record<Profile, T>>): T {
  return values[profile];
}

/** The `profile` argument every component takes. */
export const profileField = z
  .enum(PROFILES, {
    error: (i) => `${show(i.input)} is not a profile; use one of ${PROFILES.map((p) => show(p)).join(", ")}`,
  })
  .default("production")
  .describe("Selects the defaults: `development` is cheaper, `production` is safe.")
  .meta({ typeName: "Profile" });

/** One semantic rule: when `when` holds for the resolved args, `message` is reported at `path`. */
export interface Rule<A, C = undefined> {
  readonly path: string | ((args: A, context: C) => string);
  readonly when: (args: A, context: C) => boolean;
  readonly message: (args: A, context: C) => string;
}

/** The rules of each item of a list (`nodeGroups[i]`), reported under the item's path. */
export interface ItemRules<A, C = undefined> {
  readonly each: string;
  readonly rules: readonly Rule<never, C>[];
  readonly items: (args: A) => readonly unknown[] | undefined;
}

/** A check too rich for one condition (a planner's own issues), reported as it finds them. */
export interface Check<A, C = undefined> {
  readonly check: (args: A, context: C) => readonly ValidationIssue[];
}

export type RuleTable<A, C = undefined> = readonly (Rule<A, C> | ItemRules<A, C> | Check<A, C>)[];

/** An item of a list and where it stands, as item rules see it. */
export interface Item<I, A> {
  readonly item: I;
  readonly index: number;
  readonly args: A;
}

/** Rules over each item of `list`; `path` of each rule is relative to the item (`""` is the item). */
export function eachItem<A, I, C = undefined>(
  list: string,
  items: (args: A) => readonly I[] | undefined,
  rules: readonly Rule<Item<I, A>, C>[],
): ItemRules<A, C> {
  return { each: list, items, rules: rules };
}

function joinPath(head: string, tail: string): string {
  if (!tail) return head;
  if (!head) return tail;
  return tail.startsWith("[") ? `${head}${tail}` : `${head}.${tail}`;
}

/** Runs a rule table on resolved args. Pure. */
export function runRules<A, C>(
  table: RuleTable<A, C>,
  args: A,
  context: C,
  lenient = false,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  // On partly malformed args (lenient), a rule that cannot read its fields waits for the shape fix.
  const guarded = (run: () => void) => {
    if (!lenient) return run();
    try {
      run();
    } catch {
      /* judged once the shape is fixed */
    }
  };
  const apply = <X>(rule: Rule<X, C>, value: X, prefix: string) =>
    guarded(() => {
      if (rule.when(value, context)) {
        const path = typeof rule.path === "function" ? rule.path(value, context) : rule.path;
        issues.push({ path: joinPath(prefix, path), message: rule.message(value, context) });
      }
    });
  for (const entry of table) {
    if ("check" in entry) guarded(() => issues.push(...entry.check(args, context)));
    else if ("each" in entry) {
      guarded(() =>
        (entry.items(args) ?? []).forEach((item, index) => {
          for (const rule of entry.rules as readonly Rule<Item<unknown, A>, C>[]) {
            apply(rule, { item, index, args }, `${entry.each}[${index}]`);
          }
        }),
      );
    } else apply(entry, args, "");
  }
  return issues;
}

function unwrapField(field: z.ZodType): z.ZodType {
  let current = field;
  for (;;) {
    if (current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault)
      current = current.def.innerType as z.ZodType;
    else return current;
  }
}

/**
 * Stands in for a malformed value while the rules judge the rest: any read of it throws, so a rule
 * depending on it is skipped rather than misled.
 */
const MALFORMED: unknown = new Proxy(
  {},
  {
    get() {
      throw new Error("malformed value");
    },
    has() {
      throw new Error("malformed value");
    },
    ownKeys() {
      throw new Error("malformed value");
    },
  },
);

/**
 * The args as far as they can be resolved: each well-formed part parsed (defaults filled), each
 * malformed one replaced by MALFORMED.
 */
function bestEffort(field: z.ZodType, value: unknown): unknown {
  const parsed = field.safeParse(value);
  if (parsed.success) return parsed.data;
  const inner = unwrapField(field);
  if (inner instanceof z.ZodObject && value !== null && typeof value === "object" && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    const shape: Record<string, z.ZodType> = inner.shape;
    for (const [key, child] of Object.entries(shape)) {
      const resolved = bestEffort(child, (value as Record<string, unknown>)[key]);
      if (resolved !== undefined) out[key] = resolved;
    }
    return out;
  }
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    return value.map((item: unknown) => bestEffort(inner.element as z.ZodType, item));
  }
  return MALFORMED;
}

/** The fields a schema gives a default: optional to write, always present once parsed. */
export type Defaults<S extends z.ZodObject> = {
  [
    K in keyof z.output<S> as K extends keyof z.input<S>
      ? undefined extends z.input<S>[K]
        ? undefined extends z.output<S>[K]
          ? never
          : K
        : never
      : never
  ]: z.output<S>[K];
};

/** A component's argument definition. */
export interface ArgsDefinition<S extends z.ZodObject, C> {
  /** The component's class name: `Network`. */
  readonly component: string;
  /** The schema of each profile; the same shape, each field carrying that profile's default. */
  readonly schemas: Readonly<Record<Profile, S>>;
  readonly rules: RuleTable<z.output<S>, C>;
  /** The component's public outputs, for the package schema and `construct`'s state. */
  readonly outputs: z.ZodObject;
  readonly description: string;
  /** Every problem with `raw`, shape first, then the rules on what could be resolved. */
  issues(raw: unknown, context: C): ValidationIssue[];
  /** The resolved args (defaults filled), or an InfraValidationError naming every problem. */
  parse(raw: unknown, name: string, context: C): z.output<S>;
  /** The default each profile gives each field that has one. */
  defaults(profile: Profile): Defaults<S>;
  /**
   * A field passed as an Output or promise, once it resolves, checked with the resolved args exactly
   * as a plain value is before any resource exists (its shape and every rule reading it); a problem
   * fails the deployment with the same message. Rules that skipped the deferred value run here.
   */
  checkKnown<K extends keyof z.output<S>>(
    args: z.output<S>,
    key: K,
    value: pulumi.Unwrap<z.output<S>[K]>,
    name: string,
    context: C,
  ): pulumi.Unwrap<z.output<S>[K]>;
  /** `checkKnown` on the field once it resolves. */
  whenKnown<K extends keyof z.output<S>>(
    args: z.output<S>,
    key: K,
    name: string,
    context: C,
  ): pulumi.Output<pulumi.Unwrap<z.output<S>[K]>>;
}

function profileOf(raw: unknown): Profile {
  const profile = (raw as { profile?: unknown } | undefined)?.profile;
  return (PROFILES as readonly unknown[]).includes(profile) ? (profile as Profile) : "production";
}

/**
 * Defines a component's arguments. `schema(profile)` returns the same object schema for every
 * profile, differing only in defaults (`byProfile`); `withRules` adds the semantic rules, which see
 * the resolved args (and `C`, what the component knows besides them, e.g. its name).
 */
export function defineArgs<S extends z.ZodObject>(definition: {
  readonly component: string;
  readonly description: string;
  readonly schema: (profile: Profile) => S;
  readonly outputs: z.ZodObject;
}): { withRules<C = undefined>(rules: RuleTable<z.output<S>, C>): ArgsDefinition<S, C> } {
  return { withRules: (rules) => build(definition, rules) };
}

function build<S extends z.ZodObject, C>(
  definition: {
    readonly component: string;
    readonly description: string;
    readonly schema: (profile: Profile) => S;
    readonly outputs: z.ZodObject;
  },
  rules: RuleTable<z.output<S>, C>,
): ArgsDefinition<S, C> {
  const schemas = {
    development: definition.schema("development"),
    production: definition.schema("production"),
  };
  const keys = Object.keys(schemas.production.shape);
  const rank = (issue: ValidationIssue): [number, number] => {
    const match = /^([^.[]+)(?:\[(\d+)\])?/.exec(issue.path);
    const index = keys.indexOf(match?.[1] ?? issue.path);
    return [index < 0 ? keys.length : index, match?.[2] === undefined ? -1 : Number(match[2])];
  };
  // Problems in the order of the arguments (and of a list's items), whichever check found them.
  const ordered = (issues: ValidationIssue[]) =>
    issues.sort((a, b) => {
      const [ka, ia] = rank(a);
      const [kb, ib] = rank(b);
      return ka - kb || ia - ib;
    });
  const resolve = (raw: unknown, context: C): { issues: ValidationIssue[]; value?: z.output<S> } => {
    const schema = schemas[profileOf(raw)];
    const parsed = schema.safeParse(raw, { reportInput: true });
    if (parsed.success) return { issues: runRules(rules, parsed.data, context), value: parsed.data };
    const issues = shapeIssues(schema, parsed.error);
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return { issues };
    // The rules still judge what is well-formed, so every problem is reported in one pass; what
    // they say about a malformed value itself is left to its shape problem.
    const broken = issues.map((i) => i.path);
    const underBroken = (path: string) =>
      broken.some((b) => b === "" || path === b || path.startsWith(`${b}.`) || path.startsWith(`${b}[`));
    const ruleIssues = runRules(
      rules,
      bestEffort(schema, raw as Record<string, unknown>) as z.output<S>,
      context,
      true,
    );
    return { issues: [...issues, ...ruleIssues.filter((i) => !underBroken(i.path))] };
  };
  return {
    component: definition.component,
    description: definition.description,
    schemas,
    rules,
    outputs: definition.outputs,
    issues: (raw, context) => ordered(resolve(raw, context).issues),
    parse(raw, name, context) {
      const { issues, value } = resolve(raw, context);
      ordered(issues);
      if (issues.length > 0 || value === undefined) {
        throw new InfraValidationError(`${definition.component} "${name}"`, issues);
      }
      return value;
    },
    checkKnown(args, key, value, name, context) {
      const issues = ordered(resolve({ ...args, [key]: value }, context).issues);
      if (issues.length > 0) throw new InfraValidationError(`${definition.component} "${name}"`, issues);
      return value;
    },
    whenKnown(args, key, name, context) {
      const deferred: pulumi.Output<unknown> = pulumi.output(args[key] as pulumi.Input<unknown>);
      return deferred.apply((value) =>
        this.checkKnown(args, key, value as pulumi.Unwrap<z.output<S>[typeof key]>, name, context),
      );
    },
    defaults(profile) {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(schemas[profile].shape)) {
        const value = defaultOf(field as z.ZodType);
        if (value !== undefined) out[key] = value;
      }
      return out as Defaults<S>;
    },
  };
}

/** The default a field declares, if any (through optional and describe wrappers). */
export function defaultOf(field: z.ZodType): unknown {
  let current: z.ZodType = field;
  for (;;) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault) return current.def.defaultValue;
    if (current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
    else return undefined;
  }
}

/** Args as a caller writes them: every field with a default is optional. */
export type ArgsOf<D> = D extends { readonly schemas: Readonly<Record<Profile, infer S extends z.ZodObject>> }
  ? z.input<S>
  : never;
/** Args as the component sees them after `parse`: defaults filled in. */
export type ResolvedArgsOf<D> = D extends {
  readonly schemas: Readonly<Record<Profile, infer S extends z.ZodObject>>;
}
  ? z.output<S>
  : never;

/** The package every component is served under to other languages. */
export const PACKAGE_NAME = "infra";

/** A component's type token in the multi-language package: `infra:index:Network`. */
export function componentType(component: string): string {
  return `${PACKAGE_NAME}:index:${component}`;
}

/**
 * Resource options that keep the URNs a component had under its earlier type token (`legacyType`):
 * an alias to the old type, also for every alias the caller gives (a rename stays resolvable).
 * Children follow their parent's aliases, so one alias per component keeps the whole tree.
 */
export function withLegacyType(
  legacyType: string,
  opts: pulumi.ComponentResourceOptions | undefined,
): pulumi.ComponentResourceOptions {
  const given = opts?.aliases ?? [];
  const retyped = given.flatMap((alias) =>
    typeof alias === "string" || pulumi.Output.isInstance(alias) || (alias as pulumi.Alias).type !== undefined
      ? []
      : [{ ...(alias as pulumi.Alias), type: legacyType }],
  );
  return { ...opts, aliases: [...given, { type: legacyType }, ...retyped] };
}

/**
 * A component argument as a stack config key takes it: the same checks and description, without
 * the default (the stack applies its profile's), and required. The config declares no field of its
 * own where a component argument exists.
 */
export function requiredConfigField<S extends z.ZodObject, K extends keyof S["shape"] & string>(
  definition: { readonly schemas: Readonly<Record<Profile, S>> },
  key: K,
  description?: string,
): UnwrapField<S["shape"][K]> {
  const field = definition.schemas.production.shape[key] as z.ZodType;
  const inner = unwrapField(field);
  const text = description ?? field.description;
  return (text ? inner.describe(text) : inner) as UnwrapField<S["shape"][K]>;
}

/**
 * An object argument as a stack config key takes it: every field optional and without its default,
 * so a partial object in the stack file keeps the profile's default for each field left out (the
 * component fills them). Checks and descriptions are the argument's own.
 */
export function configObjectField<S extends z.ZodObject, K extends keyof S["shape"] & string>(
  definition: { readonly schemas: Readonly<Record<Profile, S>> },
  key: K,
  description?: string,
) {
  const field = definition.schemas.production.shape[key] as z.ZodType;
  const inner = unwrapField(field);
  if (!(inner instanceof z.ZodObject)) throw new Error(`${key} is not an object argument`);
  const shape = Object.fromEntries(
    Object.entries(inner.shape as Record<string, z.ZodType>).map(([name, f]) => {
      const unwrapped = unwrapField(f);
      return [name, (f.description ? unwrapped.describe(f.description) : unwrapped).optional()];
    }),
  );
  const text = description ?? field.description;
  const object = z.strictObject(shape);
  return (text ? object.describe(text) : object).optional();
}

/** `requiredConfigField`, optional: what most config keys are. */
export function configField<S extends z.ZodObject, K extends keyof S["shape"] & string>(
  definition: { readonly schemas: Readonly<Record<Profile, S>> },
  key: K,
  description?: string,
): z.ZodOptional<UnwrapField<S["shape"][K]>> {
  const required: z.ZodType = requiredConfigField(definition, key, description);
  return required.optional() as unknown as z.ZodOptional<UnwrapField<S["shape"][K]>>;
}

/** The schema inside optional/default wrappers, at the type level. */
type UnwrapField<T> =
  T extends z.ZodOptional<infer I>
    ? UnwrapField<I>
    : T extends z.ZodDefault<infer I>
      ? UnwrapField<I>
      : T extends z.ZodPrefault<infer I>
        ? UnwrapField<I>
        : T;
