export * from "./core";
export * from "./network";
export * from "./cluster";
export * from "./database";
export * from "./observability";
export * from "./workload";
export * from "./delivery";
