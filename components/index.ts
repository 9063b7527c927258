export * from "./core";
export * from "./workload";
