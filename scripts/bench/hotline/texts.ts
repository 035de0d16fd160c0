/**
 * What the generated 12345 tickets say: the 诉求分类 of migration 0026 with, for each, the departments that
 * answer it and a few ways callers put it; names, streets and the mix of channels, types and 回访 results.
 * Plain data: scripts/bench/hotline/tickets.ts draws from it with a seeded random.
 */

/** 二级分类 (as migration 0026 seeds them) → the 市 department that answers it, and what callers say. */
export const CATEGORIES: ReadonlyArray<{ category: string; department: string; weight: number; says: readonly string[] }> = [
  { category: '城市管理/路灯照明', department: '城市管理局', weight: 6, says: ['{at}路灯连续{n}晚不亮，夜里行人看不清路，希望尽快维修。', '{at}有一排路灯白天一直亮着，浪费电，请核查。'] },
  { category: '城市管理/占道经营', department: '城市管理局', weight: 5, says: ['{at}早晚有摊贩占道经营，堵塞交通，噪声很大。', '{at}商铺长期把货物摆到人行道上，行人只能走机动车道。'] },
  { category: '城市管理/违章建筑', department: '城市管理局', weight: 3, says: ['{at}有住户在楼顶加盖彩钢房，存在安全隐患，请查处。'] },
  { category: '城市管理/市容环境', department: '城市管理局', weight: 4, says: ['{at}垃圾桶满溢{n}天无人清运，气味很大。', '{at}小广告贴满墙面，影响市容。'] },
  { category: '城乡建设/市政道路', department: '住房和城乡建设局', weight: 5, says: ['{at}路面塌陷出现一个大坑，已有电动车摔倒。', '{at}井盖松动，车辆经过响声很大。'] },
  { category: '城乡建设/供水供气', department: '住房和城乡建设局', weight: 5, says: ['{at}停水{n}天没有通知，老人生活困难。', '{at}燃气管道有异味，担心泄漏。'] },
  { category: '城乡建设/物业管理', department: '住房和城乡建设局', weight: 7, says: ['{at}小区电梯经常故障，物业不及时维修。', '{at}物业擅自提高停车费，业主不同意。'] },
  { category: '城乡建设/房屋质量', department: '住房和城乡建设局', weight: 2, says: ['{at}新房交付{n}个月墙面开裂渗水，开发商推诿。'] },
  { category: '生态环境/噪声扰民', department: '生态环境局', weight: 6, says: ['{at}工地夜间施工到凌晨，噪声扰民，无法休息。', '{at}广场舞音响声音过大，持续到晚上十点。'] },
  { category: '生态环境/大气污染', department: '生态环境局', weight: 3, says: ['{at}有工厂夜间偷排废气，气味刺鼻。'] },
  { category: '生态环境/水体污染', department: '生态环境局', weight: 2, says: ['{at}河道发黑发臭，疑似有企业排污。'] },
  { category: '生态环境/垃圾处理', department: '城市管理局', weight: 3, says: ['{at}建筑垃圾随意倾倒，无人清理。'] },
  { category: '市场监管/食品安全', department: '市场监督管理局', weight: 4, says: ['在{at}一家餐馆就餐后腹泻，怀疑食材不新鲜。', '{at}超市销售过期食品。'] },
  { category: '市场监管/消费维权', department: '市场监督管理局', weight: 6, says: ['在{at}一家健身房办卡后门店关闭，要求退款。', '{at}培训机构拒绝退还剩余课时费。'] },
  { category: '市场监管/价格收费', department: '市场监督管理局', weight: 2, says: ['{at}停车场收费标准未公示，乱收费。'] },
  { category: '劳动社保/社保医保', department: '人力资源和社会保障局', weight: 6, says: ['咨询灵活就业人员社保补缴的办理流程。', '异地就医备案后报销比例偏低，请解释政策。'] },
  { category: '劳动社保/就业创业', department: '人力资源和社会保障局', weight: 2, says: ['咨询高校毕业生创业补贴的申请条件。'] },
  { category: '劳动社保/劳动欠薪', department: '人力资源和社会保障局', weight: 5, says: ['在{at}工地务工，工资拖欠{n}个月未发。', '公司拖欠员工工资，老板联系不上。'] },
  { category: '教育卫生/学校教育', department: '教育局', weight: 4, says: ['孩子入学划片不合理，离家太远。', '{at}学校周边交通拥堵，上下学不安全。'] },
  { category: '教育卫生/医疗服务', department: '卫生健康委员会', weight: 4, says: ['在医院就诊等候时间过长，服务态度差。'] },
  { category: '教育卫生/公共卫生', department: '卫生健康委员会', weight: 2, says: ['{at}小区鼠患严重，请组织消杀。'] },
  { category: '交通出行/公交运营', department: '交通运输局', weight: 4, says: ['{n}路公交车经常不按时发车，等车时间过长。', '建议在{at}增设公交站点。'] },
  { category: '交通出行/出租网约车', department: '交通运输局', weight: 3, says: ['出租车司机拒载绕路，要求处理。'] },
  { category: '交通出行/停车管理', department: '公安局', weight: 4, says: ['{at}车辆乱停乱放，堵住消防通道。'] },
  { category: '政务服务/政策咨询', department: '政务服务管理局', weight: 8, says: ['咨询新生儿医保如何办理。', '咨询公积金提取需要哪些材料。', '咨询居住证办理条件。'] },
  { category: '政务服务/办事流程', department: '政务服务管理局', weight: 4, says: ['办理营业执照变更被要求重复提交材料。'] },
  { category: '政务服务/工作作风', department: '政务服务管理局', weight: 1, says: ['窗口工作人员态度生硬，办事效率低。'] },
];

