/**
 * A refused input's message names its field as a clerk knows it (「文号」), never by its key or path
 * (`fields.docNumber`): the path stays in `details` for the web to mark the box. Whoever checks knows best —
 * an action's declared inputs, a record type's columns, a kind's own labels — and passes its labels; the
 * well-known body keys below are the fallback. A field found nowhere is not named at all (the message alone),
 * rather than by its key.
 */

/** Labels of body keys many schemas share (what the forms call them). */
export const fieldLabels: Readonly<Record<string, string>> = {
  title: '标题',
  subject: '标题',
  name: '名称',
  shortName: '简称',
  code: '代码',
  docNumber: '文号',
  documentNumber: '文号',
  docNo: '文号',
  sourceRef: '文号',
  referralRef: '交办文号',
  docType: '文种',
  fromOrg: '来文机关',
  issuerCode: '机关代字',
  issuerName: '发文机关标志',
  organName: '发文机关署名',
  mainTo: '主送机关',
  copyTo: '抄送机关',
  jointIssuers: '联合行文机关',
  urgency: '紧急程度',
  secrecy: '密级',
  disclosure: '公开属性',
  copies: '份数',
  pages: '页数',
  body: '正文',
  bodyText: '正文',
  content: '内容',
  summary: '内容摘要',
  text: '内容',
  remarks: '备注',
  note: '备注',
  comment: '意见',
  opinion: '意见',
  reason: '原因',
  category: '类别',
  channel: '来源渠道',
  source: '来源',
  receivedOn: '收到日期',
  signedAt: '签收时间',
  instructedOn: '批示日期',
  writtenOn: '成文日期',
  publishedOn: '公开日期',
  repealedOn: '废止日期',
  openedOn: '立项日期',
  submittedOn: '提交日期',
  checkedOn: '督查日期',
  givenOn: '提出日期',
  issuedOn: '通报日期',
  meetingOn: '会议日期',
  date: '日期',
  dueOn: '完成时限',
  deadline: '完成时限',
  due: '时限',
  replyBy: '报送期限',
  startsAt: '开始时间',
  endsAt: '结束时间',
  submissionDeadline: '议题报送截止时间',
  until: '截止时间',
  from: '开始日期',
  to: '结束日期',
  startDate: '开始日期',
  endDate: '结束日期',
  year: '年度',
  month: '月份',
  period: '期间',
  meetingType: '会议类型',
  roomId: '会议室',
  location: '地点',
  leaderIds: '出席领导',
  leaderId: '领导',
  attendingUnitIds: '参会单位',
  attendees: '参会人员',
  materials: '材料',
  leadUnitId: '牵头单位',
  helperUnitIds: '责任单位',
  unitId: '单位',
  unitIds: '单位',
  userId: '人员',
  userIds: '人员',
  toUserId: '接收人',
  signerId: '签发人',
  principalId: '主要负责人',
  parentId: '上级单位',
  measures: '具体措施或目标',
  milestones: '节点',
  reportCycle: '调度方式',
  callerName: '来电人',
  callerPhone: '联系电话',
  phone: '联系电话',
  contactName: '联系人',
  contactPhone: '联系电话',
  address: '地址',
  idNumber: '证件号码',
  applicantName: '申请人',
  petitionerName: '信访人',
  visitors: '来访人次',
  username: '用户名',
  displayName: '姓名',
  password: '密码',
  currentPassword: '原密码',
  newPassword: '新密码',
  roles: '角色',
  purpose: '传阅目的',
  attachments: '附件',
  capacity: '容纳人数',
  sortOrder: '排序号',
  value: '数值',
  version: '版本',
  place: '地点',
  people: '参加人员',
  findings: '督查发现',
  caseIds: '事项',
  term: '届次',
  session: '第几次会议',
  number: '编号',
  leadName: '领衔人',
  channels: '公开渠道',
  initialPassword: '初始密码',
  type: '类型',
  recipients: '传阅对象',
  fields: '内容',
};

const INDEX = /^\d+$/;

/**
 * The label of the field at `path`, in a clerk's words: each known key's label, an index as 第 N 项
 * (主送机关第 2 项名称); unknown keys are left out. Undefined when nothing on the path is known. The caller's
 * labels come before the shared ones.
 */
export const labelOfPath = (path: readonly PropertyKey[], labels: Readonly<Record<string, string>> = {}): string | undefined => {
  const words: string[] = [];
  for (const segment of path) {
    const key = String(segment);
    if (INDEX.test(key)) {
      if (words.length > 0) words.push(`第 ${Number(key) + 1} 项`);
      continue;
    }
    const label = Object.hasOwn(labels, key) ? labels[key] : Object.hasOwn(fieldLabels, key) ? fieldLabels[key] : undefined;
    // The envelope (fields, input) is named only when nothing under it is: 内容 for a whole missing body.
    if (label) words.push(label);
  }
  if (words.length > 1 && words[0] === fieldLabels.fields && !Object.hasOwn(labels, 'fields')) words.shift();
  return words.length > 0 ? words.join('') : undefined;
};

export type LabelledIssue = { path: string; label?: string; message: string };

/** Issues as `details.fields` carries them: the path for the web to mark the box, the label to read. */
export const labelIssues = (
  issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>,
  labels: Readonly<Record<string, string>> = {},
): LabelledIssue[] =>
  issues.map((issue) => {
    const label = labelOfPath(issue.path, labels);
    return { path: issue.path.map(String).join('.'), ...(label ? { label } : {}), message: issue.message };
  });

/** 请填写会议名称, 请至少选择一个承办单位 — but not 请从给定的选项中选择, which names nothing. */
const namesWhatToFill = /^请(填写|选择|至少|写明)./;

/**
 * One issue as a clerk reads it: 「文号」不能为空. A message already naming its field is kept as it is — one
 * holding the label, or a schema's own request (请填写会议名称) that says what to fill better than the label.
 */
export const issueSentence = (issue: LabelledIssue): string =>
  issue.label && !issue.message.includes(issue.label) && !namesWhatToFill.test(issue.message) ? `「${issue.label}」${issue.message}` : issue.message;

/**
 * The 400's message: 输入有误：then the first problems (at most three, each field once) by label; the rest
 * counted. The full list is in details.
 */
export const issuesMessage = (issues: readonly LabelledIssue[], lead = '输入有误：'): string => {
  const sentences = [...new Set(issues.map(issueSentence))];
  if (sentences.length === 0) return lead.replace(/：$/, '');
  const shown = sentences.slice(0, 3).join('；');
  return `${lead}${shown}${sentences.length > 3 ? `等 ${sentences.length} 处` : ''}`;
};
