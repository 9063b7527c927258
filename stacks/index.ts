import { readEnvironmentConfig } from "./config";
import { platform } from "./platform";

/** The Pulumi program: the engine calls the exported function and records its result as stack outputs. */
export = () => platform(readEnvironmentConfig());
