/**
 * The built-in templates: the seeds' skeleton (an opening paragraph; themed sections of 一是…二是…三是…
 * in which every claim carries a metric token; the shortcomings; next period's plan) for a 市, 县, 区 and
 * 开发区 office, a half-year summary and a monthly 工作简报. No digit is typed in them: every number is a
 * token (summary-tokens.ts) and every date comes from the period. {机关}, {上级}, {年度}, {下年}, {期间},
 * {信箱} are filled from the office and the period when a draft is made. The director copies one and edits it.
 */

export const officeLevels = ['市', '县', '区', '开发区'] as const;
export type OfficeLevel = (typeof officeLevels)[number];

export const periodKinds = ['year', 'half', 'month'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export type TemplateSection = { heading: string; paragraphs: string[] };

export type SummaryTemplate = {
  key: string;
  name: string;
  level: OfficeLevel | null;
  periodKind: PeriodKind;
  title: string;
  sections: TemplateSection[];
};

/** How a level names its leadership and its mailbox. */
export const levelWords: Record<OfficeLevel, { superior: string; mailbox: string }> = {
  市: { superior: '市委、市政府', mailbox: '市长信箱' },
  县: { superior: '县委、县政府', mailbox: '县长信箱' },
  区: { superior: '区委、区政府', mailbox: '区长信箱' },
  开发区: { superior: '党工委、管委会', mailbox: '主任信箱' },
};

const opening =
  '{年度}，{机关}在{上级}的坚强领导下，紧紧围绕中心工作，充分发挥参谋助手、督查落实、综合协调、服务保障职能，各项工作有序推进。全年共处理各类来文{{incoming.received}}{{incoming.received|同比}}，印发各类公文{{outgoing.issued}}{{outgoing.issued|同比}}，组织召开各类会议{{meetings.held}}，立项督查事项{{supervision.opened}}。现将有关情况总结如下。';

const serving: TemplateSection = {
  heading: '服务大局，参谋助手作用有效发挥',
  paragraphs: [
    '一是文稿服务有力有序。全年起草各类文稿{{drafts.written}}{{drafts.written|同比}}，做到急事急办、特事特办。二是政务信息量质齐升。全年上报政务信息{{info.submitted}}，被采用{{info.adopted}}，获领导批示{{info.endorsed}}；政务信息工作考核得分{{info.score}}，位列第{{info.rank|数}}名。三是调查研究扎实深入。围绕中心工作开展专题调研{{research.topics}}，在市级以上刊物发表调研文章{{research.published}}，编印刊物{{periodicals.issues}}。',
  ],
};

const documentsAndMeetings: TemplateSection = {
  heading: '规范运转，办文办会质效持续提升',
  paragraphs: [
    '一是办文规范高效。全年办理收文{{incoming.received}}{{incoming.received|同比}}，收文办结率{{incoming.closedRate}}，收文平均{{incoming.daysToProposal}}内完成拟办呈送，退回不规范来文{{incoming.returnedNonCompliant}}；印发公文{{outgoing.issued}}{{outgoing.issuedByType|分项}}，其中编号发文{{outgoing.numbered}}，审核规范性文件{{outgoing.normativeReviewed}}，网上传阅文件{{docs.circulatedOnline}}。二是办会周密细致。组织召开各类会议{{meetings.held}}{{meetings.held|分项}}{{meetings.held|同比}}，印发会议纪要{{minutes.issued}}，纪要平均{{minutes.daysToIssue}}内印发；对会议议题开展合法性审查{{agenda.legalReviewed}}，印发会风会纪通报{{meetings.disciplineNotices}}。',
  ],
};

const supervision: TemplateSection = {
  heading: '狠抓督查，决策部署落地见效',
  paragraphs: [
    '一是督查立项全覆盖。全年立项督查事项{{supervision.opened}}{{supervision.opened|同比}}，跟踪督办领导批示件{{instructions.tracked}}，分解重点工作任务{{keyTasks.decomposed}}，推进民生实事项目{{livelihood.projects}}。二是督办手段多元。下发督办通知{{supervision.notices}}，编发督查通报{{supervision.bulletins}}，开展实地督查{{supervision.fieldChecks}}，提出督查建议{{supervision.recommendations}}；督办事项办结率{{supervision.closedRate}}，按时办结率{{supervision.onTimeRate}}。三是建议提案办理提质增效。办理人大代表建议{{proposals.npc}}、政协委员提案{{proposals.cppcc}}，办复率{{proposals.replyRate}}，代表委员满意率{{proposals.satisfactionRate}}，邀请代表委员参与办理{{proposals.deputiesInvolved}}。',
  ],
};

const people: TemplateSection = {
  heading: '心系群众，为民服务渠道更加畅通',
  paragraphs: [
    '一是热线服务便民高效。政务服务便民热线受理群众诉求{{hotline.tickets}}{{hotline.tickets|同比}}，办结率{{hotline.closedRate}}，群众满意率{{hotline.satisfactionRate}}；{信箱}收到来信{{mailbox.letters}}。二是信访工作依法有序。登记群众信访事项{{petitions.visits}}{{petitions.visits|分项}}，信访事项按期答复率{{petitions.onTimeRate}}。三是政务公开全面深化。主动公开政府信息{{disclosure.published}}{{disclosure.published|同比}}，办理政府信息公开申请{{disclosure.requests}}，按期答复率{{disclosure.onTimeRate}}。四是值班值守严格规范。处理值班电话{{duty.calls}}，报送值班信息{{duty.reports}}。',
  ],
};

const services: TemplateSection = {
  heading: '强化保障，服务效能不断提升',
  paragraphs: [
    '一是接待服务周到细致。完成公务接待{{receptions.held}}，保障重大活动{{events.supported}}。二是后勤保障安全节俭。公务车辆安全行驶{{vehicles.km}}；“三公”经费及办公经费同比变化{{costs.yoy}}。',
  ],
};

const shortcomings: TemplateSection = {
  heading: '存在的问题和不足',
  paragraphs: [
    '一年来，{机关}的工作取得了一定成效，但对照{上级}的要求和群众的期盼，还存在一些不足：一是统筹协调的主动性、前瞻性还需增强；二是督查督办的精准性还需提高，个别事项办理进度滞后；三是办公信息化、规范化水平还有提升空间。',
  ],
};

const plan: TemplateSection = {
  heading: '{下年}工作打算',
  paragraphs: [
    '{下年}，{机关}将坚持稳中求进，着力在以下方面下功夫：一是提升以文辅政水平，进一步规范办文办会流程，提高公文质量和运转效率。二是强化督查落实，完善督查督办闭环机制，确保各项决策部署落地见效。三是畅通为民服务渠道，提升热线、信访和政务公开工作质效。四是加强自身建设，锻造忠诚干净担当的办公室干部队伍。',
  ],
};

const yearTemplate = (level: OfficeLevel): SummaryTemplate => ({
  key: `year-${level}`,
  name: `${level}政府办公室年度工作总结`,
  level,
  periodKind: 'year',
  title: '{机关}{年度}工作总结',
  sections: [
    { heading: '', paragraphs: [opening] },
    serving,
    documentsAndMeetings,
    supervision,
    people,
    // A development zone's office seldom runs the motor pool and reception as its own line of work.
    ...(level === '开发区' ? [] : [services]),
    shortcomings,
    plan,
  ],
});

const halfYear: SummaryTemplate = {
  key: 'half',
  name: '上半年工作总结',
  level: null,
  periodKind: 'half',
  title: '{机关}{期间}工作总结',
  sections: [
    { heading: '', paragraphs: ['{期间}，{机关}紧紧围绕{上级}中心工作，统筹推进办文办会、督查督办和为民服务各项工作。现将有关情况总结如下。'] },
    documentsAndMeetings,
    supervision,
    people,
    { heading: '下半年工作打算', paragraphs: ['下半年，{机关}将对照年度目标，查漏补缺、持续发力：一是提高办文办会质效；二是压实督查督办责任；三是办好群众身边的实事，确保全年各项任务圆满完成。'] },
  ],
};

const monthly: SummaryTemplate = {
  key: 'month',
  name: '月度工作简报',
  level: null,
  periodKind: 'month',
  title: '{机关}工作简报（{期间}）',
  sections: [
    {
      heading: '本月工作概况',
      paragraphs: [
        '{期间}，{机关}办理收文{{incoming.received}}{{incoming.received|同比}}，印发公文{{outgoing.issued}}，组织召开会议{{meetings.held}}，印发会议纪要{{minutes.issued}}。',
        '督查督办方面，立项督查事项{{supervision.opened}}，下发督办通知{{supervision.notices}}，督办事项按时办结率{{supervision.onTimeRate}}。',
        '为民服务方面，热线受理群众诉求{{hotline.tickets}}，登记群众信访事项{{petitions.visits}}，主动公开政府信息{{disclosure.published}}，办理政府信息公开申请{{disclosure.requests}}。',
      ],
    },
  ],
};

export const builtInTemplates: readonly SummaryTemplate[] = [...officeLevels.map(yearTemplate), halfYear, monthly];

export const findBuiltInTemplate = (key: string): SummaryTemplate | undefined => builtInTemplates.find((template) => template.key === key);
