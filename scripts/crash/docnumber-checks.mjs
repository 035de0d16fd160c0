// The invariants of the 文号 crash test (scripts/crash-docnumbers.mjs), read from the database once every server
// is stopped, against what the clients were told: numbers unique and gap-free, each 登记 durable and holding
// exactly one number, each 预留 durable, the sequence, the cases, their trail events and the audit log agreeing.
const groupBy = (items, key) => items.reduce((map, item) => map.set(key(item), [...(map.get(key(item)) ?? []), item]), new Map());
const dupes = (items, key) => [...groupBy(items, key)].filter(([, group]) => group.length > 1).map(([value, group]) => `${value}: ${group.length} times`);

export const results = [];
export const check = (name, failures, note = '') => {
  const list = failures.filter(Boolean);
  results.push(list.length === 0);
  console.log([`${list.length === 0 ? '  ✔' : '  ✖'} ${name}${note ? ` — ${note}` : ''}`, ...list.slice(0, 8).map((f) => `      ${f}`), ...(list.length > 8 ? [`      … and ${list.length - 8} more`] : [])].join('\n'));
};

/** What each attempt on a case says about it: committed (2xx), refused as stale (409), unknown (lost), or never sent (refused). */
const outcomesOf = (record) => {
  const count = (outcome) => record.attempts.filter((attempt) => attempt.outcome === outcome).length;
  return { ok: count('ok'), conflict: count('conflict'), lost: count('lost'), refused: count('refused') };
};

