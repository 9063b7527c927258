/**
 * Memory of the RDS DB instance classes that run PostgreSQL, the one fact about a class the
 * component needs (memory alarm, connection limit).
 *
 * Source: "Hardware specifications for DB instance classes" and "Supported DB engines for DB
 * instance classes" in the Amazon RDS User Guide. Checked November 2026.
 *
 * How to update: add a family to FAMILIES with the sizes RDS offers for PostgreSQL. General purpose
 * (`m`) classes have 4 GiB per vCPU, memory optimized (`r`) 8 GiB, `x2g` 16 GiB; burstable (`t`)
 * classes list their memory per size. A class missing here can still be used by passing its memory
 * as `instanceMemoryGib`.
 */
const GIB_PER_VCPU_GENERAL = 4;
const GIB_PER_VCPU_MEMORY = 8;
const GIB_PER_VCPU_X2 = 16;

/** vCPUs of the sized (non-burstable) classes: `large` is 2, `<n>xlarge` is 4n. */
const VCPUS: Readonly<Record<string, number>> = {
  large: 2,
  xlarge: 4,
  "2xlarge": 8,
  "4xlarge": 16,
  "8xlarge": 32,
  "12xlarge": 48,
  "16xlarge": 64,
  "24xlarge": 96,
  "32xlarge": 128,
  "48xlarge": 192,
};

const BURSTABLE_GIB: Readonly<Record<string, number>> = {
  micro: 1,
  small: 2,
  medium: 4,
  large: 8,
  xlarge: 16,
  "2xlarge": 32,
};

const UP_TO_16XL = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"];
const UP_TO_24XL = [...UP_TO_16XL, "24xlarge"];
const UP_TO_32XL = [...UP_TO_24XL, "32xlarge"];
const UP_TO_48XL = [...UP_TO_24XL, "48xlarge"];

function sized(gibPerVcpu: number, sizes: readonly string[]): Record<string, number> {
  return Object.fromEntries(sizes.map((size) => [size, VCPUS[size]! * gibPerVcpu]));
}

/** Family → size → memory in GiB. */
const FAMILIES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  t3: BURSTABLE_GIB,
  t4g: BURSTABLE_GIB,
  m5: sized(GIB_PER_VCPU_GENERAL, UP_TO_24XL),
  m5d: sized(GIB_PER_VCPU_GENERAL, UP_TO_24XL),
  m6g: sized(GIB_PER_VCPU_GENERAL, UP_TO_16XL),
  m6gd: sized(GIB_PER_VCPU_GENERAL, UP_TO_16XL),
  m6i: sized(GIB_PER_VCPU_GENERAL, UP_TO_32XL),
  m6id: sized(GIB_PER_VCPU_GENERAL, UP_TO_32XL),
  m7g: sized(GIB_PER_VCPU_GENERAL, UP_TO_16XL),
  m7i: sized(GIB_PER_VCPU_GENERAL, UP_TO_48XL),
  m8g: sized(GIB_PER_VCPU_GENERAL, UP_TO_48XL),
  r5: sized(GIB_PER_VCPU_MEMORY, UP_TO_24XL),
  r5b: sized(GIB_PER_VCPU_MEMORY, UP_TO_24XL),
  r5d: sized(GIB_PER_VCPU_MEMORY, UP_TO_24XL),
  r6g: sized(GIB_PER_VCPU_MEMORY, UP_TO_16XL),
  r6gd: sized(GIB_PER_VCPU_MEMORY, UP_TO_16XL),
  r6i: sized(GIB_PER_VCPU_MEMORY, UP_TO_32XL),
  r6id: sized(GIB_PER_VCPU_MEMORY, UP_TO_32XL),
  r7g: sized(GIB_PER_VCPU_MEMORY, UP_TO_16XL),
  r7i: sized(GIB_PER_VCPU_MEMORY, UP_TO_48XL),
  r8g: sized(GIB_PER_VCPU_MEMORY, UP_TO_48XL),
  x2g: sized(GIB_PER_VCPU_X2, UP_TO_16XL),
};

/** Every class in the table with its memory in GiB: `{ "db.t4g.micro": 1, "db.m7g.large": 8, ... }`. */
export const INSTANCE_CLASS_MEMORY_GIB: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(FAMILIES).flatMap(([family, sizes]) =>
    Object.entries(sizes).map(([size, gib]) => [`db.${family}.${size}`, gib]),
  ),
);

const RDS_CLASS_FORMAT =
  /^db\.[a-z][a-z0-9-]*\.(?:nano|micro|small|medium|large|\d*xlarge|metal(?:-\d+xl)?)$/;

/** Whether a string has the shape of an RDS DB instance class: `db.<family>.<size>`. */
export function isRdsInstanceClassFormat(instanceClass: string): boolean {
  return RDS_CLASS_FORMAT.test(instanceClass);
}

/** Memory of a class in the table, in GiB; undefined for a class the table does not list. */
export function instanceClassMemoryGib(instanceClass: string): number | undefined {
  return INSTANCE_CLASS_MEMORY_GIB[instanceClass];
}
