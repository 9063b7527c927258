export * from "./core";
export * from "./cluster";
