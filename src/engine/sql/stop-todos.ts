// The step a ticket was in when it failed or was cancelled is written `stopped`, stamped with the
// terminal write's time (the domain's `stopped` status, src/domain/todos.ts), in SQL because the
// terminal writes are single batched statements. Without it the history showed the interrupted step "in progress" forever.
import { sql, type SQL } from "drizzle-orm";

/** `todos` (a jsonb array expression) with every in_progress item turned `stopped` at now(). */
export function stopInterruptedTodosSql(todos: SQL): SQL {
  return sql`(SELECT coalesce(jsonb_agg(
      CASE WHEN x.e->>'status' = 'in_progress'
        THEN x.e || jsonb_build_object('status', 'stopped',
             'completed_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
        ELSE x.e END ORDER BY x.i), '[]'::jsonb)
    FROM jsonb_array_elements(${todos}) WITH ORDINALITY AS x(e, i))`;
}
