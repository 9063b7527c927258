import * as provider from "@pulumi/pulumi/provider";
import packageJson from "./package.json";
import { InfraProvider } from "./provider";

// The plugin's entry point (PulumiPlugin.yaml, runtime nodejs): serves the package to the engine.
void provider.main(new InfraProvider(packageJson.version), process.argv.slice(2));
