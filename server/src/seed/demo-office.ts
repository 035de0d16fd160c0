/**
 * The demo office 示例市人民政府办公室, created on the first start of an empty
 * embedded database so that `npm start` opens onto a working office.
 */
import { eq } from 'drizzle-orm';
import type { Role } from '../../../common/access.js';
import type { UnitType } from '../../../common/schemas/org.js';
import { randomUUID } from 'node:crypto';
import { approvalChains, issuerCodes, units, userRoles, users } from '../db/schema/index.js';
import { demoChains } from './demo-chains.js';
import { writeAudit } from '../platform/audit.js';
import type { Db } from '../platform/db.js';
import { hashPassword } from '../platform/password.js';

export const DEMO_PASSWORD = 'Fuban@2026';

type UnitSeed = { code: string; name: string; type: UnitType; shortName?: string; children?: UnitSeed[] };

const dept = (code: string, name: string, shortName?: string): UnitSeed => ({
  code,
  name,
  type: 'department',
  ...(shortName ? { shortName } : {}),
});

export const demoUnitTree: UnitSeed = {
  code: 'gov',
  name: '示例市人民政府',
  type: 'other',
  children: [
    {
      code: 'office',
      name: '示例市人民政府办公室',
      shortName: '市政府办',
      type: 'office',
      children: [
        { code: 'office-mishu', name: '秘书科', type: 'section' },
        { code: 'office-ducha', name: '督查室', type: 'section' },
        { code: 'office-xinxi', name: '信息科', type: 'section' },
        { code: 'office-zonghe', name: '综合科', type: 'section' },
        { code: 'office-12345', name: '12345 热线中心', type: 'section' },
        { code: 'office-zhiban', name: '值班室', type: 'section' },
        { code: 'office-fazhi', name: '法制科', type: 'section' },
      ],
    },
    dept('fgw', '示例市发展和改革委员会', '市发改委'),
    dept('jyj', '示例市教育局', '市教育局'),
    dept('kjj', '示例市科学技术局', '市科技局'),
    dept('gxj', '示例市工业和信息化局', '市工信局'),
    dept('gaj', '示例市公安局', '市公安局'),
    dept('mzj', '示例市民政局', '市民政局'),
    dept('sfj', '示例市司法局', '市司法局'),
    dept('czj', '示例市财政局', '市财政局'),
    dept('rsj', '示例市人力资源和社会保障局', '市人社局'),
    dept('zrzyj', '示例市自然资源和规划局', '市自然资源局'),
    dept('sthjj', '示例市生态环境局', '市生态环境局'),
    dept('zjj', '示例市住房和城乡建设局', '市住建局'),
    dept('jtj', '示例市交通运输局', '市交通运输局'),
    dept('slj', '示例市水利局', '市水利局'),
    dept('nyj', '示例市农业农村局', '市农业农村局'),
    dept('swj', '示例市商务局', '市商务局'),
    dept('wlj', '示例市文化和旅游局', '市文旅局'),
    dept('wjw', '示例市卫生健康委员会', '市卫健委'),
    dept('yjj', '示例市应急管理局', '市应急局'),
    dept('scjgj', '示例市市场监督管理局', '市市场监管局'),
    dept('ybj', '示例市医疗保障局', '市医保局'),
    dept('cgj', '示例市城市管理局', '市城管局'),
    dept('sjj', '示例市数据局', '市数据局'),
    dept('xfj', '示例市信访局', '市信访局'),
    {
      code: 'chengguan',
      name: '示例市城关区人民政府',
      shortName: '城关区政府',
      type: 'district',
      children: [
        { code: 'chengguan-dongjie', name: '城关区东街街道办事处', shortName: '东街街道', type: 'township' },
        { code: 'chengguan-xijie', name: '城关区西街街道办事处', shortName: '西街街道', type: 'township' },
      ],
    },
    { code: 'dongcheng', name: '示例市东城区人民政府', shortName: '东城区政府', type: 'district' },
    {
      code: 'xishan',
      name: '西山县人民政府',
      shortName: '西山县政府',
      type: 'district',
      children: [{ code: 'xishan-qingshi', name: '西山县青石镇人民政府', shortName: '青石镇', type: 'township' }],
    },
    { code: 'nanhu', name: '南湖县人民政府', shortName: '南湖县政府', type: 'district' },
    { code: 'beiling', name: '北岭县人民政府', shortName: '北岭县政府', type: 'district' },
  ],
};

/** The 机关代字 of the demo office: government and office 文件, 函 and 纪要. */
const government = { organName: '示例市人民政府', printerName: '示例市人民政府办公室', principal: 'mayor' };
const generalOffice = { organName: '示例市人民政府办公室', printerName: '示例市人民政府办公室', principal: 'director' };
export const demoIssuerCodes = [
  { code: '示政发', label: '市政府文件', issuerName: '示例市人民政府文件', format: 'file', sortOrder: 10, ...government },
  { code: '示政办发', label: '市政府办公室文件', issuerName: '示例市人民政府办公室文件', format: 'file', sortOrder: 20, ...generalOffice },
  { code: '示政函', label: '市政府函', issuerName: '示例市人民政府', format: 'letter', sortOrder: 30, ...government },
  { code: '示政办函', label: '市政府办公室函', issuerName: '示例市人民政府办公室', format: 'letter', sortOrder: 40, ...generalOffice },
  { code: '示政纪要', label: '市政府常务会议纪要', issuerName: '示例市人民政府常务会议纪要', format: 'minutes', sortOrder: 50, ...government },
] as const;

