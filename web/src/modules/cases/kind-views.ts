/**
 * How each kind's fields read on the page: Chinese labels, order, which are long text, how a
 * value is shown, the registration form, the kind's own sections of the detail page (拟办 and
 * 批示, 稿次), a focused view for the one who must act now (领导签批), and extra ledger buttons.
 * A kind without an entry shows its fields by name and has no form.
 */
import type { ComponentType, ReactNode } from 'react';
import type { AssignmentDetail, AvailableActionView, CaseDetail, KindView } from '../../../../common/schemas/cases.js';
import { disclosureRequestUi } from '../disclosure/request-view.js';
import { draftUi } from '../drafts/draft-view.js';
import { incomingUi } from '../incoming/incoming-view.js';
import { outgoingUi } from '../outgoing/outgoing-view.js';
import { petitionUi } from '../petition/petition-view.js';
import { supervisionUi } from '../supervision/supervision-view.js';
import { proposalUi } from '../proposal/proposal-view.js';
import { ticketUi } from '../hotline/hotline-view.js';
import type { ActionOptions } from './ActionModal.js';
import { InstructionFormModal } from './InstructionFormModal.js';

type AssignmentRoleName = AssignmentDetail['role'];

export type CreateFormProps = {
  kind: string;
  onClose: () => void;
  /** The new case; `warnings` are what the kind's checks found (e.g. 重复收文), for the detail page to show. */
  onCreated: (id: string, warnings?: readonly string[]) => void;
};

export type FieldView = {
  name: string;
  label: string;
  isLong?: boolean;
  /** How the value reads (a tag, a link, 是/否); plain text otherwise. */
  render?: (value: unknown, detail: CaseDetail) => ReactNode;
};

export type FocusViewProps = { detail: CaseDetail; action: AvailableActionView; onShowAll: () => void };

/** The form of an action whose input is the kind's whole field set (widget 'kindForm', e.g. 修改文稿). */
export type EditFormProps = { detail: CaseDetail; action: AvailableActionView; onClose: () => void };

export type KindUi = {
  fields: readonly FieldView[];
  CreateForm?: ComponentType<CreateFormProps>;
  /** The ledger's button that opens CreateForm; 登记 unless told. */
  createLabel?: string;
  /** Sections of the kind's own, shown after 基本信息. */
  Sections?: ComponentType<{ detail: CaseDetail }>;
  /** When the user may take `action` now, the page opens on this view (e.g. a leader's 签批 screen). */
  focus?: {
    action: string;
    View: ComponentType<FocusViewProps>;
    /** Open the view even while the action is blocked (it shows why, e.g. 格式检查 before 签发). */
    showsBlocked?: boolean;
  };
  /** The form for an action with a 'kindForm' input. */
  EditForm?: ComponentType<EditFormProps>;
  /** Per action: prefilled values and the kind's own control for a declared input. */
  actionOptions?: (detail: CaseDetail, action: AvailableActionView) => ActionOptions | undefined;
  /** Title of the assignments section (承办单位 unless told, e.g. 会签意见). */
  assignmentsTitle?: string;
  /** What the assignment roles are called in this kind (主办/协办/会办 unless told). */
  assignmentRoleLabels?: Record<AssignmentRoleName, string>;
  /** Label of closedAt (办结时间 unless told, e.g. 定稿时间). */
  closedLabel?: string;
  /** Actions that never apply to this case (e.g. 答复请示 on a document that is no 请示): not shown at all. */
  isActionHidden?: (detail: CaseDetail, action: AvailableActionView) => boolean;
  /** False for kinds never handed to units (文稿): no 承办单位 section. */
  hasAssignments?: boolean;
  /** Buttons beside 导出/登记 on the kind's ledger. */
  LedgerExtra?: ComponentType<{ kind: KindView }>;
  /** Whom a step written before the trail kept `sentTo` sent the case to, when the case's fields still say it. */
  legacySentTo?: (detail: CaseDetail, event: CaseDetail['events'][number]) => string | undefined;
};

const kindUis: Record<string, KindUi> = {
  instruction: {
    fields: [
      { name: 'leaderName', label: '批示领导' },
      { name: 'instructedOn', label: '批示日期' },
      { name: 'category', label: '批示类别' },
      { name: 'sourceRef', label: '文号' },
      { name: 'sourceTitle', label: '批示所涉文件或事项', isLong: true },
      { name: 'instruction', label: '批示内容', isLong: true },
    ],
    CreateForm: InstructionFormModal,
  },
  incoming: incomingUi,
  draft: draftUi,
  outgoing: outgoingUi,
  petition: petitionUi,
  disclosure: disclosureRequestUi,
  supervision: supervisionUi,
  proposal: proposalUi,
  ticket: ticketUi,
};

const isShown = (value: unknown) =>
  value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

const plain = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value));

/** The fields of a case to display, in order, with their labels; ids (…Id) stay hidden. */
export const displayFields = (detail: CaseDetail): Array<FieldView & { value: ReactNode }> => {
  const { fields } = detail;
  const known = kindUis[detail.kind]?.fields;
  const views: readonly FieldView[] =
    known ?? Object.keys(fields).filter((name) => !name.endsWith('Id')).map((name) => ({ name, label: name }));
  return views
    .filter((view) => isShown(fields[view.name]))
    .map((view) => ({ ...view, value: view.render ? view.render(fields[view.name], detail) : plain(fields[view.name]) }));
};

export const kindUiOf = (kind: string): KindUi | undefined => kindUis[kind];
