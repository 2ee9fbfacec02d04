import type { Knex } from 'knex';
import type { SessionStore } from '@fastify/session';
import type { Session } from 'fastify';

type Callback = Parameters<SessionStore['set']>[2];
type GetCallback = Parameters<SessionStore['get']>[1];

const defaultLifetimeMs = 8 * 60 * 60 * 1000;

/** Keeps sessions in the database, so they survive restarts and are shared by every node. */
export class DatabaseSessionStore implements SessionStore {
  constructor(private readonly db: Knex) {}

  set(sessionId: string, session: Session, callback: Callback): void {
    const expires = session.cookie?.expires
      ? new Date(session.cookie.expires)
      : new Date(Date.now() + defaultLifetimeMs);
    this.db('sessions')
      .insert({ sid: sessionId, data: JSON.stringify(session), expires_at: expires.toISOString() })
      .onConflict('sid')
      .merge()
      .then(() => callback(), callback);
  }

  get(sessionId: string, callback: GetCallback): void {
    this.db('sessions')
      .where({ sid: sessionId })
      .andWhere('expires_at', '>', new Date().toISOString())
      .first('data')
      .then(
        (row) => callback(null, row ? (row.data as Session) : null),
        (error: unknown) => callback(error),
      );
  }

  destroy(sessionId: string, callback: Callback): void {
    this.db('sessions')
      .where({ sid: sessionId })
      .delete()
      .then(() => callback(), callback);
  }
}
