import * as pulumi from "@pulumi/pulumi";
import { plainValue, type RecordedOptions, type SynthResource } from "./model";

/* The parts of the SDK's protobuf requests the recorder reads (see @pulumi/pulumi/proto/resource_pb). */
interface StructLike {
  toJavaScript(): Record<string, unknown>;
}
interface AliasSpecLike {
  getName(): string;
  getType(): string;
  getStack(): string;
  getProject(): string;
  getParenturn(): string;
  getNoparent(): boolean;
}
interface AliasLike {
  getUrn(): string;
  getSpec(): AliasSpecLike | undefined;
}
interface RegisterResourceRequestLike {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): StructLike | undefined;
  hasProtect(): boolean;
  getProtect(): boolean | undefined;
  getDependenciesList(): string[];
  getProvider(): string;
  getPropertydependenciesMap(): {
    forEach(cb: (deps: { getUrnsList(): string[] }, key: string) => void): void;
  };
  getDeletebeforereplace(): boolean;
  getIgnorechangesList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getImportid(): string;
  hasCustomtimeouts(): boolean;
  getCustomtimeouts(): { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
  getReplaceonchangesList(): string[];
  hasRetainondelete(): boolean;
  getRetainondelete(): boolean | undefined;
  getAliasesList(): AliasLike[];
  getAliasurnsList(): string[];
  getDeletedwith(): string;
}
interface RegisterResourceOutputsRequestLike {
  getUrn(): string;
  getOutputs(): StructLike | undefined;
}
type Callback = (err: unknown, response?: { getUrn?(): string }) => void;
interface MockMonitorLike {
  newUrn(parent: string, type: string, name: string): string;
  registerResource(req: RegisterResourceRequestLike, callback: Callback): Promise<void>;
  registerResourceOutputs(req: RegisterResourceOutputsRequestLike, callback: Callback): void;
}

/** The qualified-type chain the engine builds a child URN from: the stack's own type never appears. */
export function childUrn(stack: string, project: string, parent: string, type: string, name: string): string {
  let qualifiedType = type;
  if (parent) {
    const parentType = parent.split("::")[2]!;
    if (parentType !== "pulumi:pulumi:Stack") qualifiedType = `${parentType}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}

function providerUrn(reference: string): string | null {
  if (!reference) return null;
  return reference.substring(0, reference.lastIndexOf("::"));
}

/**
 * Every resource the engine makes this one wait for: the URNs its inputs carry (property
 * dependencies) and its `dependsOn`, as the SDK sends them (a component expanded to its custom
 * children), deduplicated and sorted.
 */
function recordDependencies(req: RegisterResourceRequestLike): string[] {
  const all = new Set(req.getDependenciesList());
  req.getPropertydependenciesMap().forEach((deps) => deps.getUrnsList().forEach((urn) => all.add(urn)));
  return [...all].sort();
}

function recordOptions(req: RegisterResourceRequestLike): RecordedOptions {
  const options: RecordedOptions = {};
  if (req.hasProtect() && req.getProtect()) options.protect = true;
  if (req.hasRetainondelete() && req.getRetainondelete()) options.retainOnDelete = true;
  if (req.getIgnorechangesList().length) options.ignoreChanges = [...req.getIgnorechangesList()];
  if (req.getDeletebeforereplace()) options.deleteBeforeReplace = true;
  if (req.getReplaceonchangesList().length) options.replaceOnChanges = [...req.getReplaceonchangesList()];
  if (req.getAdditionalsecretoutputsList().length) {
    options.additionalSecretOutputs = [...req.getAdditionalsecretoutputsList()];
  }
  if (req.getDeletedwith()) options.deletedWith = req.getDeletedwith();
  if (req.getImportid()) options.importId = req.getImportid();
  const timeouts = req.hasCustomtimeouts() ? req.getCustomtimeouts() : undefined;
  if (timeouts) {
    const entries = Object.entries({
      create: timeouts.getCreate(),
      update: timeouts.getUpdate(),
      delete: timeouts.getDelete(),
    });
    const set = entries.filter(([, v]) => v);
    if (set.length) options.customTimeouts = Object.fromEntries(set);
  }

  const viaInputs = new Set<string>();
  req.getPropertydependenciesMap().forEach((deps) => deps.getUrnsList().forEach((urn) => viaInputs.add(urn)));
  const explicit = req.getDependenciesList().filter((urn) => !viaInputs.has(urn));
  if (explicit.length) options.dependsOn = [...new Set(explicit)].sort();

  const aliases = [
    ...req.getAliasurnsList(),
    ...req.getAliasesList().map((alias) => {
      const spec = alias.getSpec();
      if (!spec) return alias.getUrn();
      const fields: Record<string, string | boolean> = {
        name: spec.getName(),
        type: spec.getType(),
        stack: spec.getStack(),
        project: spec.getProject(),
        parentUrn: spec.getParenturn(),
        noParent: spec.getNoparent(),
      };
      return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== "" && v !== false));
    }),
  ];
  if (aliases.length) options.aliases = aliases;
  return options;
}

/**
 * Records every resource registration the program makes, with its options, by wrapping the mock
 * monitor that `pulumi.runtime.setMocks` installed. The mock monitor's own `newResource` callback
 * only sees type, name and inputs; the request carries everything else (protect, ignoreChanges,
 * dependencies, aliases, ...).
 */
export class RegistrationRecorder {
  private readonly records = new Map<string, SynthResource>();
  private readonly duplicates = new Set<string>();
  private stackOutputs: Record<string, unknown> = {};

  constructor() {
    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorLike | undefined;
    if (!monitor || typeof monitor.newUrn !== "function") {
      throw new Error("RegistrationRecorder needs pulumi.runtime.setMocks to have been called first");
    }
    const stack = pulumi.getStack();
    const project = pulumi.getProject();
    // The SDK's mock monitor keeps only the nearest parent type in a URN; the engine keeps the chain.
    monitor.newUrn = (parent, type, name) => childUrn(stack, project, parent, type, name);

    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
      const urn = monitor.newUrn(req.getParent(), req.getType(), req.getName());
      if (this.records.has(urn)) this.duplicates.add(urn);
      this.records.set(urn, {
        urn,
        type: req.getType(),
        name: req.getName(),
        parent: req.getParent() || null,
        custom: req.getCustom(),
        provider: providerUrn(req.getProvider()),
        inputs: plainValue(req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
        options: recordOptions(req),
        dependencies: recordDependencies(req),
      });
      return register(req, callback);
    };

    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, callback) => {
      if (req.getUrn().split("::")[2] === "pulumi:pulumi:Stack") {
        this.stackOutputs = plainValue(req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
      }
      registerOutputs(req, callback);
    };
  }

  /** Every registered resource, sorted by URN. */
  resources(): SynthResource[] {
    return [...this.records.values()].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  }

  /** The stack's outputs, secrets masked, keys sorted. */
  outputs(): Record<string, unknown> {
    return this.stackOutputs;
  }

  /** URNs registered more than once: the engine rejects such a program. */
  duplicateUrns(): string[] {
    return [...this.duplicates].sort();
  }
}