/** `run`: { code, year, cases (Map id → { version, tabs, attempts }), reservations, stats, kills, ledger }. */
export const runChecks = async (db, run) => {
  const { code, year, cases, reservations, stats, kills, ledger } = run;
  const { rows } = await db.query('select id, issuer_code, year, no, text, status, case_id, note, void_reason from doc_numbers order by no');
  const { rows: sequences } = await db.query('select issuer_code, year, last_no from doc_number_sequences');
  const { rows: caseRows } = await db.query(`select id, kind, state, version, fields->>'docNumber' as doc_number, fields->>'registeredOn' as registered_on from cases`);
  const { rows: events } = await db.query(`select case_id, from_state, to_state, data->>'docNumber' as doc_number from case_events where action = 'register'`);
  const { rows: audits } = await db.query(`select object_id, object_label, result from audit_log where action = 'docnumber.reserve'`);
  const { rows: constraints } = await db.query(`select conname from pg_constraint where conrelid = 'doc_numbers'::regclass and contype = 'u'`);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const caseById = new Map(caseRows.map((row) => [row.id, row]));
  const used = rows.filter((row) => row.status === 'used');
  const reserved = rows.filter((row) => row.status === 'reserved');
  const usedByCase = groupBy(used, (row) => row.case_id);
  const eventsByCase = groupBy(events, (event) => event.case_id);
  const registerAnswers = [...cases.values()].flatMap((record) => record.attempts.filter((a) => a.outcome === 'ok').map((a) => ({ ...a, record })));

  console.log('\nChecks:');
  check('a server was killed with SIGKILL mid-run, restarted, and answered 2xx again after its restart', [
    kills.length ? undefined : 'no kill happened',
    ...kills.map(({ server, restartMs }) => (restartMs === undefined ? `${server.name} was not restarted` : undefined)),
    ...kills.map(({ server }) => (stats.answeredAfterRestart.has(server.name) ? undefined : `${server.name} answered no 2xx after its restart`)),
  ]);

  // ——— 登记: every case the clients prepared, and what they were told about it
  check('(1) every 2xx 登记 is durable: the case is 待印制 at the answered version, with its 文号 in fields and in the ledger', registerAnswers.map(({ record, tab, server, answer }) => {
    const row = caseById.get(record.id);
    const numbers = usedByCase.get(record.id) ?? [];
    if (!row) return `case ${record.id} (tab ${tab} on ${server}): not in the database`;
    if (row.state !== 'printing' || row.version !== answer.version || answer.state !== 'printing') return `case ${record.id}: answered ${answer.state} v${answer.version}, database has ${row.state} v${row.version}`;
    return !row.doc_number || numbers.length !== 1 || numbers[0].text !== row.doc_number ? `case ${record.id}: docNumber ${row.doc_number}, ledger ${numbers.map((n) => n.text).join(', ') || 'none'}` : undefined;
  }), `${registerAnswers.length} answers`);
  check('(2) every prepared case is registered exactly once: 待印制, version + 1, one 文号 (fields = ledger = register event), one register event', [...cases.values()].map((record) => {
    const row = caseById.get(record.id);
    const numbers = usedByCase.get(record.id) ?? [];
    const trail = eventsByCase.get(record.id) ?? [];
    if (!row) return `case ${record.id}: not in the database`;
    if (row.state !== 'printing' || row.version !== record.version + 1) return `case ${record.id}: ${row.state} v${row.version} (prepared at v${record.version}), attempts ${JSON.stringify(outcomesOf(record))}`;
    if (numbers.length !== 1) return `case ${record.id} holds ${numbers.length} numbers: ${numbers.map((n) => n.text).join(', ')}`;
    if (row.doc_number !== numbers[0].text || !row.registered_on) return `case ${record.id}: fields say ${row.doc_number} (registeredOn ${row.registered_on}), ledger ${numbers[0].text}`;
    if (trail.length !== 1) return `case ${record.id}: ${trail.length} register events`;
    return trail[0].doc_number !== row.doc_number || trail[0].from_state !== 'registering' || trail[0].to_state !== 'printing' ? `case ${record.id}: register event ${JSON.stringify(trail[0])}, fields ${row.doc_number}` : undefined;
  }), `${cases.size} cases`);
  check('(3) two tabs, one version: per case at most one 2xx; a 409 only when the other tab (or a request lost in the kill) registered it; a request refused at connect never committed', [...cases.values()].map((record) => {
    const seen = outcomesOf(record);
    const label = `case ${record.id} (${record.tabs} tab${record.tabs > 1 ? 's' : ''}): ${record.attempts.map((a) => `${a.tab}:${a.outcome}${a.status ? ` ${a.status}` : ''}`).join(', ')}`;
    if (seen.ok > 1) return `${label}: two 2xx for one version`;
    if (seen.ok === 0 && seen.lost === 0) return `${label}: registered, but no request was answered 2xx or lost`;
    if (seen.conflict > 0 && seen.ok + seen.lost === 0) return `${label}: 409 with nobody else registering it`;
    const first = record.attempts.filter((a) => a.tab !== 'retry');
    const retry = record.attempts.find((a) => a.tab === 'retry');
    if (retry && first.every((a) => a.outcome === 'refused') && retry.outcome !== 'ok') return `${label}: never reached a server, yet the retry was refused`;
    return undefined;
  }));

  // ——— 预留
  check('(4) every 2xx 预留 is in doc_numbers, reserved, with the same id, no, text and note', reservations.answers.map((a) => {
    const row = byId.get(a.id);
    if (!row) return `#${a.n} ${a.text} (${a.id}) answered by ${a.server}: not in the database`;
    return row.no !== a.no || row.text !== a.text || row.status !== 'reserved' || row.note !== a.note ? `#${a.n}: answered ${a.no}/${a.text}, database has ${row.no}/${row.text} ${row.status}` : undefined;
  }), `${reservations.answers.length} answers`);
  const committedReservations = reserved.length;
  check('(5) committed 预留 are the 2xx ones plus some of those lost in the kill, each request at most once', [
    committedReservations < reservations.ok ? `${committedReservations} committed, but ${reservations.ok} were answered 2xx` : undefined,
    committedReservations > reservations.ok + reservations.lost ? `${committedReservations} committed, more than ${reservations.ok} 2xx + ${reservations.lost} lost` : undefined,
    ...dupes(reserved, (row) => row.note),
    ...reserved.filter((row) => !reservations.lostNotes.has(row.note) && !reservations.answers.some((a) => a.id === row.id)).map((row) => `${row.text} (${row.note}): committed, but its request was neither answered nor lost`),
  ], `${committedReservations} = ${reservations.ok} 2xx + ${committedReservations - reservations.ok} of ${reservations.lost} lost`);
  const auditsOf = groupBy(audits, (audit) => audit.object_id);
  check('(6) the audit log has one successful docnumber.reserve row per 预留, and none for a number not committed', [
    ...reserved.map((row) => {
      const list = auditsOf.get(row.id) ?? [];
      return list.length !== 1 || list[0].result !== 'success' || list[0].object_label !== row.text ? `${row.text}: ${list.length} audit rows` : undefined;
    }),
    ...[...auditsOf.keys()].filter((id) => !byId.has(id)).map((id) => `audit row for ${id}, which is not in doc_numbers`),
  ], `${audits.length} audit rows`);

  // ——— the ledger as a whole
  check('(7) no two 2xx answers got the same number', dupes([...registerAnswers.map((a) => caseById.get(a.record.id)?.doc_number ?? a.record.id), ...reservations.answers.map((a) => a.text)], (text) => text));
  check('(8) (issuer, year, no) and text are unique, and the unique constraints exist', [
    ...['doc_numbers_issuer_year_no', 'doc_numbers_text'].map((name) => (constraints.some((c) => c.conname === name) ? undefined : `constraint ${name} missing`)),
    ...dupes(rows, (row) => `${row.issuer_code}/${row.year}/${row.no}`),
    ...dupes(rows, (row) => row.text),
  ]);
  const max = rows.reduce((m, row) => Math.max(m, row.no), 0);
  const present = new Set(rows.map((row) => row.no));
  const holes = Array.from({ length: max }, (_, i) => i + 1).filter((no) => !present.has(no));
  check('(9) gap-free: the numbers are exactly 1..max, none void, each 登记 number tied to a case and each 预留 to none', [
    holes.length ? `${holes.length} holes, first ${holes.slice(0, 10).join(', ')}` : undefined,
    ...rows.filter((row) => row.issuer_code !== code || row.year !== year).map((row) => `${row.text}: issuer ${row.issuer_code} year ${row.year}`),
    ...rows.filter((row) => !(row.status === 'used' && row.case_id) && !(row.status === 'reserved' && !row.case_id)).map((row) => `${row.text}: ${row.status} case ${row.case_id} ${row.void_reason ?? ''}`),
    ...rows.map((row) => (row.text === `${code}〔${year}〕${row.no}号` ? undefined : `${row.no}: text ${row.text}`)),
  ]);
  const outgoing = caseRows.filter((row) => row.kind === 'outgoing');
  const numberedCases = outgoing.filter((row) => row.doc_number);
  check('(10) last_no = max(no) = count(rows) = 登记 + 预留; 登记 numbers = numbered 发文 = register events = prepared cases', [
    sequences.length === 1 && sequences[0].issuer_code === code && sequences[0].year === year ? undefined : `sequences: ${JSON.stringify(sequences)}`,
    sequences[0]?.last_no === max && max === rows.length ? undefined : `last_no ${sequences[0]?.last_no}, max ${max}, count ${rows.length}`,
    used.length + reserved.length === rows.length ? undefined : `${rows.length} rows, ${used.length} used + ${reserved.length} reserved`,
    used.length === numberedCases.length && numberedCases.length === events.length && events.length === cases.size ? undefined : `${used.length} used numbers, ${numberedCases.length} numbered 发文, ${events.length} register events, ${cases.size} prepared cases`,
    outgoing.length === cases.size ? undefined : `${outgoing.length} 发文 in the database, ${cases.size} prepared`,
    ...numberedCases.filter((row) => !cases.has(row.id)).map((row) => `case ${row.id} numbered ${row.doc_number} but not prepared by the test`),
  ], `${rows.length} numbers: ${used.length} 登记 + ${reserved.length} 预留`);
  check('(11) no answer from a live server was a 5xx, an unexpected 4xx or a connection error', stats.failures);
  check('(12) GET /api/doc-numbers (after the restarts) lists every number and names no gap', [
    ledger?.rows?.length === rows.length ? undefined : `ledger lists ${ledger?.rows?.length} rows, database has ${rows.length}`,
    ledger?.gaps?.length === 0 ? undefined : `ledger gaps ${JSON.stringify(ledger?.gaps)}`,
  ]);
};
