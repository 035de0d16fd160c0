/** One demo document's life as dated steps, each an action taken through the use cases by a demo user. */
import type { Db } from '../platform/db.js';
import { createCase } from '../engine/cases/create-case.js';
import { actAs, type Cast } from './demo-actors.js';
import type { OfficeTime, Random } from './demo-time.js';

/** `story` names the steps of one document: when a person got there first (the office is usable meanwhile), the rest are dropped. */
export type Step = { at: Date; run: () => Promise<void | readonly Step[]>; story?: object };

export type StoryContext = { db: Db; cast: Cast; time: OfficeTime; random: Random; now: Date; from: Date };

export type Story = {
  steps: Step[];
  /** The case, once its first step has run. */
  caseId: () => string;
  /** When the last step so far happens. */
  at: () => Date;
  create: (who: string, kindId: string, fields: Record<string, unknown>) => void;
  /** `who` takes `action` `workdays` of office time after the previous step. */
  then: (workdays: number, who: string, action: string, input?: Record<string, unknown>) => void;
  /** Anything else to run then (it may return later steps, e.g. the units' 签收 after a 核发). */
  thenRun: (workdays: number, run: (at: Date) => Promise<void | readonly Step[]>) => void;
};

export const makeStory = ({ db, cast, time }: StoryContext, start: Date): Story => {
  const steps: Step[] = [];
  let current = start;
  let id = '';
  const push = (at: Date, run: () => Promise<void | readonly Step[]>) => {
    current = at;
    steps.push({ at, run, story: steps });
  };
  return {
    steps,
    caseId: () => id,
    at: () => current,
    create: (who, kindId, fields) =>
      push(current, async () => {
        id = (await createCase({ db, actor: await cast.get(who), kindId, fields, now: start })).id;
      }),
    then: (workdays, who, action, input = {}) => {
      const at = time.later(current, workdays);
      push(at, async () => actAs({ db, actor: await cast.get(who), caseId: id, action, input, at }));
    },
    thenRun: (workdays, run) => {
      const at = time.later(current, workdays);
      push(at, () => run(at));
    },
  };
};
