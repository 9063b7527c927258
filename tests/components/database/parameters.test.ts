import { describe, expect, it } from "vitest";
import { defaultParameters, planParameters } from "../../../components/database";
import { explicitMaxConnections } from "../../../components/database/parameters";

describe("parameter group settings", () => {
  it("forces TLS and logs slow statements, connections, disconnections and lock waits", () => {
    expect(defaultParameters(17)).toEqual({
      "rds.force_ssl": "1",
      log_connections: "1",
      log_disconnections: "1",
      log_lock_waits: "1",
      log_min_duration_statement: "1000",
    });
  });

  it("writes log_connections as the list PostgreSQL 18 expects", () => {
    expect(defaultParameters(18).log_connections).toBe("receipt,authentication,authorization");
    expect(defaultParameters(16).log_connections).toBe("1");
  });

  it("applies overrides over the defaults, sorted by name, immediately unless told otherwise", () => {
    const planned = planParameters(17, {
      log_min_duration_statement: "250",
      shared_preload_libraries: { value: "pg_stat_statements", applyMethod: "pending-reboot" },
      work_mem: { value: "16MB" },
    });
    expect(planned.map((p) => p.name)).toEqual([
      "log_connections",
      "log_disconnections",
      "log_lock_waits",
      "log_min_duration_statement",
      "rds.force_ssl",
      "shared_preload_libraries",
      "work_mem",
    ]);
    expect(planned.find((p) => p.name === "log_min_duration_statement")).toEqual({
      name: "log_min_duration_statement",
      value: "250",
      applyMethod: "immediate",
    });
    expect(planned.find((p) => p.name === "shared_preload_libraries")?.applyMethod).toBe("pending-reboot");
    expect(planned.find((p) => p.name === "work_mem")?.applyMethod).toBe("immediate");
  });

  it("reads an explicit max_connections in either form", () => {
    expect(explicitMaxConnections({ max_connections: "500" })).toBe(500);
    expect(explicitMaxConnections({ max_connections: { value: "200", applyMethod: "pending-reboot" } })).toBe(
      200,
    );
    expect(explicitMaxConnections({})).toBeUndefined();
  });
});
