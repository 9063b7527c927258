export * from "./core";
export * from "./database";
