/**
 * What a kind of case declares: fields, states, the transition table, deadline rules,
 * serial numbers, who it waits on, and the metrics it feeds. The engine runs any kind
 * from this declaration alone; a new kind is a new folder, not a change to the engine.
 */
import type { z } from 'zod';
import type { Role } from '../../../../common/access.js';
import type { AssignmentClockDeclaration, AssignmentSignClock, ClockAmount, ClockSpec, ReminderRung } from '../clocks/clock.types.js';
import type { ActionForm } from '../inputs/fields.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import type { PersonalType } from '../personal/mask.js';

/** A personal field: what it holds (how it is masked and whether it is indexed) and its label. */
export type PersonalFieldSpec = { type: PersonalType; label: string };
/** A free-text field whose embedded personal numbers are masked and sealed (personalText): its label, for 显示 and the audit. */
export type PersonalTextSpec = { label: string };

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
  /** The unit's 申请延期 awaiting the office's answer (absent where a view is built without it). */
  extensionRequest?: { amount: number; reason: string } | null;
};

/** Who may take an action: office roles, the case's own people, or the unit an assignment is for. */
export type ActorRule =
  | { roles: readonly Role[] }
  | { handler: true } // the case's handler
  | { fieldUser: string } // the user whose id is in this field, e.g. the instructing leader
  | { assignedUnit: readonly AssignmentState[] } // a 联络员 of a unit whose assignment is in one of these states
  | { check: (who: { userId: string; roles: readonly Role[]; unitId: string }, context: GuardContext) => boolean }; // a kind's own rule

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
  | 'reopen' // every answered assignment goes back to 办理中 (e.g. a leader instructs again)
  | 'recall' // the office withdraws an open assignment with a reason (撤回 → 已撤回)
  | 'reassign' // the office moves an open assignment to another unit (改派): the old withdrawn, the new given
  | 'ask_extension' // the unit asks for more days on its assignment (申请延期), for the office to answer
  | 'grant_extension' // the office grants the unit's request: the assignment's clock is extended, within the cap
  | 'refuse_extension'; // the office refuses the unit's request with a reason

/** Whom an action sends the case to, as its trail entry says it: 「呈 张局长、李副市长 依次批示」. */
export type SentTo = { verb: string; names: string[]; awaits: string };

