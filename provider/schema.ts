import { z } from "zod";
import { componentType, defaultOf, isInputSchema, PACKAGE_NAME, PROFILES } from "../components/core";

/**
 * The Pulumi package schema (https://www.pulumi.com/docs/iac/extensions/packages/schema/) of the
 * components, generated from their argument definitions: what `pulumi package add` turns into
 * C#, Python and Go classes. Pure: definitions in, JSON out.
 */

type Json = Record<string, unknown>;

/** A component as the schema describes it. */
export interface SchemaComponent {
  readonly component: string;
  readonly description: string;
  readonly schemas: Readonly<Record<(typeof PROFILES)[number], z.ZodObject>>;
  readonly outputs: z.ZodObject;
}

interface Unwrapped {
  readonly inner: z.ZodType;
  /** The name given with `.meta({ typeName })` on the field or any wrapper of it. */
  readonly typeName?: string;
  readonly secret: boolean;
  readonly optional: boolean;
  /** Whether the value may be an Output (`input()`), else the schema marks it plain. */
  readonly input: boolean;
  readonly description?: string;
}

function metaOf(schema: z.ZodType): Json {
  return schema.meta() ?? {};
}

/** Strips optional/default/input wrappers, keeping what they say. */
function unwrap(schema: z.ZodType): Unwrapped {
  let current = schema;
  let optional = false;
  let input = false;
  let description = schema.description;
  let typeName: string | undefined;
  let secret = false;
  for (;;) {
    description ??= current.description;
    typeName ??= metaOf(current).typeName as string | undefined;
    secret ||= metaOf(current).secret === true;
    if (current instanceof z.ZodOptional) {
      optional = true;
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
      optional = true;
      current = current.def.innerType as z.ZodType;
    } else if (isInputSchema(current)) {
      input = true;
      current = current.options[1];
    } else if (current instanceof z.ZodPipe) {
      current = current.def.out as z.ZodType;
    } else
      return {
        inner: current,
        optional,
        input,
        typeName,
        secret,
        description: description ?? current.description,
      };
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Builds the schema's `types` while it walks the definitions; names must not clash. */
class TypeTable {
  readonly types: Record<string, Json> = {};

  add(name: string, spec: Json): string {
    const token = `${PACKAGE_NAME}:index:${name}`;
    const existing = this.types[token];
    if (existing && JSON.stringify(existing) !== JSON.stringify(spec)) {
      throw new Error(`two different types are named ${name}; give one of them another typeName`);
    }
    this.types[token] = spec;
    return `#/types/${token}`;
  }
}

/** The typeSpec of one zod schema; `name` names an object or enum type that has no typeName. */
function typeSpec(schema: z.ZodType, name: string, table: TypeTable, plain: boolean): Json {
  const { inner, input, typeName: givenName } = unwrap(schema);
  const plainFlag = plain && !input ? { plain: true } : {};
  const typeName = givenName ?? name;
  const nestedPlain = plain && !input;
  if (inner instanceof z.ZodString) return { type: "string", ...plainFlag };
  if (inner instanceof z.ZodBoolean) return { type: "boolean", ...plainFlag };
  if (inner instanceof z.ZodNumber) {
    return { type: metaOf(inner).integer === true || inner.isInt ? "integer" : "number", ...plainFlag };
  }
  if (inner instanceof z.ZodEnum) {
    const values = inner.options as (string | number)[];
    const ref = table.add(typeName, {
      type: typeof values[0] === "number" ? "integer" : "string",
      enum: values.map((value) => ({ value })),
    });
    return { $ref: ref, ...plainFlag };
  }
  if (inner instanceof z.ZodLiteral) {
    return { type: typeof inner.value === "number" ? "number" : "string", ...plainFlag };
  }
  if (inner instanceof z.ZodArray) {
    return {
      type: "array",
      items: typeSpec(inner.element as z.ZodType, name, table, nestedPlain),
      ...plainFlag,
    };
  }
  if (inner instanceof z.ZodRecord) {
    return {
      type: "object",
      additionalProperties: typeSpec(inner.def.valueType as z.ZodType, name, table, nestedPlain),
      ...plainFlag,
    };
  }
  if (inner instanceof z.ZodObject) {
    const { properties, required } = objectProperties(inner, typeName, table, nestedPlain);
    const ref = table.add(typeName, {
      type: "object",
      properties,
      ...(required.length ? { required } : {}),
    });
    return { $ref: ref, ...plainFlag };
  }
  if (inner instanceof z.ZodUnion) {
    const options = (inner.options as z.ZodType[]).map((option, i) =>
      typeSpec(option, `${typeName}${i === 0 ? "" : i + 1}`, table, nestedPlain),
    );
    return { oneOf: options, ...plainFlag };
  }
  // Anything else (an opaque plan, a custom check) is any JSON value.
  return { $ref: "pulumi.json#/Any", ...plainFlag };
}

/** A default each profile agrees on goes in the schema; a profile's own is written in the description. */
function defaults(fieldsByProfile: readonly z.ZodType[]): { value?: unknown; text?: string } {
  const values = fieldsByProfile.map((field) => defaultOf(field));
  if (values.every((v) => v === undefined)) return {};
  const [first] = values;
  const same = values.every((v) => JSON.stringify(v) === JSON.stringify(first));
  const primitive = ["string", "number", "boolean"].includes(typeof first);
  if (same) return primitive ? { value: first } : { text: `Default: \`${JSON.stringify(first)}\`.` };
  return {
    text: `Default: ${PROFILES.map((p, i) => `\`${JSON.stringify(values[i])}\` (${p})`).join(", ")}.`,
  };
}

function objectProperties(
  object: z.ZodObject,
  name: string,
  table: TypeTable,
  plain: boolean,
  byProfile: readonly z.ZodObject[] = [object],
): { properties: Record<string, Json>; required: string[] } {
  const properties: Record<string, Json> = {};
  const required: string[] = [];
  const shape: Record<string, z.ZodType> = object.shape;
  for (const [key, field] of Object.entries(shape)) {
    const { optional, description, secret } = unwrap(field);
    const { value, text } = defaults(byProfile.map((o) => (o.shape as Record<string, z.ZodType>)[key]!));
    const docs = [description, text].filter(Boolean).join(" ");
    properties[key] = {
      ...typeSpec(field, `${name}${capitalize(key)}`, table, plain),
      ...(docs ? { description: docs } : {}),
      ...(value !== undefined ? { default: value } : {}),
      ...(secret ? { secret: true } : {}),
    };
    if (!optional) required.push(key);
  }
  return { properties, required };
}

/** The package schema of `components`, at `version`. */
export function packageSchema(components: readonly SchemaComponent[], version: string): Json {
  const table = new TypeTable();
  const resources: Record<string, Json> = {};
  for (const component of components) {
    const inputs = objectProperties(
      component.schemas.production,
      component.component,
      table,
      true,
      PROFILES.map((p) => component.schemas[p]),
    );
    const outputs = objectProperties(component.outputs, `${component.component}Outputs`, table, false);
    // Outputs carry no defaults.
    for (const property of Object.values(outputs.properties)) delete property.default;
    resources[componentType(component.component)] = {
      isComponent: true,
      description: component.description,
      inputProperties: inputs.properties,
      requiredInputs: inputs.required,
      properties: outputs.properties,
      required: outputs.required,
    };
  }
  return {
    name: PACKAGE_NAME,
    displayName: "infra",
    version,
    description:
      "The platform team's components: network, EKS cluster, PostgreSQL, observability, autoscaled services, logs key, GitHub OIDC.",
    language: {
      csharp: { rootNamespace: "Platform", respectSchemaVersion: true },
      python: { packageName: "platform_infra", respectSchemaVersion: true },
      go: { importBasePath: "github.com/platform/infra/sdk/go/infra", respectSchemaVersion: true },
      nodejs: { packageName: "@platform/infra-sdk", respectSchemaVersion: true },
    },
    resources,
    types: Object.fromEntries(Object.entries(table.types).sort(([a], [b]) => a.localeCompare(b))),
  };
}
