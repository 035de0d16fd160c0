/**
 * The raw floor of the benchmark: a minimal Fastify process with one pg pool (the same size as the
 * server's) and nothing else — no session, no checks, no ORM. (i) GET /pk/:id: one primary-key
 * SELECT of a case row; (ii) POST /write: BEGIN; one INSERT; COMMIT.
 * Started by scripts/bench.ts: DATABASE_URL, PORT, FUBAN_DB_POOL.
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.FUBAN_DB_POOL ?? 10) });
await pool.query('create table if not exists bench_floor (id bigserial primary key, at timestamptz not null default now(), payload jsonb not null)');

const app = Fastify({ logger: false });

app.get<{ Params: { id: string } }>('/pk/:id', async (request, reply) => {
  const result = await pool.query('select * from cases where id = $1', [request.params.id]);
  if (result.rows.length === 0) return reply.status(404).send({ code: 'NOT_FOUND' });
  return result.rows[0];
});

app.post<{ Body: { caseId?: string; n?: number } }>('/write', async (request) => {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await client.query<{ id: string }>('insert into bench_floor (payload) values ($1) returning id', [JSON.stringify(request.body ?? {})]);
    await client.query('commit');
    return { id: Number(result.rows[0]!.id) };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
});

const shutdown = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());

await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(`floor listening on ${(app.server.address() as { port: number }).port}`);
