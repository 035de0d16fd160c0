/**
 * The demo office's year, made in the order it happened: every document is a story of dated steps (a clerk
 * registers, the director 拟办, a leader 批示, a unit 签收 and 答复…) and all stories' steps run through the
 * same use cases a person calls, oldest first. So every register numbers in date order, a delivered copy is
 * signed for days after its 核发, and what is still open at `now` is only what a real office would still
 * have open: recent work, and a few units genuinely late. A seeded PRNG gives uneven, repeatable numbers.
 */
import { sql } from 'drizzle-orm';
import { cases } from '../db/schema/index.js';
import type { Db } from '../platform/db.js';
import { AppError } from '../platform/errors.js';
import { loadCalendar } from '../engine/calendar/calendar.service.js';
import { runReminderSweep } from '../engine/reminders/sweep.js';
import { makeCast } from './demo-actors.js';
import { disclosureStories, petitionStories } from './demo-citizens.js';
import { draftStories, incomingStories } from './demo-incoming.js';
import { instructionStories } from './demo-instructions.js';
import { supervisionStories } from './demo-supervision.js';
import { proposalStories } from './demo-proposals.js';
import { hotlineStories } from './demo-hotline.js';
import { outgoingStories } from './demo-outgoing.js';
import { officeTime, seededRandom } from './demo-time.js';
import type { Step, StoryContext } from './demo-story.js';

export type DemoCounts = { incoming: number; delivered: number; outgoing: number; instructions: number; drafts: number; disclosures: number; petitions: number; proposals: number; tickets: number };

export const demoDefaults = { incoming: 180, outgoing: 40, instructions: 30, drafts: 12, disclosures: 24, petitions: 40, proposals: 240, tickets: 300 } as const;

/** Steps kept in time order; a step may add later ones (a 核发 adds each unit's 签收). */
const runTimeline = async ({ steps, now, shouldStop }: { steps: Step[]; now: Date; shouldStop: () => boolean }): Promise<boolean> => {
  const queue = [...steps].sort((a, b) => a.at.getTime() - b.at.getTime());
  const overtaken = new Set<object>();
  for (let index = 0; index < queue.length; index += 1) {
    if (shouldStop()) return false;
    const step = queue[index]!;
    // Steps of one story come in increasing time, so a story stops at its first step after now.
    if (step.at.getTime() > now.getTime()) break;
    if (step.story && overtaken.has(step.story)) continue;
    // PGlite answers without touching the event loop: yield between steps so requests are served meanwhile.
    if (index % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
    let added: void | readonly Step[];
    try {
      added = await step.run();
    } catch (error) {
      // Someone signed in meanwhile and moved this document (409, 422): it is theirs now; the year goes on.
      if (!(error instanceof AppError) || !step.story) throw error;
      overtaken.add(step.story);
      continue;
    }
    for (const next of added ?? []) {
      let position = queue.length;
      while (position > index + 1 && queue[position - 1]!.at.getTime() > next.at.getTime()) position -= 1;
      queue.splice(position, 0, next);
    }
  }
  return true;
};

/** What the database holds: the numbers the start-up log gives. */
export const countDemoCases = async (db: Db): Promise<DemoCounts> => {
  const rows = await db
    .select({ kind: cases.kind, delivered: sql<boolean>`${cases.fields} ? 'deliveredFrom'`, n: sql<number>`count(*)::int` })
    .from(cases)
    .groupBy(cases.kind, sql`${cases.fields} ? 'deliveredFrom'`);
  const count = (kind: string, delivered = false) => rows.filter((row) => row.kind === kind && row.delivered === delivered).reduce((sum, row) => sum + row.n, 0);
  return {
    incoming: count('incoming'),
    delivered: count('incoming', true),
    outgoing: count('outgoing'),
    instructions: count('instruction'),
    drafts: count('draft'),
    disclosures: count('disclosure'),
    petitions: count('petition'),
    proposals: count('proposal'),
    tickets: count('ticket'),
  };
};

export const seedDemoYear = async ({
  db,
  now,
  counts = {},
  seed = 2026,
  shouldStop = () => false,
}: {
  db: Db;
  now: Date;
  counts?: Partial<Record<keyof typeof demoDefaults, number>>;
  seed?: number;
  /** Checked between steps: a server shutting down stops after the step in hand. */
  shouldStop?: () => boolean;
}): Promise<DemoCounts> => {
  const wanted = { ...demoDefaults, ...counts };
  const random = seededRandom(seed);
  const time = officeTime(await loadCalendar({ db }), random);
  // From the 2nd of January, or a year back when the year has hardly begun (metrics default to this year).
  const yearStart = new Date(`${now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4)}-01-02T09:00:00+08:00`);
  const from = now.getTime() - yearStart.getTime() > 60 * 86_400_000 ? yearStart : new Date(now.getTime() - 365 * 86_400_000);
  const context: StoryContext = { db, cast: makeCast(db), time, random, now, from };
  const steps = [
    ...(await incomingStories(context, wanted.incoming)),
    ...draftStories(context, wanted.drafts),
    ...(await instructionStories(context, wanted.instructions)),
    ...(await outgoingStories(context, wanted.outgoing)),
    ...(await disclosureStories(context, wanted.disclosures)),
    ...(await petitionStories(context, wanted.petitions)),
    ...(await supervisionStories(context)),
    ...(await proposalStories(context, wanted.proposals)),
    ...(await hotlineStories(context, wanted.tickets)),
  ];
  const finished = await runTimeline({ steps, now, shouldStop });
  // Late work is marked the way the every-minute sweep marks it, so the first look at the ledger is true.
  if (finished) await runReminderSweep({ db, now });
  return countDemoCases(db);
};