export const DEPARTMENTS = [...new Set(CATEGORIES.map((item) => item.department))];

/** 街乡: townships the tickets happen in and may be dispatched to directly. */
const TOWNSHIP_STEMS = ['东华', '西城', '南湖', '北苑', '朝阳', '金山', '银河', '青龙', '白塔', '红星', '新华', '和平', '建设', '人民', '解放', '光明', '长安', '永安', '太平', '兴隆', '安定', '福田', '龙泉', '凤凰', '石桥', '柳林', '杏花', '桃源', '梅园', '松山'];
export const townshipName = (index: number): string => {
  const stem = TOWNSHIP_STEMS[index % TOWNSHIP_STEMS.length]!;
  const round = Math.floor(index / TOWNSHIP_STEMS.length);
  return `${stem}${round === 0 ? '' : ['二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'][round - 1] ?? String(round + 1)}${index % 3 === 2 ? '镇' : '街道'}`;
};

export const STREETS = ['中山路', '解放路', '人民路', '建设路', '文化路', '新华街', '胜利街', '朝阳路', '幸福路', '和平街', '青年路', '光明街', '团结路', '民主路', '长江路', '黄河路', '滨河路', '站前路', '学府路', '工业路'];
export const ESTATES = ['花园小区', '家园', '新村', '雅苑', '公寓', '名都', '华庭', '嘉园'];

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
export const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '华', '建国', '志强', '桂英', '玉兰', '海燕'];

/** 渠道 and 诉求类型 shares (a city's 12345: most by phone; 咨询 the largest type). */
export const CHANNELS = [['电话', 0.7], ['网上', 0.09], ['微信', 0.08], ['市长信箱', 0.05], ['省平台转办', 0.06], ['媒体线索', 0.02]] as const;
export const TYPES = [['咨询', 0.34], ['求助', 0.2], ['投诉', 0.3], ['举报', 0.05], ['建议', 0.09], ['表扬', 0.02]] as const;
export const VISITS = [['满意', 0.76], ['基本满意', 0.12], ['不满意', 0.05], ['未联系上', 0.07]] as const;

export const REPLIES = ['经现场核查，问题属实，已安排人员处理完毕，并向来电人说明。', '已联系相关责任单位整改，后续将加强巡查。', '经核实，已按政策向来电人解释说明，来电人表示理解。', '已于当日完成维修，恢复正常。'];
export const DIRECT_ANSWERS = ['已按知识库口径当场答复。', '已告知办理地点、所需材料和办理时限。', '已告知相关政策规定和咨询电话。'];
export const RETURN_REASONS = ['不属于本单位职责，属地街乡负责', '该事项由行业主管部门负责', '地址不在本辖区'];