export type Transition = {
  action: string;
  label: string;
  from: readonly string[];
  /** The next state; null keeps the state (an assignment-level step); a function decides from the case and input. */
  to: string | null | ((context: TransitionContext) => string);
  actor: ActorRule | readonly ActorRule[]; // any of
  effect?: Effect;
  /** The inputs the action takes, declared with engine/inputs builders: checked on the server, rendered by the web. */
  input?: ActionForm;
  /** Ask before sending: always (签发), or when an input is left empty (an empty 签批 is a 圈阅). */
  confirm?: { message: string; whenEmpty?: string };
  /** Why the action is not possible now (shown to the user), or undefined when it is. */
  guard?: (context: GuardContext) => string | undefined;
  /**
   * Why the action can never apply to this case — a fact that no later step changes, such as how the
   * document arrived — or undefined when it may. Unlike a guard ("not now", offered disabled with the
   * reason), such an action is not offered at all, and taking it anyway is refused with this reason.
   */
  neverApplies?: (context: GuardContext) => string | undefined;
  /**
   * True when the action as asked would change nothing (a 修改 saved without a change): then nothing
   * is written — no new version, no trail entry — and the answer is the case as it stands.
   */
  changesNothing?: (context: TransitionContext) => boolean;
  /** Marks where the case is closed (办结). */
  closes?: boolean;
  /**
   * The people this action sends the case to (拟办 → the leaders for 批示), from the fields as `patchFields` left
   * them: kept in the trail event as `sentTo`, so the 留痕 names them however the fields change later. Pure: the
   * names are those the fields hold (a kind's `people`, or what `patchFields` looked up), no query of its own.
   */
  sendsTo?: (context: TransitionContext) => SentTo | undefined;
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

/** What a transition's `to` and `patchFields` see: the case, who acts (as whom), and the input as its form checked it. */
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
  /**
   * Labels of the kind's own field keys, for a refused registration's message (「来文字号」不能为空) — keys the
   * shared list (common/field-labels.ts) lacks or names otherwise for this kind.
   */
  fieldLabels?: Readonly<Record<string, string>>;
  /** The case's title, derived from its fields. */
  titleOf: (fields: z.infer<Fields>) => string;
  /** Text searched by `q` in the ledger. */
  searchTextOf: (fields: z.infer<Fields>) => string;
  states: Readonly<Record<string, string>>; // id → Chinese label
  initialState: string;
  /** The state a case starts in when its fields call for another than initialState (a 收文 delivered at 核发 waits to be signed for). */
  initialStateOf?: (fields: Record<string, unknown>) => string;
  /** Roles that may register a case of this kind; roles that see every case of it. */
  roles: { create: readonly Role[]; view: readonly Role[] };
  transitions: readonly Transition[];
  /**
   * The case's own clocks (engine/clocks), in sequence or side by side; a function when they depend on
   * the fields or the settings (a 基层请示 answered within the days it was registered with).
   */
  clocks?: readonly ClockSpec[] | ((fields: Record<string, unknown>, settings: Readonly<Record<string, number>>) => readonly ClockSpec[]);
  /** The clock each 交办 gets, with defaults by role (主办 3 months, 会办 1 month …). */
  assignmentClock?: AssignmentClockDeclaration & {
    /**
     * The period when 交办 names none and it differs from the role's default (e.g. by urgency), for a 交办 made
     * on `today` (Shanghai): a kind whose units are due on a date (督办's 完成时限) counts the period from it.
     */
    periodOf?: (context: GuardContext, settings: Readonly<Record<string, number>>, today: string) => ClockAmount | undefined;
    /** A second clock on each assignment, for its 签收 (kind-clocks.ts assignmentSignSpecOf). */
    signWithin?: AssignmentSignClock;
  };
  /** Reminders on every clock of the case and its assignments: 临期, 逾期, escalation. */
  reminderLadder?: readonly ReminderRung[];
  /** The basis quoted for an assignment's clock when it depends on the case (e.g. its urgency); the role default's otherwise. */
  assignmentBasis?: (fields: Record<string, unknown>) => string;
  /**
   * Runs inside the creating transaction, after the case row exists: checks such as duplicates,
   * which may link records and return warnings for the user (they do not stop the registration).
   */
  onCreated?: (context: { tx: Db; caseId: string; fields: Record<string, unknown>; actor: Actor; now: Date }) => Promise<string[]>;
  /**
   * onCreated for many cases registered at once (createCases), given in the order of their numbers; returns each
   * one's warnings. All their rows exist when it runs: each case must be checked against the ones before it only,
   * as one createCase after another would have. A kind with onCreated must have it to be registered in bulk.
   */
  onCreatedMany?: (context: { tx: Db; cases: ReadonlyArray<{ caseId: string; fields: Record<string, unknown> }>; actor: Actor; now: Date }) => Promise<string[][]>;
  /** Columns of this kind's register (登记簿): the ledger page and its Excel export, after 序号 and 编号. */
  ledgerColumns?: ReadonlyArray<LedgerColumn>;
  serial: (year: number, seq: number) => string;
  waitingOn: (context: GuardContext) => WaitingOn;
  /**
   * What a closed case still waits on (default: nothing): a 12345 ticket merged into another (已归并, closed and
   * counted with its main ticket) whose main ticket's answer came still waits on the center's 回访 of its own caller.
   */
  waitingOnClosed?: (context: GuardContext) => WaitingOn;
  /** Metric ids (METRICS.md) this kind feeds. */
  metrics: readonly string[];
  /**
   * Whether a unit that returned its 交办 (退回, 退单) keeps sight of the case once the office gives the case to
   * another unit. 'kept' (the default): the unit still sees the case and the trail of what it did (收文, 批示件 …).
   * 'endsOnRedispatch': from the 交办 or 改派 to another unit, the returned assignment grants no sight — the unit's
   * ledger, the case page (404, like any case outside its scope) and its 待办 — until the case is given to it
   * again (12345: a ticket sent elsewhere is no longer the returning unit's business).
   */
  returnedSight?: 'kept' | 'endsOnRedispatch';
  /** False when a kind's assignments may all be 会签/会办 without a 主办 (发文 会签). */
  assignmentsNeedLead?: boolean;
  /**
   * Fields that name a person for a role (e.g. the instructing leader, who then acts on the case): on
   * registration and whenever an action changes one, the engine requires an active account holding one
   * of the roles and writes the account's name into `nameField` (a typed name is not kept).
   */
  people?: Readonly<Record<string, { roles: readonly Role[]; label: string; nameField?: string }>>;
  /**
   * Top-level fields holding a citizen's personal data (an applicant's or petitioner's name, phone, ID number,
   * address): stored only sealed with SM4, masked in every view, shown in full by an audited 显示
   * (engine/personal). Phone and ID numbers also get a blind index, to find the person's earlier cases.
   */
  personalFields?: Readonly<Record<string, PersonalFieldSpec>>;
  /**
   * Top-level free-text fields a citizen's numbers may be typed into (诉求内容, a letter, a petition's 摘要): on
   * registration and whenever an action changes one, the engine masks the phone and 身份证 numbers and e-mail
   * addresses in it (platform/personal-numbers.ts) before the row, its title and its search text are written, and,
   * when it masked any, seals the clear text as it seals a personal field: shown in full by the same audited 显示.
   * Not indexed: a person is found by their declared phone or ID number, not by a number written in a text.
   */
  personalText?: Readonly<Record<string, PersonalTextSpec>>;
  /**
   * Free text an action takes that may carry a citizen's numbers (回访 notes, 退单 reasons): the input's name
   * ('comment'; 'requested.reason' inside a group). Masked before the action stores it anywhere — the trail's comment,
   * the effect's data, fields a hook writes — and sealed whole in the event, for 显示 (pii.reveal, audited). Only what
   * a case's work says about the citizen: a reply or an opinion printed as the office's own words is not listed.
   */
  personalInputs?: readonly string[];
};

/** What a ledger column reads from one case row. */
export type LedgerRow = { fields: Record<string, unknown>; title: string; stateLabel: string; createdAt: Date; dueDate: string | null; leadUnits: readonly string[] };

/**
 * One column of a kind's register. `key` names it for the page; `show` says how the page renders it
 * (a link for the title, the coloured 时限 tag for the due date); `excelOnly` keeps a wide register's
 * minor columns (抄送, 公开属性) out of the page's table but in the export.
 */
export type LedgerColumn = {
  key: string;
  header: string;
  width: number;
  show?: 'text' | 'title' | 'due';
  excelOnly?: boolean;
  value: (row: LedgerRow) => string | number;
};
