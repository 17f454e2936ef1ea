import type { Migration } from './index';

/** The customer's phone as its digits (what phoneKey in src/shared/earlier-conversations.ts keeps), null under six. */
const PHONE_DIGITS = `replace(replace(replace(replace(replace(replace(trim(json_extract(envelope, '$.customer.phone')), ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')`;

/**
 * A returning customer's earlier conversations are found by their bot's customer id (within the
 * same integration: ids are the platform's own), their email or their phone. Virtual columns over
 * the envelope, indexed, so the lookup reads a few index entries however many conversations the
 * hub keeps.
 */
export const customerLookup: Migration = {
  version: 17,
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN customer_key TEXT
        GENERATED ALWAYS AS (CAST(json_extract(envelope, '$.customer.id') AS TEXT)) VIRTUAL;
      ALTER TABLE conversations ADD COLUMN customer_email TEXT
        GENERATED ALWAYS AS (nullif(lower(trim(json_extract(envelope, '$.customer.email'))), '')) VIRTUAL;
      ALTER TABLE conversations ADD COLUMN customer_phone TEXT
        GENERATED ALWAYS AS (CASE WHEN length(${PHONE_DIGITS}) >= 6 THEN ${PHONE_DIGITS} END) VIRTUAL;
      CREATE INDEX conversations_customer_key ON conversations(integration_id, customer_key) WHERE customer_key IS NOT NULL;
      CREATE INDEX conversations_customer_email ON conversations(customer_email) WHERE customer_email IS NOT NULL;
      CREATE INDEX conversations_customer_phone ON conversations(customer_phone) WHERE customer_phone IS NOT NULL;
    `);
  },
};
