/** What one `measure.ts` run prints. */
export interface Measurement {
  readonly mode: "synth" | "floor";
  readonly stack: string;
  /** Resources registered, the stack and components included. */
  readonly resources: number;
  /** Provider-backed (custom) resources among them. */
  readonly customResources: number;
  /** Wall time of the run, milliseconds (see measure.ts for what is timed). */
  readonly ms: number;
  /** CPU time (user and system, every thread) the process spent in the run, milliseconds: less sensitive than `ms` to other load on the machine. */
  readonly cpuMs: number;
  /** Process start and module loading before the run, milliseconds; the same work in both modes. */
  readonly loadMs: number;
  /** Peak resident memory of the process, MiB. */
  readonly maxRssMb: number;
  /** Peak resident memory above what the process held when the run began, MiB. */
  readonly runRssMb: number;
}
