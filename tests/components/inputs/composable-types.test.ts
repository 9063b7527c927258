import { describe, expect, it } from "vitest";
import { readRepoFile, typecheck } from "../../support/typecheck";

const FIXTURE = "tests/components/inputs/fixtures/team-program.ts.txt";

/**
 * A team composes the components with Outputs of other resources and of StackReferences; these are
 * compile-time promises, so the compiler checks them (one program for every case).
 */
describe("arguments typed as pulumi.Input", () => {
  const program = readRepoFile(FIXTURE);
  // The same program with one argument of the wrong type: proves the check can fail.
  const wrongImage = program.replace("image: builtImage,", "image: pulumi.output(42),");
  const wrongIds = program.replace(
    "natGatewayIds: network.natGatewayIds,",
    "natGatewayIds: network.natGatewayIdsByZone,",
  );
  const errors = typecheck({
    "tests/components/inputs/fixtures/team-program.ts": program,
    "tests/components/inputs/fixtures/wrong-image.ts": wrongImage,
    "tests/components/inputs/fixtures/wrong-ids.ts": wrongIds,
  });
  const of = (file: string) => errors.filter((e) => e.file.endsWith(file));

  it("take Outputs of other components and StackReferences: image, ids, lists of ids, ARNs, env values, engine version", () => {
    expect(wrongImage).not.toBe(program);
    expect(wrongIds).not.toBe(program);
    expect(of("team-program.ts")).toEqual([]);
  });

  it("still reject an Output of the wrong type", () => {
    expect(of("wrong-image.ts").map((e) => `${e.line}: ${e.message}`)).toEqual([
      expect.stringMatching(
        /^22: Type 'OutputInstance<number>' is not assignable to type 'string \| OutputInstance<string>/,
      ),
    ]);
    expect(of("wrong-ids.ts")).toHaveLength(1);
    expect(of("wrong-ids.ts")[0]!.message).toMatch(/natGatewayIdsByZone|Record<string, string>/);
  });
});
