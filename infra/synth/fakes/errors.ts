/**
 * An error from the fake cloud. The SDK reports a failed invoke with the gRPC error's `details`
 * (what a real provider's message arrives in), so the message is carried there too.
 */
export class FakeCloudError extends Error {
  readonly details: string;

  constructor(message: string) {
    super(message);
    this.name = "FakeCloudError";
    this.details = message;
  }
}
