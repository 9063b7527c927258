import { describe, expect, it } from "vitest";
import { committedUrns, stacks, synthesizedUrns } from "./urn-snapshot";

// A changed URN is a delete and a create in `pulumi up`: a replaced VPC, cluster or database.
// Any change here must be deliberate: rename with `aliases`, then `npm run urns:update`.
describe("stack identities", () => {
  it.each(stacks())("the %s stack keeps the URNs recorded in tests/stacks/urns/", async (stack) => {
    const current = await synthesizedUrns(stack);
    const committed = committedUrns(stack);
    const added = current.filter((urn) => !committed.includes(urn));
    const removed = committed.filter((urn) => !current.includes(urn));
    expect(
      { added, removed },
      "URNs changed: add aliases for renamed resources, then run `npm run urns:update` if the change is deliberate",
    ).toEqual({ added: [], removed: [] });
  });
});
