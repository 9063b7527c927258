import { z } from "zod";

/** One documented config key, with its default under each profile. */
export interface ConfigKeyDoc {
  readonly key: string;
  readonly type: string;
  readonly description: string;
  readonly defaults: Readonly<Record<string, string>>;
}

function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  let inner = schema;
  let optional = false;
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) {
      optional = true;
      inner = (inner instanceof z.ZodOptional ? inner.unwrap() : inner.def.innerType) as z.ZodType;
    } else return { inner, optional };
  }
}

function typeName(schema: z.ZodType): string {
  if (schema instanceof z.ZodEnum) return schema.options.map((o) => `\`${String(o)}\``).join(" \\| ");
  if (schema instanceof z.ZodNumber) {
    return schema.isInt || (schema.meta() as { integer?: boolean } | undefined)?.integer
      ? "integer"
      : "number";
  }
  if (schema instanceof z.ZodPipe) return typeName(schema.def.out as z.ZodType);
  if (schema instanceof z.ZodString) return "string";
  if (schema instanceof z.ZodBoolean) return "boolean";
  if (schema instanceof z.ZodRecord) return "map of string";
  if (schema instanceof z.ZodArray) return `list of ${typeName(unwrap(schema.element as z.ZodType).inner)}`;
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
 * Every leaf key of the config schema with its description (from `.describe()`) and the default
 * each profile gives it. List items are documented once, as `key[].field`.
 */
export function describeConfig(
  namespace: string,
  schema: z.ZodObject,
  profiles: Readonly<Record<string, unknown>>,
): ConfigKeyDoc[] {
  const docs: ConfigKeyDoc[] = [];
  const walk = (
    shape: Record<string, z.ZodType>,
    path: string[],
    defaultsPath: string[] | undefined,
    prefix: string,
  ) => {
    for (const [key, field] of Object.entries(shape)) {
      const { inner, optional } = unwrap(field);
      const name = prefix ? `${prefix}.${key}` : `${namespace}:${key}`;
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
        type: typeName(inner),
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
