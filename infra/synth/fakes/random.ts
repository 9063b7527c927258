import { FakeCloudError } from "./errors";
import { hexFor } from "./ids";

type Outputs = { id: string; state: Record<string, unknown> };

/** `@pulumi/random` resources with deterministic "random" values, so synth output is reproducible. */
export function fakeRandomResource(type: string, name: string, inputs: Record<string, any>): Outputs {
  const seed = `${type}::${name}`;
  switch (type) {
    case "random:index/randomId:RandomId": {
      const bytes = Buffer.from(hexFor(seed, Number(inputs.byteLength ?? 8) * 2), "hex");
      const b64Url = bytes.toString("base64url");
      const prefix = String(inputs.prefix ?? "");
      return {
        id: b64Url,
        state: {
          ...inputs,
          hex: prefix + bytes.toString("hex"),
          b64Url: prefix + b64Url,
          b64Std: prefix + bytes.toString("base64"),
          dec: prefix + BigInt(`0x${bytes.toString("hex")}`).toString(10),
        },
      };
    }
    case "random:index/randomPassword:RandomPassword":
    case "random:index/randomString:RandomString": {
      const result = hexFor(seed, Number(inputs.length ?? 16));
      return { id: "none", state: { ...inputs, result } };
    }
    case "random:index/randomPet:RandomPet":
      return { id: `${inputs.prefix ?? "fake"}-pet-${hexFor(seed, 6)}`, state: inputs };
    default:
      throw new FakeCloudError(
        `the fake cloud does not know resource type "${type}" (${name}); add it to infra/synth/fakes/random.ts`,
      );
  }
}
