/**
 * What a kind of case declares: fields, states, the transition table, deadline rules,
 * serial numbers, who it waits on, and the metrics it feeds. The engine runs any kind
 * from this declaration alone; a new kind is a new folder, not a change to the engine.
 */
import type { z } from 'zod';
import type { Role } from '../../../../common/access.js';
import type { DeadlineRule } from '../deadlines/deadlines.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';

export type AssignmentRole = 'lead' | 'assist' | 'consult';
/** 'ended': still open when its case was closed (办结) — it was given to the unit, but no answer is awaited any more. */
export type AssignmentState = 'pending' | 'in_progress' | 'replied' | 'returned' | 'withdrawn' | 'ended';

/** The case as transitions see it. */
export type CaseView = {
  id: string;
  kind: string;
  serialNo: string;
  title: string;
  state: string;
  fields: Record<string, unknown>;
  ownerUnitId: string;
  handlerId: string | null;
  createdBy: string;
  version: number;
};

export type AssignmentView = {
  id: string;
  unitId: string;
  role: AssignmentRole;
  state: AssignmentState;
  dueDate: string | null;
  reply: string | null;
  replyAccepted: boolean;
};

/** Who may take an action: office roles, the case's own people, or the unit an assignment is for. */
export type ActorRule =
  | { roles: readonly Role[] }
  | { handler: true } // the case's handler
  | { fieldUser: string } // the user whose id is in this field, e.g. the instructing leader
  | { assignedUnit: readonly AssignmentState[] } // a 联络员 of a unit whose assignment is in one of these states
  | { check: (who: { userId: string; roles: readonly Role[]; unitId: string }, context: GuardContext) => boolean }; // a kind's own rule

/** The inputs an action asks for; the web builds the form from this list. */
export type ActionInput =
  | 'comment'
  | 'leaders' // the leaders to 批示 and whether in order or together (拟办)
  | 'text' // a full text (a 文稿 version)
  | 'units' // [{unitId, role, dueDays?, instruction?}]
  | 'reply'
  | 'attachments'
  | 'reason'
  | 'satisfaction'
  | 'extension' // {amount, reason}
  | 'handler' // a user id
  | 'document' // the kind's whole field set, edited (发文 修改)
  | 'reservation'; // optionally, a 预留 文号 to use (发文 登记)

/**
 * What an action does to the case's assignments, besides moving the case's state. The engine
 * implements each once; kinds pick them by name.
 */
export type Effect =
  | 'assign' // create assignments from the `units` input, each with its deadline
  | 'sign' // the actor's unit signs for its assignment (待签收 → 办理中)
  | 'reply' // the actor's unit replies (办理中 → 已答复)
  | 'unit_return' // the actor's unit returns the assignment with a reason (→ 已退回)
  | 'accept_reply' // the office accepts a reply (with the requester's satisfaction)
  | 'reject_reply' // the office sends a reply back (已答复 → 办理中)
  | 'extend' // the office extends an assignment's deadline, within the rule's cap
  | 'reopen'; // every answered assignment goes back to 办理中 (e.g. a leader instructs again)

export type Transition = {
  action: string;
  label: string;
  from: readonly string[];
  /** The next state; null keeps the state (an assignment-level step); a function decides from the case and input. */
  to: string | null | ((context: TransitionContext) => string);
  actor: ActorRule | readonly ActorRule[]; // any of
  effect?: Effect;
  inputs?: readonly ActionInput[];
  commentRequired?: boolean;
  /** Why the action is not possible now (shown to the user), or undefined when it is. */
  guard?: (context: GuardContext) => string | undefined;
  /** Marks where the case is closed (办结). */
  closes?: boolean;
  /**
   * Changes to the case's fields this action makes (e.g. a leader's 批示 recorded in the plan).
   * Runs before `to`, which then sees the patched fields. May throw a validation error.
   */
  patchFields?: (context: TransitionContext & { db: Db }) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /**
   * Work that must commit or roll back with the action, run after the version is claimed (so a
   * lost race never reaches it) and last before the trail event (so a lock it takes, such as the
   * 文号 sequence's, is held briefly): e.g. allocating a 文号 at 登记, or delivering at 核发. Returns
   * fields to merge into the case and data for the trail event; `waitingOn` does not see those fields.
   */
  inTransaction?: (context: TransitionContext & { tx: Db; actor: Actor; caseId: string }) => Promise<{ fields?: Record<string, unknown>; data?: Record<string, unknown> }>;
};

/** What a transition's `to` and `patchFields` see: the case, who acts (as whom), and the input. */
export type TransitionContext = GuardContext & {
  who: { userId: string; displayName: string; roles: readonly Role[]; unitId: string };
  /** Who pressed the button: `who` itself, or the B角 standing in for `who` (then a signature reads 代). */
  by: { userId: string; displayName: string };
  input: { comment?: string | undefined; [key: string]: unknown };
  now: Date;
  today: string;
};

export type GuardContext = {
  case: CaseView;
  assignments: readonly AssignmentView[];
  assignment?: AssignmentView | undefined; // the actor's unit's assignment, for unit actions
};

/** Whom the case waits on in its current state: the 待办 of users and units. */
export type WaitingOn = Array<{ userId: string; label: string } | { unitId: string; assignmentId: string; label: string }>;

export type KindDefinition<Fields extends z.ZodType = z.ZodType> = {
  id: string;
  label: string;
  /** zod schema of the kind's fields, validated on create. */
  fields: Fields;
  /** The case's title, derived from its fields. */
  titleOf: (fields: z.infer<Fields>) => string;
  /** Text searched by `q` in the ledger. */
  searchTextOf: (fields: z.infer<Fields>) => string;
  states: Readonly<Record<string, string>>; // id → Chinese label
  initialState: string;
  /** Roles that may register a case of this kind; roles that see every case of it. */
  roles: { create: readonly Role[]; view: readonly Role[] };
  transitions: readonly Transition[];
  deadlines: {
    assignment?: DeadlineRule;
    /** A deadline on the case itself (e.g. replying to a 请示 from below), started when the case is registered. */
    case?: (fields: Record<string, unknown>, settings: Readonly<Record<string, number>>) => DeadlineRule | undefined;
    /** When the case deadline has been met (e.g. the reply to the 请示 is recorded), it stops counting. */
    isCaseDeadlineMet?: (fields: Record<string, unknown>) => boolean;
  };
  /** Working days an assignment gets when 交办 names none (e.g. by urgency); the rule's amount otherwise. */
  assignmentDays?: (context: GuardContext, settings: Readonly<Record<string, number>>) => number | undefined;
  /**
   * Runs inside the creating transaction, after the case row exists: checks such as duplicates,
   * which may link records and return warnings for the user (they do not stop the registration).
   */
  onCreated?: (context: { tx: Db; caseId: string; fields: Record<string, unknown>; actor: Actor; now: Date }) => Promise<string[]>;
  /** Columns of this kind's register (登记簿) in Excel, after 序号 and 编号. */
  ledgerColumns?: ReadonlyArray<{ header: string; width: number; value: (row: { fields: Record<string, unknown>; title: string; stateLabel: string; createdAt: Date; dueDate: string | null }) => string | number }>;
  serial: (year: number, seq: number) => string;
  waitingOn: (context: GuardContext) => WaitingOn;
  /** Metric ids (METRICS.md) this kind feeds. */
  metrics: readonly string[];
  /** False when a kind's assignments may all be 会签/会办 without a 主办 (发文 会签). */
  assignmentsNeedLead?: boolean;
  /** Field names holding citizens' personal numbers, masked for readers without need. */
  personalFields?: readonly string[];
};
