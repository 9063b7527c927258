import { describe, expect, it } from "vitest";
import { OBSERVABILITY_DEFAULTS } from "../../../components/observability";
import { stackSettings } from "../../../components/observability/stack-settings";

describe("kube-prometheus-stack settings", () => {
  it("takes the profile's defaults and the gp3 class when nothing is given", () => {
    const settings = stackSettings({}, OBSERVABILITY_DEFAULTS.production);
    expect(settings.prometheus).toEqual({
      replicas: 2,
      retentionDays: 31,
      persistent: true,
      storageGi: 50,
      storageClassName: "gp3",
    });
    expect(settings.alertmanager).toEqual({
      replicas: 2,
      persistent: true,
      storageGi: 2,
      storageClassName: "gp3",
    });
    expect(settings.resources).toBe(OBSERVABILITY_DEFAULTS.production.resources);
    expect(settings.scrapeKubeProxy).toBe(false);
  });

  it("lets explicit args win over the profile", () => {
    const settings = stackSettings(
      {
        replicas: 3,
        retentionDays: 30,
        persistent: true,
        storageGi: 100,
        storageClassName: "gp3-encrypted",
        alertmanagerReplicas: 3,
        scrapeKubeProxy: true,
      },
      OBSERVABILITY_DEFAULTS.development,
    );
    expect(settings.prometheus).toEqual({
      replicas: 3,
      retentionDays: 30,
      persistent: true,
      storageGi: 100,
      storageClassName: "gp3-encrypted",
    });
    expect(settings.alertmanager).toEqual({
      replicas: 3,
      persistent: false,
      storageGi: 1,
      storageClassName: "gp3-encrypted",
    });
    expect(settings.scrapeKubeProxy).toBe(true);
  });
});
