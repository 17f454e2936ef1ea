import type { PostgresMigration } from './migration';

/** JSON kept as text, read as the SQLite schema's json_extract does (json, not jsonb: jsonb refuses \u0000 in a value). */
const envelopeText = (path: string) => `(CAST(envelope AS json) #>> '{${path}}')`;
const PHONE = `replace(replace(replace(replace(replace(replace(btrim(${envelopeText('customer,phone')}), ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')`;

/**
 * The hub's schema as the SQLite migrations 001–017 leave it, in PostgreSQL's types: INTEGER as
 * bigint, BLOB as bytea, every text column in the "C" collation so ORDER BY and comparisons go by
 * bytes as SQLite's do, whatever the server's locale. No triggers: the kernel folds
 * conversation_facts in TypeScript. The generated customer columns are STORED (PostgreSQL 15 has
 * no virtual ones); they read the envelope as the SQLite expressions do.
 */
export const baseline: PostgresMigration = {
  version: 1,
  async up(client) {
    await client.query(`
      CREATE TABLE queues (
        id text COLLATE "C" PRIMARY KEY,
        name text COLLATE "C" NOT NULL,
        required_skills text COLLATE "C" NOT NULL DEFAULT '[]',
        language text COLLATE "C",
        service_level_seconds bigint NOT NULL DEFAULT 60,
        service_level_percent bigint NOT NULL DEFAULT 80,
        offer_timeout_seconds bigint
      );

      CREATE TABLE users (
        id text COLLATE "C" PRIMARY KEY,
        email text COLLATE "C" NOT NULL,
        name text COLLATE "C" NOT NULL,
        role text COLLATE "C" NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin', 'wallboard')),
        password_hash text COLLATE "C" NOT NULL,
        capacity bigint NOT NULL DEFAULT 3,
        skills text COLLATE "C" NOT NULL DEFAULT '[]',
        languages text COLLATE "C" NOT NULL DEFAULT '[]',
        deactivated_at text COLLATE "C"
      );
      -- SQLite's UNIQUE COLLATE NOCASE: one account per address whatever its (ASCII) case.
      CREATE UNIQUE INDEX users_email_nocase ON users (lower(email));

      CREATE TABLE queue_members (
        queue_id text COLLATE "C" NOT NULL REFERENCES queues(id),
        user_id text COLLATE "C" NOT NULL REFERENCES users(id),
        PRIMARY KEY (queue_id, user_id)
      );

      CREATE TABLE sessions (
        token_hash text COLLATE "C" PRIMARY KEY,
        user_id text COLLATE "C" NOT NULL REFERENCES users(id),
        created_at text COLLATE "C" NOT NULL,
        expires_at text COLLATE "C" NOT NULL
      );

      CREATE TABLE integrations (
        id text COLLATE "C" PRIMARY KEY,
        name text COLLATE "C" NOT NULL,
        token_hash text COLLATE "C" NOT NULL UNIQUE,
        default_queue text COLLATE "C" NOT NULL REFERENCES queues(id),
        signing_secret text COLLATE "C",
        callback_url text COLLATE "C",
        channel_platform text COLLATE "C",
        channel_settings text COLLATE "C",
        created_at text COLLATE "C",
        previous_token_hash text COLLATE "C",
        previous_token_expires_at text COLLATE "C",
        revoked_at text COLLATE "C"
      );

      CREATE TABLE conversations (
        id text COLLATE "C" PRIMARY KEY,
        integration_id text COLLATE "C" NOT NULL,
        envelope_id text COLLATE "C" NOT NULL,
        state text COLLATE "C" NOT NULL,
        queue text COLLATE "C" NOT NULL,
        owner text COLLATE "C" NOT NULL,
        offer text COLLATE "C",
        offered_agent_id text COLLATE "C",
        assigned_agent_id text COLLATE "C",
        created_at text COLLATE "C" NOT NULL,
        updated_at text COLLATE "C" NOT NULL,
        envelope text COLLATE "C" NOT NULL,
        priority bigint NOT NULL DEFAULT 3,
        skills text COLLATE "C" NOT NULL DEFAULT '[]',
        language text COLLATE "C",
        previous_conversation_id text COLLATE "C",
        disposition text COLLATE "C",
        rating bigint,
        transfer text COLLATE "C",
        participants text COLLATE "C" NOT NULL DEFAULT '[]',
        customer_key text COLLATE "C" GENERATED ALWAYS AS (${envelopeText('customer,id')}) STORED,
        customer_email text COLLATE "C" GENERATED ALWAYS AS (nullif(lower(btrim(${envelopeText('customer,email')})), '')) STORED,
        customer_phone text COLLATE "C" GENERATED ALWAYS AS (CASE WHEN length(${PHONE}) >= 6 THEN ${PHONE} END) STORED,
        UNIQUE (integration_id, envelope_id)
      );
      CREATE INDEX conversations_queue_state ON conversations (queue, state, created_at);
      CREATE INDEX conversations_assigned ON conversations (assigned_agent_id, state);
      CREATE INDEX conversations_assigned_load ON conversations (assigned_agent_id) WHERE state = 'assigned';
      CREATE INDEX conversations_offered_load ON conversations (offered_agent_id) WHERE offered_agent_id IS NOT NULL;
      CREATE INDEX conversations_source ON conversations (integration_id, ${envelopeText('source,conversationId')}, created_at);
      CREATE INDEX conversations_previous ON conversations (previous_conversation_id) WHERE previous_conversation_id IS NOT NULL;
      CREATE INDEX conversations_closed ON conversations (updated_at) WHERE state IN ('resolved', 'abandoned', 'returned_to_bot');
      CREATE INDEX conversations_customer_key ON conversations (integration_id, customer_key) WHERE customer_key IS NOT NULL;
      CREATE INDEX conversations_customer_email ON conversations (customer_email) WHERE customer_email IS NOT NULL;
      CREATE INDEX conversations_customer_phone ON conversations (customer_phone) WHERE customer_phone IS NOT NULL;

      CREATE TABLE messages (
        conversation_id text COLLATE "C" NOT NULL REFERENCES conversations(id),
        id text COLLATE "C" NOT NULL,
        at text COLLATE "C" NOT NULL,
        author text COLLATE "C" NOT NULL,
        author_name text COLLATE "C",
        text text COLLATE "C" NOT NULL,
        client_message_id text COLLATE "C",
        visibility text COLLATE "C" CHECK (visibility IN ('everyone', 'staff')),
        delivery text COLLATE "C",
        attachments text COLLATE "C",
        PRIMARY KEY (conversation_id, id)
      );
      CREATE UNIQUE INDEX messages_client_id ON messages (conversation_id, client_message_id) WHERE client_message_id IS NOT NULL;

      -- The append-only event log: its seq is what clients resume from. Writers take the floor's
      -- advisory lock before they append, so seq order is commit order.
      CREATE TABLE events (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at text COLLATE "C" NOT NULL,
        conversation_id text COLLATE "C" NOT NULL,
        type text COLLATE "C" NOT NULL,
        queue text COLLATE "C" NOT NULL,
        body text COLLATE "C" NOT NULL
      );
      CREATE INDEX events_queue ON events (queue, seq);
      CREATE INDEX events_assigned ON events (queue, at) WHERE type = 'conversation:assigned';
      CREATE INDEX events_conversation ON events (conversation_id, seq);

      CREATE TABLE event_audience (
        seq bigint NOT NULL REFERENCES events(seq),
        user_id text COLLATE "C" NOT NULL,
        PRIMARY KEY (user_id, seq)
      );
      CREATE INDEX event_audience_seq ON event_audience (seq);

      CREATE TABLE chat_sessions (
        id text COLLATE "C" PRIMARY KEY,
        token_hash text COLLATE "C" NOT NULL UNIQUE,
        customer_name text COLLATE "C" NOT NULL,
        conversation_id text COLLATE "C" REFERENCES conversations(id),
        bot_state text COLLATE "C" NOT NULL,
        created_at text COLLATE "C" NOT NULL,
        left_at text COLLATE "C"
      );
      CREATE INDEX chat_sessions_left ON chat_sessions (left_at) WHERE left_at IS NOT NULL;
      CREATE INDEX chat_sessions_conversation ON chat_sessions (conversation_id) WHERE conversation_id IS NOT NULL;

      CREATE TABLE chat_turns (
        session_id text COLLATE "C" NOT NULL REFERENCES chat_sessions(id) ON DELETE CASCADE,
        position bigint NOT NULL,
        turn text COLLATE "C" NOT NULL,
        PRIMARY KEY (session_id, position)
      );

      CREATE TABLE adapter_pending (
        key text COLLATE "C" NOT NULL,
        seq bigint NOT NULL,
        turn_id text COLLATE "C",
        turn text COLLATE "C",
        meta text COLLATE "C",
        updated_at text COLLATE "C" NOT NULL,
        PRIMARY KEY (key, seq)
      );
      CREATE UNIQUE INDEX adapter_pending_turn_id ON adapter_pending (key, turn_id) WHERE turn_id IS NOT NULL;
      CREATE INDEX adapter_pending_updated_at ON adapter_pending (updated_at);

      CREATE TABLE webhook_receipts (
        integration_id text COLLATE "C" NOT NULL,
        message_id text COLLATE "C" NOT NULL,
        timestamp text COLLATE "C" NOT NULL,
        received_at text COLLATE "C" NOT NULL,
        PRIMARY KEY (integration_id, message_id, timestamp)
      );
      CREATE INDEX webhook_receipts_received ON webhook_receipts (received_at);

      CREATE TABLE repeat_asks (
        conversation_id text COLLATE "C" NOT NULL REFERENCES conversations(id),
        message_id text COLLATE "C" NOT NULL,
        kind text COLLATE "C" NOT NULL CHECK (kind IN ('agent_asked', 'customer_restated')),
        field_key text COLLATE "C" NOT NULL,
        agent_id text COLLATE "C",
        intent text COLLATE "C" NOT NULL,
        at text COLLATE "C" NOT NULL,
        PRIMARY KEY (conversation_id, message_id, field_key)
      );
      CREATE INDEX repeat_asks_at ON repeat_asks (at);

      CREATE TABLE flags (
        id text COLLATE "C" PRIMARY KEY,
        conversation_id text COLLATE "C" NOT NULL REFERENCES conversations(id),
        raised_by text COLLATE "C" NOT NULL,
        message text COLLATE "C" NOT NULL,
        at text COLLATE "C" NOT NULL,
        answer text COLLATE "C"
      );
      CREATE INDEX flags_conversation ON flags (conversation_id, at);
      CREATE INDEX flags_open ON flags (raised_by) WHERE answer IS NULL;

      CREATE TABLE callback_cursor (
        name text COLLATE "C" PRIMARY KEY,
        seq bigint NOT NULL
      );

      CREATE TABLE callback_deliveries (
        id text COLLATE "C" PRIMARY KEY,
        integration_id text COLLATE "C" NOT NULL,
        conversation_id text COLLATE "C" NOT NULL,
        body text COLLATE "C" NOT NULL,
        attempts bigint NOT NULL DEFAULT 0,
        next_attempt_at text COLLATE "C" NOT NULL,
        delivered_at text COLLATE "C",
        given_up_at text COLLATE "C",
        last_error text COLLATE "C",
        created_at text COLLATE "C" NOT NULL,
        message_id text COLLATE "C",
        platform_message_id text COLLATE "C"
      );
      CREATE INDEX callback_deliveries_due ON callback_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND given_up_at IS NULL;
      CREATE INDEX callback_deliveries_pending ON callback_deliveries (conversation_id) WHERE delivered_at IS NULL AND given_up_at IS NULL;
      CREATE INDEX callback_deliveries_conversation ON callback_deliveries (conversation_id);

      CREATE TABLE bot_session_reports (
        integration_id text COLLATE "C" NOT NULL,
        report_id text COLLATE "C" NOT NULL,
        at text COLLATE "C" NOT NULL,
        intent text COLLATE "C",
        channel text COLLATE "C",
        contained bigint NOT NULL CHECK (contained >= 0),
        received_at text COLLATE "C" NOT NULL,
        PRIMARY KEY (integration_id, report_id)
      );
      CREATE INDEX bot_session_reports_at ON bot_session_reports (at);

      CREATE TABLE waiting_reasons_told (
        conversation_id text COLLATE "C" NOT NULL,
        reason text COLLATE "C" NOT NULL,
        PRIMARY KEY (conversation_id, reason)
      );

      -- One row per handed-off conversation, folded by the kernel (src/hub/store/conversation-facts.ts).
      CREATE TABLE conversation_facts (
        id text COLLATE "C" PRIMARY KEY,
        queue text COLLATE "C", intent text COLLATE "C", channel text COLLATE "C", reason text COLLATE "C", is_direct bigint,
        handed_off_at text COLLATE "C", handed_off_ms bigint,
        agents text COLLATE "C" DEFAULT '[]',
        first_assigned_ms bigint, assignments bigint DEFAULT 0,
        offers_made bigint DEFAULT 0, offers_declined bigint DEFAULT 0, offers_expired bigint DEFAULT 0,
        offers_withdrawn bigint DEFAULT 0, open_offers bigint DEFAULT 0,
        wait_ms bigint DEFAULT 0, has_finished_wait bigint DEFAULT 0, is_waiting bigint DEFAULT 1,
        waiting_since_ms bigint, last_waiting_reason text COLLATE "C",
        transfers bigint DEFAULT 0, transfers_before_resolution bigint,
        resolved_ms bigint, disposition text COLLATE "C", abandoned_ms bigint,
        repeat_asks bigint DEFAULT 0, repeat_agents text COLLATE "C" DEFAULT '[]', rating bigint,
        min_at text COLLATE "C", max_at text COLLATE "C", other_queue bigint DEFAULT 0, extra_handoffs bigint DEFAULT 0
      );
      CREATE INDEX conversation_facts_handed_off ON conversation_facts (handed_off_at);
      CREATE INDEX conversation_facts_rehanded ON conversation_facts (id) WHERE extra_handoffs > 0;

      CREATE TABLE skills (
        id text COLLATE "C" PRIMARY KEY,
        name text COLLATE "C" NOT NULL
      );

      CREATE TABLE password_codes (
        code_hash text COLLATE "C" PRIMARY KEY,
        user_id text COLLATE "C" NOT NULL REFERENCES users(id),
        created_at text COLLATE "C" NOT NULL,
        expires_at text COLLATE "C" NOT NULL
      );
      CREATE INDEX password_codes_user ON password_codes (user_id);

      -- Append-only: who changed what, with the before and after (secrets are never written here).
      CREATE TABLE audit_log (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at text COLLATE "C" NOT NULL,
        actor_id text COLLATE "C" NOT NULL,
        actor_name text COLLATE "C" NOT NULL,
        action text COLLATE "C" NOT NULL,
        target_kind text COLLATE "C" NOT NULL,
        target_id text COLLATE "C" NOT NULL,
        before text COLLATE "C",
        after text COLLATE "C"
      );
      CREATE INDEX audit_log_at ON audit_log (at);

      CREATE TABLE hub_settings (
        key text COLLATE "C" PRIMARY KEY,
        value text COLLATE "C" NOT NULL
      );

      CREATE TABLE attachments (
        id text COLLATE "C" PRIMARY KEY,
        conversation_id text COLLATE "C" REFERENCES conversations(id) ON DELETE CASCADE,
        integration_id text COLLATE "C",
        uploaded_by text COLLATE "C",
        name text COLLATE "C" NOT NULL,
        content_type text COLLATE "C" NOT NULL,
        size bigint NOT NULL,
        sha256 text COLLATE "C" NOT NULL,
        data bytea NOT NULL,
        created_at text COLLATE "C" NOT NULL
      );
      CREATE INDEX attachments_by_conversation ON attachments (conversation_id);
      CREATE INDEX attachments_unlinked ON attachments (created_at) WHERE conversation_id IS NULL;

      CREATE TABLE hub_keys (
        name text COLLATE "C" PRIMARY KEY,
        secret bytea NOT NULL
      );
    `);
  },
};
