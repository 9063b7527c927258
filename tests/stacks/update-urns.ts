import { stacks, synthesizedUrns, writeUrns } from "./urn-snapshot";

/** `npm run urns:update`: records each stack's URNs after a deliberate change of identities. */
async function main(): Promise<void> {
  for (const stack of stacks()) {
    const urns = await synthesizedUrns(stack);
    writeUrns(stack, urns);
    console.log(`${stack}: ${urns.length} URNs`);
  }
}

void main();
