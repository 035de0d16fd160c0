/**
 * What a record type declares, like a kind does for cases: its fields (zod), the title and time span they
 * give, the list columns and detail rows, who may see and change it (a permission each, and whether a
 * unit-scoped reader sees only their unit's records), and whether its changes go through the generic routes
 * or only through its module's use cases (a meeting's room booking has invariants the generic update cannot keep).
 */
import type { z } from 'zod';
import type { Permission } from '../../../../common/access.js';
import type { RecordColumn } from '../../../../common/schemas/records.js';

export type RecordType<S extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>> = {
  type: string;
  label: string;
  fields: S;
  title: (fields: z.infer<S>) => string;
  /** The time span the record covers, when it has one. */
  span?: (fields: z.infer<S>) => { startsAt: Date; endsAt: Date } | undefined;
  initialState: string;
  states?: Record<string, string>;
  listColumns: readonly RecordColumn[];
  detail: readonly RecordColumn[];
  read: Permission;
  write: Permission;
  /** true: a reader whose scope is their unit sees (and changes) only records of that unit. */
  isUnitScoped: boolean;
  /** 'generic': POST/PATCH /api/records/:type; 'module': only the module's own use cases write it. */
  writes: 'generic' | 'module';
};

const registry = new Map<string, RecordType>();

/** Declares a type, keeping its field types for the declaration's own functions. */
export const defineRecordType = <S extends z.ZodType<Record<string, unknown>>>(declaration: RecordType<S>): RecordType => declaration as unknown as RecordType;

export const registerRecordType = (declaration: RecordType): void => {
  const existing = registry.get(declaration.type);
  if (existing && existing !== declaration) throw new Error(`record type ${declaration.type} registered twice`);
  registry.set(declaration.type, declaration);
};

export const findRecordType = (type: string): RecordType | undefined => registry.get(type);
export const recordTypes = (): RecordType[] => [...registry.values()];
