import type pg from 'pg';

/** Server-side keepalive: PostgreSQL notices a replica machine gone silent within about 25 s. */
const SERVER_KEEPALIVE = '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3';

/**
 * A long-lived session of its own (a leader's lock, a LISTEN), named in pg_stat_activity so an
 * operator sees which replica holds what. Idle sessions are never timed out by the server (they
 * are idle by design), and a dead peer on either side is noticed by TCP keepalive, which is what
 * frees a dead leader's lock when its machine vanishes without closing the connection.
 * Options given in the URL win over these.
 */
export function sessionOptions(url: string, applicationName: string): pg.ClientConfig {
  return {
    connectionString: url,
    application_name: applicationName.slice(0, 63),
    options: `${SERVER_KEEPALIVE} -c idle_session_timeout=0`,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    connectionTimeoutMillis: 5000,
  };
}
