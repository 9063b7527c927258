export * from "./core";
export * from "./observability";
