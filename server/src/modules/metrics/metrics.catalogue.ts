/**
 * The whole catalogue of METRICS.md, in its order and sections: every number the offices report,
 * whether Fuban counts it yet or not. A metric declared in the registry is counted (or entered);
 * one whose module does not exist yet is listed as 未接入 with its name and unit, so that no page and
 * no generated summary ever shows a 0 for what Fuban simply does not hold.
 * Metrics Fuban adds beyond METRICS.md (an on-time rate of 依申请公开 …) are listed in their section.
 */

export type CatalogueEntry = { id: string; label: string; unit: string };
export type CatalogueSection = { section: string; metrics: readonly CatalogueEntry[] };

const entry = (id: string, label: string, unit: string): CatalogueEntry => ({ id, label, unit });

export const metricsCatalogue: readonly CatalogueSection[] = [
  {
    section: '办文',
    metrics: [
      entry('incoming.received', '收文件数', '件'),
      entry('incoming.closedRate', '收文办结率', '%'),
      entry('incoming.daysToProposal', '收文拟办用时', '工作日'),
      entry('incoming.requestsFromBelow', '下级请示件数', '件'),
      entry('incoming.returnedNonCompliant', '退回不规范来文件数', '件'),
      entry('outgoing.issued', '发文件数', '件'),
      entry('outgoing.issuedByType', '发文件数（按文种）', '件'),
      entry('outgoing.numbered', '编号发文件数', '件'),
      entry('outgoing.unnumbered', '不编号发文件数', '件'),
      entry('outgoing.daysToSignOff', '发文签发用时', '工作日'),
      entry('outgoing.printedCopies', '印制份数', '份'),
      entry('outgoing.yoyChange', '发文同比变化', '%'),
      entry('outgoing.normativeReviewed', '规范性文件审核件数', '件'),
      entry('drafts.written', '起草文稿篇数', '篇'),
      entry('docs.circulatedOnline', '网上传阅件数', '件'),
      entry('docs.providedToInspection', '提供巡视巡察查阅文件', '件'),
    ],
  },
  {
    section: '办会',
    metrics: [
      entry('meetings.held', '召开会议次数', '次'),
      entry('meetings.yoyChange', '会议次数同比变化', '%'),
      entry('minutes.issued', '印发会议纪要期数', '期'),
      entry('minutes.daysToIssue', '纪要印发用时', '工作日'),
      entry('meetings.disciplineNotices', '会风会纪通报次数', '次'),
      entry('agenda.legalReviewed', '议题合法性审查件数', '件'),
    ],
  },
  {
    section: '督查督办',
    metrics: [
      entry('supervision.opened', '立项督查事项数', '项'),
      entry('instructions.tracked', '领导批示件跟踪件数', '件'),
      entry('supervision.notices', '督办通知件数', '件'),
      entry('supervision.bulletins', '督查通报期数', '期'),
      entry('supervision.fieldChecks', '实地督查次数', '次'),
      entry('supervision.recommendations', '督查建议条数', '条'),
      entry('supervision.closedRate', '督办事项办结率', '%'),
      entry('supervision.onTimeRate', '督办事项按时办结率', '%'),
      entry('keyTasks.decomposed', '重点工作分解任务数', '项'),
      entry('livelihood.projects', '民生实事项目数', '项'),
    ],
  },
  {
    section: '建议提案',
    metrics: [
      entry('proposals.npc', '人大代表建议件数', '件'),
      entry('proposals.cppcc', '政协委员提案件数', '件'),
      entry('proposals.replyRate', '建议提案办复率', '%'),
      entry('proposals.closedRate', '建议提案办结率', '%'),
      entry('proposals.satisfactionRate', '建议提案满意率', '%'),
      entry('proposals.classA', 'A 类件占比', '%'),
      entry('proposals.reworked', '不满意件重新办理件数', '件'),
      entry('proposals.deputiesInvolved', '邀请代表委员参与办理人次', '人次'),
    ],
  },
  {
    section: '热线、信访、公开',
    metrics: [
      entry('hotline.tickets', '热线工单受理件数', '件'),
      entry('hotline.closedRate', '热线工单办结率', '%'),
      entry('hotline.onTimeRate', '热线工单按时办结率', '%'),
      entry('hotline.satisfactionRate', '热线回访满意率', '%'),
      entry('hotline.responseRate', '热线工单响应率', '%'),
      entry('hotline.resolutionRate', '热线诉求解决率', '%'),
      entry('hotline.caseStudies', '热线经典案例篇数', '篇'),
      entry('mailbox.letters', '市长信箱来信封数', '封'),
      entry('petitions.visits', '接待来访批次', '起'),
      entry('petitions.onTimeRate', '信访事项按期办结率', '%'),
      entry('duty.calls', '值班电话处理次数', '次'),
      entry('duty.reports', '报送应急值班信息条数', '条'),
      entry('disclosure.requests', '依申请公开申请件数', '件'),
      entry('disclosure.onTimeRate', '依申请公开按期答复率', '%'),
      entry('disclosure.published', '主动公开政府信息条数', '条'),
    ],
  },
  {
    section: '信息、调研',
    metrics: [
      entry('info.submitted', '上报政务信息条数', '条'),
      entry('info.adopted', '政务信息被采用篇数', '篇'),
      entry('info.endorsed', '政务信息获领导批示篇数', '篇'),
      entry('info.commissioned', '完成约稿篇数', '篇'),
      entry('info.score', '政务信息工作考核得分', '分'),
      entry('info.rank', '政务信息工作考核排名', '名'),
      entry('periodicals.issues', '编印刊物期数', '期'),
      entry('research.topics', '专题调研个数', '个'),
      entry('research.published', '调研文章发表篇数', '篇'),
    ],
  },
  {
    section: '接待、后勤、值班',
    metrics: [
      entry('receptions.held', '公务接待次数', '次'),
      entry('events.supported', '保障重大活动项数', '项'),
      entry('vehicles.km', '公务车辆安全行驶里程', '公里'),
      entry('vehicles.incidents', '公务车辆事故起数', '起'),
      entry('costs.yoy', '“三公”经费及办公经费同比变化', '%'),
      entry('duty.shifts', '值班班次', '班次'),
    ],
  },
];

/** Every catalogue id with its section, in catalogue order. */
export const catalogueEntries = (): Array<CatalogueEntry & { section: string }> =>
  metricsCatalogue.flatMap(({ section, metrics }) => metrics.map((metric) => ({ ...metric, section })));
