import { arn } from "../context";
import type { FakeResourceTable } from "./types";

const DEFAULT_PORTS: Record<string, number> = { postgres: 5432, mysql: 3306, mariadb: 3306 };

export const RDS_RESOURCES: FakeResourceTable = {
  "aws:rds/instance:Instance": {
    autoName: "identifier",
    id: (r) => `db-${r.hex(26).toUpperCase()}`,
    outputs: (r) => {
      const identifier = String(r.inputs.identifier);
      const region = r.account.region.name;
      const port = Number(r.inputs.port ?? DEFAULT_PORTS[String(r.inputs.engine)] ?? 5432);
      const address = `${identifier}.c${r.hex(11, "host")}.${region}.rds.${r.account.dnsSuffix}`;
      const managed = r.inputs.manageMasterUserPassword === true;
      return {
        arn: arn(r.account, "rds", `db:${identifier}`),
        resourceId: r.id,
        address,
        port,
        endpoint: `${address}:${port}`,
        hostedZoneId: "Z29XKXDKYMONMX",
        status: "available",
        masterUserSecrets: managed
          ? [
              {
                secretArn: arn(
                  r.account,
                  "secretsmanager",
                  `secret:rds!${r.id.toLowerCase()}-${r.hex(6, "secret")}`,
                ),
                kmsKeyId:
                  r.inputs.masterUserSecretKmsKeyId ?? arn(r.account, "kms", "alias/aws/secretsmanager"),
                secretStatus: "active",
              },
            ]
          : [],
      };
    },
  },
};
