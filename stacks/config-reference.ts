import { z } from "zod";
import { isInputSchema } from "../components/core";

/** One documented config key, with its default under each profile. */
export interface ConfigKeyDoc {
  readonly key: string;
  readonly type: string;
  readonly description: string;
  readonly defaults: Readonly<Record<string, string>>;
}

function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean; deferred: boolean } {
  let inner = schema;
  let optional = false;
  let deferred = false;
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault) {
      optional = true;
      inner = (inner instanceof z.ZodOptional ? inner.unwrap() : inner.def.innerType) as z.ZodType;
    } else if (isInputSchema(inner)) {
      // A component argument that may also be an Output (`input()`): documented as its value.
      deferred = true;
      inner = inner.options[1];
    } else return { inner, optional, deferred };
  }
}

/** A type, as `Input<T>` when it may be an Output too and `inputs` (component arguments) is on. */
function inputType(type: string, deferred: boolean, inputs: boolean): string {
  return deferred && inputs ? `Input<${type}>` : type;
}

function elementType(element: z.ZodType, inputs: boolean): string {
  const { inner, deferred } = unwrap(element);
  return inputType(typeName(inner, inputs), deferred, inputs);
}

function typeName(schema: z.ZodType, inputs = false): string {
  if (schema instanceof z.ZodEnum) return schema.options.map((o) => `\`${String(o)}\``).join(" \\| ");
  if (schema instanceof z.ZodNumber) {
    return schema.isInt || (schema.meta() as { integer?: boolean } | undefined)?.integer
      ? "integer"
      : "number";
  }
  if (schema instanceof z.ZodPipe) return typeName(schema.def.out as z.ZodType, inputs);
  if (schema instanceof z.ZodString) return "string";
  if (schema instanceof z.ZodBoolean) return "boolean";
  if (schema instanceof z.ZodRecord) return `map of ${elementType(schema.valueType as z.ZodType, inputs)}`;
  if (schema instanceof z.ZodArray) return `list of ${elementType(schema.element as z.ZodType, inputs)}`;
  if (schema instanceof z.ZodUnion) {
    return [...new Set(schema.options.map((o) => typeName(unwrap(o as z.ZodType).inner, inputs)))].join(
      " \\| ",
    );
  }
  if (schema instanceof z.ZodObject) return "object";
  return schema.def.type;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function lookup(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (!isRecord(current)) return undefined;
    current = current[segment];
  }
  return current;
}

function render(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return `\`${value}\``;
  return `\`${JSON.stringify(value)}\``;
}

/**
 * Every leaf key of the config schema (or of a component's arguments, with namespace `""`) with its description (from `.describe()`) and the default
 * each profile gives it. List items are documented once, as `key[].field`.
 */
export function describeConfig(
  namespace: string,
  schema: z.ZodObject,
  profiles: Readonly<Record<string, unknown>>,
  /** Component arguments: mark those that take an Output as `Input<T>` (config values never are). */
  inputs = false,
): ConfigKeyDoc[] {
  const docs: ConfigKeyDoc[] = [];
  const walk = (
    shape: Record<string, z.ZodType>,
    path: string[],
    defaultsPath: string[] | undefined,
    prefix: string,
  ) => {
    for (const [key, field] of Object.entries(shape)) {
      const { inner, optional, deferred } = unwrap(field);
      const name = prefix ? `${prefix}.${key}` : namespace ? `${namespace}:${key}` : key;
      const description = field.description ?? inner.description ?? "";
      const itemDefaults = defaultsPath ? [...defaultsPath, key] : undefined;
      if (inner instanceof z.ZodObject) {
        walk(inner.shape, [...path, key], itemDefaults, name);
        continue;
      }
      const element = inner instanceof z.ZodArray ? unwrap(inner.element as z.ZodType).inner : undefined;
      if (element instanceof z.ZodObject) {
        // A profile gives a list either a whole default list or defaults for each of its items.
        const perItem =
          itemDefaults !== undefined &&
          Object.values(profiles).some((p) => isRecord(lookup(p, itemDefaults)));
        const listDefaults = defaultsFor(perItem ? undefined : itemDefaults, optional);
        docs.push({ key: name, type: "list", description, defaults: listDefaults });
        walk(element.shape, [...path, key], perItem ? itemDefaults : undefined, `${name}[]`);
        continue;
      }
      docs.push({
        key: name,
        type: inputType(typeName(inner, inputs), deferred, inputs),
        description,
        defaults: defaultsFor(itemDefaults, optional),
      });
    }
  };
  const defaultsFor = (path: string[] | undefined, optional: boolean): Record<string, string> =>
    Object.fromEntries(
      Object.entries(profiles).map(([profile, defaults]) => {
        const value = path ? lookup(defaults, path) : undefined;
        return [profile, value !== undefined ? render(value) : optional ? "" : "required"];
      }),
    );
  walk(schema.shape, [], [], "");
  return docs;
}

/** The config reference as a Markdown table. */
export function renderConfigTable(docs: readonly ConfigKeyDoc[], profiles: readonly string[]): string {
  const escape = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const header = `| key | type | ${profiles.join(" | ")} | description |`;
  const rule = `| --- | --- | ${profiles.map(() => "---").join(" | ")} | --- |`;
  const rows = docs.map(
    (d) =>
      `| \`${d.key}\` | ${d.type} | ${profiles.map((p) => d.defaults[p] ?? "").join(" | ")} | ${escape(d.description)} |`,
  );
  return [header, rule, ...rows].join("\n");
}
