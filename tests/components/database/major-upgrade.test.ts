import { beforeAll, describe, expect, it } from "vitest";
import { INSTANCE_REPLACING_INPUTS, Postgres, type PostgresArgs } from "../../../components/database";
import { run, valueOf, type Registered } from "../../support/harness";
import { validArgs } from "./fixtures";

const INSTANCE = "aws:rds/instance:Instance";
const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";

interface Deployment {
  readonly registered: Registered;
  readonly parameterGroupName: string;
}

async function deploy(args: PostgresArgs): Promise<Deployment> {
  let db: Postgres | undefined;
  const registered = await run(
    () => {
      db = new Postgres("orders", args);
    },
    { stack: "prod" },
  );
  return { registered, parameterGroupName: await valueOf(db!.parameterGroupName) };
}

/**
 * The same production database planned three times: on 16, during the upgrade to 17, and on 17
 * afterwards. Comparing the plans shows what one `pulumi up` would change.
 */
describe("a major version upgrade from 16 to 17", () => {
  let before: Deployment;
  let during: Deployment;
  let after: Deployment;

  beforeAll(async () => {
    before = await deploy(validArgs({ engineVersion: "16" }));
    during = await deploy(validArgs({ engineVersion: "17", upgradeFromMajorVersion: 16 }));
    after = await deploy(validArgs({ engineVersion: "17" }));
  });

  it("keeps every URN: nothing is renamed, added or removed", () => {
    expect(during.registered.urns()).toEqual(before.registered.urns());
    expect(after.registered.urns()).toEqual(before.registered.urns());
  });

  it("moves the parameter group to the new family under a new generated name, created before the old one goes", () => {
    const old = before.registered.one(PARAMETER_GROUP);
    const next = during.registered.one(PARAMETER_GROUP);
    expect(next.urn).toBe(old.urn);
    expect(old.inputs.family).toBe("postgres16");
    expect(next.inputs.family).toBe("postgres17");
    // No fixed name: the replacement gets its own name, so it can exist next to the old group.
    expect(old.inputs.name).toBeUndefined();
    expect(next.inputs.name).toBeUndefined();
    expect(old.inputs.namePrefix).toBe("orders-postgres16-");
    expect(next.inputs.namePrefix).toBe("orders-postgres17-");
    expect(during.parameterGroupName).not.toBe(before.parameterGroupName);
    // Pulumi's default order for a replacement is create-then-delete; nothing asks otherwise.
    expect(next.options.deleteBeforeReplace).toBeUndefined();
    expect(old.inputs.parameters).toEqual(next.inputs.parameters);
  });

  it("upgrades the instance in place: no input that replaces it changes, and nothing forces a replacement", () => {
    const old = before.registered.one(INSTANCE);
    const next = during.registered.one(INSTANCE);
    expect(next.urn).toBe(old.urn);
    for (const input of INSTANCE_REPLACING_INPUTS) {
      expect(next.inputs[input], input).toEqual(old.inputs[input]);
    }
    expect(next.inputs.finalSnapshotIdentifier).toBe(old.inputs.finalSnapshotIdentifier);
    expect(next.options).toEqual(old.options);
    expect(next.options.replaceOnChanges).toBeUndefined();
    expect(next.options.deleteBeforeReplace).toBeUndefined();
    expect(next.options.protect).toBe(true);
  });

  it("changes the version, allows the major upgrade and applies it immediately, with the new group", () => {
    const old = before.registered.one(INSTANCE).inputs;
    const next = during.registered.one(INSTANCE).inputs;
    expect([old.engineVersion, next.engineVersion]).toEqual(["16", "17"]);
    expect([old.allowMajorVersionUpgrade, next.allowMajorVersionUpgrade]).toEqual([false, true]);
    expect([old.applyImmediately, next.applyImmediately]).toEqual([false, true]);
    expect(old.parameterGroupName).toBe(before.parameterGroupName);
    expect(next.parameterGroupName).toBe(during.parameterGroupName);
  });

  it("changes nothing but the version, the upgrade flags and the parameter group name", () => {
    const old = before.registered.one(INSTANCE).inputs;
    const next = during.registered.one(INSTANCE).inputs;
    const changed = Object.keys({ ...old, ...next }).filter(
      (k) => JSON.stringify(old[k]) !== JSON.stringify(next[k]),
    );
    expect(changed.sort()).toEqual([
      "allowMajorVersionUpgrade",
      "applyImmediately",
      "engineVersion",
      "parameterGroupName",
    ]);
  });

  it("returns to deferred changes and refused major upgrades once upgradeFromMajorVersion is removed", () => {
    const next = after.registered.one(INSTANCE).inputs;
    expect(next).toMatchObject({
      engineVersion: "17",
      allowMajorVersionUpgrade: false,
      applyImmediately: false,
    });
    expect(after.registered.one(PARAMETER_GROUP).inputs).toEqual(
      during.registered.one(PARAMETER_GROUP).inputs,
    );
    expect(after.parameterGroupName).toBe(during.parameterGroupName);
  });
});
