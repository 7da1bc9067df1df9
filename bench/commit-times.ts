import pg from "pg";

/**
 * When each request's deciding transaction committed, from PostgreSQL's own commit timestamps
 * (track_commit_timestamp, on in the local install): the row's xmin is the transaction that wrote
 * its terminal state, as nothing in the benchmark updates a request after its decision.
 */
export async function commitTimes(databaseUrl: string, ids: string[]): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; committed: Date | null }>(
      `SELECT id::text, pg_xact_commit_timestamp(xmin) AS committed FROM approval_requests WHERE id = ANY($1::uuid[]) AND status = 'approved'`,
      [ids],
    );
    return new Map(rows.filter((r) => r.committed).map((r) => [r.id, r.committed!.getTime()]));
  } finally {
    await client.end();
  }
}
