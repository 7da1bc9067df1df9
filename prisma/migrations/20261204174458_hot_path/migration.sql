-- CreateTable
CREATE TABLE "agent_counters" (
    "agentId" UUID NOT NULL,
    "pending" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "agent_counters_pkey" PRIMARY KEY ("agentId")
);

-- AddForeignKey
ALTER TABLE "agent_counters" ADD CONSTRAINT "agent_counters_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every agent has its counter row, created with it; existing agents get theirs counted now.
INSERT INTO "agent_counters" ("agentId", "pending")
SELECT a."id", (SELECT count(*) FROM "approval_requests" r WHERE r."agentId" = a."id" AND r."status" = 'pending')
FROM "agents" a;

CREATE FUNCTION countersign_create_agent_counter() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "agent_counters" ("agentId") SELECT "id" FROM new_agents ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER "agents_create_counter" AFTER INSERT ON "agents"
  REFERENCING NEW TABLE AS new_agents FOR EACH STATEMENT EXECUTE FUNCTION countersign_create_agent_counter();

-- The pending count follows the requests: inserted pending (+1), leaving or entering pending
-- (-1 / +1), deleted while pending (-1). Row-level with WHEN clauses: a request the policy decides
-- at once is inserted closed and costs no trigger call at all.
CREATE FUNCTION countersign_count_pending() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "agent_counters" SET "pending" = "pending" + 1 WHERE "agentId" = NEW."agentId";
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "agent_counters" SET "pending" = "pending" - 1 WHERE "agentId" = OLD."agentId";
  ELSE
    UPDATE "agent_counters" SET "pending" = "pending" + (CASE WHEN NEW."status" = 'pending' THEN 1 ELSE -1 END)
    WHERE "agentId" = NEW."agentId";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "approval_requests_count_inserted" AFTER INSERT ON "approval_requests"
  FOR EACH ROW WHEN (NEW."status" = 'pending') EXECUTE FUNCTION countersign_count_pending();
CREATE TRIGGER "approval_requests_count_deleted" AFTER DELETE ON "approval_requests"
  FOR EACH ROW WHEN (OLD."status" = 'pending') EXECUTE FUNCTION countersign_count_pending();
CREATE TRIGGER "approval_requests_count_status" AFTER UPDATE OF "status" ON "approval_requests"
  FOR EACH ROW WHEN ((OLD."status" = 'pending') IS DISTINCT FROM (NEW."status" = 'pending'))
  EXECUTE FUNCTION countersign_count_pending();

-- Caches in every web process (lib/platform/cache/fresh-cache.ts) drop what they hold from a
-- table when it changes; PostgreSQL delivers the notification when the change commits.
CREATE FUNCTION countersign_notify_cache() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('countersign_cache', TG_TABLE_NAME);
  RETURN NULL;
END $$;
CREATE TRIGGER "agents_notify_cache" AFTER INSERT OR UPDATE OR DELETE ON "agents"
  FOR EACH STATEMENT EXECUTE FUNCTION countersign_notify_cache();
CREATE TRIGGER "users_notify_cache" AFTER UPDATE OR DELETE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION countersign_notify_cache();
-- Keys: not for the last-used stamp, which changes once a minute per key in use.
CREATE TRIGGER "api_keys_notify_cache" AFTER UPDATE ON "api_keys"
  FOR EACH ROW WHEN (OLD."revokedAt" IS DISTINCT FROM NEW."revokedAt" OR OLD."expiresAt" IS DISTINCT FROM NEW."expiresAt"
    OR OLD."secretHash" IS DISTINCT FROM NEW."secretHash" OR OLD."agentId" IS DISTINCT FROM NEW."agentId" OR OLD."prefix" IS DISTINCT FROM NEW."prefix")
  EXECUTE FUNCTION countersign_notify_cache();
CREATE TRIGGER "api_keys_notify_cache_delete" AFTER DELETE ON "api_keys"
  FOR EACH STATEMENT EXECUTE FUNCTION countersign_notify_cache();
CREATE TRIGGER "action_types_notify_cache" AFTER INSERT OR UPDATE OR DELETE ON "action_types"
  FOR EACH STATEMENT EXECUTE FUNCTION countersign_notify_cache();
CREATE TRIGGER "policies_notify_cache" AFTER INSERT OR UPDATE OR DELETE ON "policies"
  FOR EACH STATEMENT EXECUTE FUNCTION countersign_notify_cache();
CREATE TRIGGER "policy_versions_notify_cache" AFTER INSERT OR UPDATE OR DELETE ON "policy_versions"
  FOR EACH STATEMENT EXECUTE FUNCTION countersign_notify_cache();
CREATE TRIGGER "policy_rules_notify_cache" AFTER INSERT OR UPDATE OR DELETE ON "policy_rules"
  FOR EACH STATEMENT EXECUTE FUNCTION countersign_notify_cache();
CREATE TRIGGER "receipt_keys_notify_cache" AFTER INSERT OR UPDATE OR DELETE ON "receipt_keys"
  FOR EACH STATEMENT EXECUTE FUNCTION countersign_notify_cache();