export type DemoUser = { username: string; displayName: string; title: string; unitCode: string; role: Role };

export const demoUsers: readonly DemoUser[] = [
  { username: 'sysadmin', displayName: '周强', title: '系统管理员', unitCode: 'office-xinxi', role: 'sysadmin' },
  { username: 'secadmin', displayName: '吴敏', title: '安全管理员', unitCode: 'office-xinxi', role: 'secadmin' },
  { username: 'auditor', displayName: '郑华', title: '审计管理员', unitCode: 'office-zonghe', role: 'auditor' },
  { username: 'mayor', displayName: '张明远', title: '市长', unitCode: 'gov', role: 'leader' },
  { username: 'vicemayor', displayName: '李红梅', title: '副市长', unitCode: 'gov', role: 'leader' },
  { username: 'director', displayName: '赵建国', title: '办公室主任', unitCode: 'office', role: 'director' },
  { username: 'clerk', displayName: '陈静', title: '秘书科科员', unitCode: 'office-mishu', role: 'clerk' },
  { username: 'inspector', displayName: '刘洋', title: '督查室副主任', unitCode: 'office-ducha', role: 'inspector' },
  { username: 'legal', displayName: '何志远', title: '法制审核员', unitCode: 'office-zonghe', role: 'legal_staff' },
  { username: 'hotline', displayName: '林晓', title: '12345热线中心话务员', unitCode: 'office-12345', role: 'hotline_staff' },
  { username: 'liaison', displayName: '孙磊', title: '市发改委办公室联络员', unitCode: 'fgw', role: 'liaison' },
];

const insertUnits = async (db: Db, seed: UnitSeed, parentId: string | null, sortOrder: number, ids: Map<string, string>) => {
  const [row] = await db
    .insert(units)
    .values({ parentId, code: seed.code, name: seed.name, shortName: seed.shortName ?? null, type: seed.type, sortOrder })
    .returning({ id: units.id });
  if (!row) throw new Error(`could not create unit ${seed.code}`);
  ids.set(seed.code, row.id);
  for (const [index, child] of (seed.children ?? []).entries()) {
    await insertUnits(db, child, row.id, (index + 1) * 10, ids);
  }
};

/** Creates the demo office in one transaction; does nothing when any unit already exists. */
export const seedDemoOffice = async ({ db, now }: { db: Db; now: Date }): Promise<boolean> => {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: units.id }).from(units).limit(1);
    if (existing) return false;
    const ids = new Map<string, string>();
    const userIds = new Map<string, string>();
    await insertUnits(tx, demoUnitTree, null, 0, ids);
    for (const demo of demoUsers) {
      const [row] = await tx
        .insert(users)
        .values({
          username: demo.username,
          displayName: demo.displayName,
          title: demo.title,
          unitId: ids.get(demo.unitCode)!,
          passwordHash,
          passwordChangedAt: now,
        })
        .returning({ id: users.id });
      await tx.insert(userRoles).values({ userId: row!.id, role: demo.role, grantedAt: now });
      userIds.set(demo.username, row!.id);
    }
    await tx.insert(issuerCodes).values(demoIssuerCodes.map(({ principal, ...issuer }) => ({ ...issuer, principalId: userIds.get(principal)! })));
    await tx.insert(approvalChains).values(demoChains.map((chain) => ({ ...chain, chainKey: randomUUID(), version: 1, createdBy: userIds.get('sysadmin')!, createdAt: now })));
    // Every external unit gets a 联络员 too (liaison.<code>), so demo cases can move at any unit.
    const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹';
    const given = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚'];
    let index = 0;
    for (const [code, unitId] of ids) {
      const seed = findSeed(demoUnitTree, code);
      if (!seed || !['department', 'district', 'township'].includes(seed.type) || code === 'fgw') continue;
      const [row] = await tx
        .insert(users)
        .values({
          username: `liaison.${code}`,
          displayName: `${surnames[index % surnames.length]}${given[(index * 7) % given.length]}`,
          title: `${seed.shortName ?? seed.name}联络员`,
          unitId,
          passwordHash,
          passwordChangedAt: now,
        })
        .returning({ id: users.id });
      await tx.insert(userRoles).values({ userId: row!.id, role: 'liaison', grantedAt: now });
      index += 1;
    }
    await writeAudit(tx, { actorName: 'fuban-cli', ip: null }, {
      action: 'admin.init',
      result: 'success',
      objectLabel: '示例市人民政府办公室（演示数据）',
      details: { units: ids.size, users: demoUsers.length },
    });
    return true;
  });
};

const findSeed = (seed: UnitSeed, code: string): UnitSeed | undefined =>
  seed.code === code ? seed : (seed.children ?? []).map((child) => findSeed(child, code)).find(Boolean);

export const unitIdByCode = async (db: Db, code: string): Promise<string | undefined> =>
  (await db.select({ id: units.id }).from(units).where(eq(units.code, code)))[0]?.id;
