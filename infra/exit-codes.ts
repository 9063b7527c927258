/** Exit codes of the `infra` command line (ARCHITECTURE.md fixes them). */
export const EXIT = {
  ok: 0,
  /** A config, validation or usage error, or any failure of the tool itself. */
  error: 1,
  /** `infra drift`: drift found in at least one stack. */
  drift: 2,
  /** `infra changeset --compare`: the change set differs from the approved one. */
  changeSetDiffers: 2,
  /** `infra synth`: a mandatory policy failed. */
  policy: 3,
} as const;
