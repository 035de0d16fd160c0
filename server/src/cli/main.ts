/**
 * The `fuban` administration command: `npm run fuban -- <command>`.
 * It opens the same database as the server (DATABASE_URL, or the embedded data
 * directory, which must not be in use by a running server).
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../platform/config.js';
import { openAndPrepare } from '../start.js';
import { CliError, grantAdmin, initAdmin, parseRole, resetPasswordFromCli, revokeAdmin } from './admin-commands.js';
import { calendarCommand, calendarUsage } from './calendar-commands.js';
import { readNewPassword } from './prompt.js';
import { verifyTrailCommand } from './verify-trail-command.js';
import { sealLegacyRecords } from '../engine/cases/trail-legacy.js';

const usage = `用法：fuban <命令> [选项]

命令：
  init-admin        创建第一个管理员（默认系统管理员）
                    --username <名>  --name <姓名>  --role sysadmin|secadmin|auditor
                    [--unit <单位代码>] [--org-name <本机关名称，仅空库时使用>]
                    密码从终端输入，或从标准输入读取一行
  grant-admin       授予三员角色（仅命令行可授予）：grant-admin <用户名> --role sysadmin|secadmin|auditor
  revoke-admin      撤销三员角色（仅命令行可撤销）：revoke-admin <用户名>
  reset-password    应急重置账号密码并解锁（记入审计，用户登录时可见）：reset-password <用户名>
${calendarUsage}
  verify-trail      校验全部事项的留痕链与审计日志链（SM3 摘要 + HMAC-SM3 密钥封印）；发现破坏时列出并以 1 退出
  seal-trail        以留痕密钥封印升级前（迁移 0011 之前）写入、尚无封印的留痕与审计记录；先运行 verify-trail 查看
  help              显示本帮助

环境变量：DATABASE_URL（PostgreSQL），FUBAN_DATA_DIR（内置数据库目录，默认 ./data），
          FUBAN_TRAIL_KEY（留痕密钥；不设时用数据目录中的 trail.key）`;

type Command = (args: string[]) => Promise<string>;

const withDatabase = async <T>(work: (db: Awaited<ReturnType<typeof openAndPrepare>>['db']) => Promise<T>): Promise<T> => {
  const database = await openAndPrepare(readConfig());
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
};

const commands: Record<string, Command> = {
  'init-admin': async (args) => {
    const { values } = parseArgs({
      args,
      options: {
        username: { type: 'string', default: 'sysadmin' },
        name: { type: 'string' },
        role: { type: 'string', default: 'sysadmin' },
        unit: { type: 'string' },
        'org-name': { type: 'string', default: '人民政府办公室' },
      },
    });
    const role = parseRole(values.role);
    const password = await readNewPassword();
    await withDatabase((db) =>
      initAdmin({
        db,
        username: values.username,
        displayName: values.name ?? values.username,
        role,
        unitCode: values.unit,
        orgName: values['org-name'],
        password,
      }),
    );
    return `已创建管理员 ${values.username}（${role}）。`;
  },
  'reset-password': async (args) => {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const username = positionals[0];
    if (!username) throw new CliError('请指定用户名：reset-password <用户名>');
    const password = await readNewPassword();
    await withDatabase((db) => resetPasswordFromCli({ db, username, password }));
    return `已重置 ${username} 的密码并解锁；该账号下次登录须修改密码。`;
  },
  'grant-admin': async (args) => {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { role: { type: 'string' } } });
    const username = positionals[0];
    if (!username || !values.role) throw new CliError('用法：grant-admin <用户名> --role sysadmin|secadmin|auditor');
    const role = parseRole(values.role);
    await withDatabase((db) => grantAdmin({ db, username, role }));
    return `已授予 ${username} ${role} 角色。`;
  },
  'revoke-admin': async (args) => {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const username = positionals[0];
    if (!username) throw new CliError('用法：revoke-admin <用户名>');
    await withDatabase((db) => revokeAdmin({ db, username }));
    return `已撤销 ${username} 的管理员角色。`;
  },
  calendar: (args) => calendarCommand(args, withDatabase),
  'verify-trail': async () => withDatabase((db) => verifyTrailCommand(db)),
  'seal-trail': async () =>
    withDatabase(async (db) => {
      const sealed = await sealLegacyRecords(db);
      return `已封印 ${sealed.events} 条留痕记录、${sealed.auditRows} 条审计记录（摘要链已被破坏的不封印）。`;
    }),
  help: async () => usage,
};

const run = async () => {
  const [name = 'help', ...args] = process.argv.slice(2);
  const command = commands[name];
  if (!command) {
    console.error(`未知命令：${name}\n\n${usage}`);
    return 2;
  }
  try {
    console.log(await command(args));
    return 0;
  } catch (error) {
    if (error instanceof CliError || (error instanceof Error && error.name !== 'Error')) {
      console.error(`错误：${error.message}`);
    } else {
      console.error(error);
    }
    return 1;
  }
};

process.exitCode = await run();
