/** Starts the Fuban HTTP server: `npm start`. */
import { buildApp } from './app.js';
import { startReminderScheduler } from './engine/reminders/sweep.js';
import { readConfig } from './platform/config.js';
import { DataDirLockedError } from './platform/data-dir-lock.js';
import { UnsafeDatabaseError } from './platform/db.js';
import { DEMO_PASSWORD, demoUsers } from './seed/demo-office.js';
import { openAndPrepare } from './start.js';

const printDemoAccounts = () => {
  const lines = demoUsers.map((user) => `    ${user.username.padEnd(10)} ${user.title}（${user.displayName}）`);
  console.log(['', '  已创建演示单位「示例市人民政府办公室」。演示账号（密码均为 ' + DEMO_PASSWORD + '）：', ...lines, ''].join('\n'));
};

const main = async () => {
  const config = readConfig();
  const startedAt = Date.now();
  const database = await openAndPrepare(config);
  const app = await buildApp({ db: database.db, databaseKind: database.kind, config });
  let stopReminders = () => {};
  const startReminders = () => {
    stopReminders = startReminderScheduler({ db: database.db, clock: () => new Date(), onError: (error) => app.log.error({ err: error }, '催办扫描失败') });
  };

  const pendingWork: Array<Promise<unknown>> = [];
  let isClosing = false;
  const shutdown = async (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    app.log.info(`收到 ${signal}，正在停止…`);
    const forced = setTimeout(() => process.exit(1), 10_000);
    forced.unref();
    stopReminders();
    await app.close(); // stops accepting, waits for requests in flight
    await Promise.allSettled(pendingWork); // demo seeding stops after the case in hand
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  if (database.seededDemo) printDemoAccounts();
  if (database.seedDemoDocuments) {
    // The office can be used at once; the year of demo documents fills in behind it.
    console.log('  正在后台生成一年的演示收文、批示件、文稿、发文、依申请公开和信访件（约一分钟，机器繁忙时更久），期间即可登录使用…');
    if (app.ctx.status) app.ctx.status.isDemoDataPending = true;
    const seeding = database.seedDemoDocuments(() => isClosing).finally(() => {
      if (app.ctx.status) app.ctx.status.isDemoDataPending = false;
    });
    pendingWork.push(seeding);
    seeding.then(
      (counts) => {
        // Stopped by a shutdown partway: what exists is usable, but it is not the whole year.
        if (isClosing) return console.log('  演示数据生成已中止。');
        const seconds = Math.round((Date.now() - startedAt) / 1000);
        console.log(
          `  演示数据已就绪（用时 ${seconds} 秒）：本办收文 ${counts.incoming} 件，核发给各单位的收文 ${counts.delivered} 件，` +
            `发文 ${counts.outgoing} 件，批示件 ${counts.instructions} 件，文稿 ${counts.drafts} 件，依申请公开 ${counts.disclosures} 件，信访件 ${counts.petitions} 件，建议提案 ${counts.proposals} 件。`,
        );
      },
      (error: unknown) => app.log.error({ err: error }, '演示数据生成失败'),
    );
    // The sweep waits for the demo year: run meanwhile, it would 催办 today work that the year's own later steps answer.
    seeding.then(() => !isClosing && startReminders(), () => !isClosing && startReminders());
  } else {
    startReminders();
  }
  const where = database.kind === 'pglite' ? `内置数据库 ${config.dataDir}` : 'PostgreSQL';
  console.log(`府办 Fuban 已启动：http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}  （${where}，用时 ${Date.now() - startedAt} ms）`);
};

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError || error instanceof UnsafeDatabaseError) {
    console.error(`\n启动失败：${error.message}\n`);
  } else {
    console.error('启动失败：', error);
  }
  process.exit(1);
});
