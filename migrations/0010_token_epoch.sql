-- +goose Up
-- Access tokens are checked against their principal on every request (internal/auth/epochs.go).
-- token_epoch moves whenever what a token says of its principal stops being true: its roles, its
-- credentials, whether it may act at all. tokens_valid_from is the lowest epoch still honoured:
-- it jumps to token_epoch when the credentials change or the account is disabled or enabled, so
-- every token of before is refused; a role change moves token_epoch alone, and tokens of before
-- then act with the current roles. Every change notifies "token_epoch" with '<kind>:<id>' (or
-- '*' for a bulk change), at commit, so each instance drops what it cached of that principal.
--
-- Triggers rather than application code: a psql UPDATE during an incident, the CLI, a COPY of
-- the importer or the seed revoke tokens exactly as the API does.
ALTER TABLE users
    ADD COLUMN token_epoch bigint NOT NULL DEFAULT 1,
    ADD COLUMN tokens_valid_from bigint NOT NULL DEFAULT 0;
ALTER TABLE clients
    ADD COLUMN token_epoch bigint NOT NULL DEFAULT 1,
    ADD COLUMN tokens_valid_from bigint NOT NULL DEFAULT 0;

-- +goose StatementBegin
CREATE FUNCTION revoke_principal_tokens() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.token_epoch := OLD.token_epoch + 1;
    NEW.tokens_valid_from := NEW.token_epoch;
    PERFORM pg_notify('token_epoch', TG_ARGV[0] || ':' || NEW.id);
    RETURN NEW;
END $$;
-- +goose StatementEnd

CREATE TRIGGER users_revoke_tokens BEFORE UPDATE OF disabled, password_hash ON users FOR EACH ROW
    WHEN (OLD.disabled IS DISTINCT FROM NEW.disabled OR OLD.password_hash IS DISTINCT FROM NEW.password_hash)
    EXECUTE FUNCTION revoke_principal_tokens('user');
CREATE TRIGGER clients_revoke_tokens BEFORE UPDATE OF disabled, secret_hash ON clients FOR EACH ROW
    WHEN (OLD.disabled IS DISTINCT FROM NEW.disabled OR OLD.secret_hash IS DISTINCT FROM NEW.secret_hash)
    EXECUTE FUNCTION revoke_principal_tokens('client');

-- A principal deleted outright: nothing to bump, but caches must forget it.
-- +goose StatementBegin
CREATE FUNCTION forget_principal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('token_epoch', TG_ARGV[0] || ':' || OLD.id);
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER users_forget AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION forget_principal('user');
CREATE TRIGGER clients_forget AFTER DELETE ON clients FOR EACH ROW EXECUTE FUNCTION forget_principal('client');

-- Role assignments change one statement at a time (a grant, a revoke, or a COPY of thousands
-- when the importer or the seed creates users): one UPDATE per statement over the principals it
-- touched, and beyond a hundred of them one '*' notification instead of one each.
-- +goose StatementBegin
CREATE FUNCTION bump_role_holders() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n int;
    r record;
BEGIN
    UPDATE users SET token_epoch = token_epoch + 1
        WHERE id IN (SELECT principal_id FROM changed WHERE principal_kind = 'user');
    UPDATE clients SET token_epoch = token_epoch + 1
        WHERE id IN (SELECT principal_id FROM changed WHERE principal_kind = 'client');
    SELECT count(DISTINCT principal_id) INTO n FROM changed;
    IF n > 100 THEN
        PERFORM pg_notify('token_epoch', '*');
    ELSE
        FOR r IN SELECT DISTINCT principal_kind, principal_id FROM changed LOOP
            PERFORM pg_notify('token_epoch', r.principal_kind || ':' || r.principal_id);
        END LOOP;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER role_assignments_grant AFTER INSERT ON role_assignments
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_role_holders();
CREATE TRIGGER role_assignments_revoke AFTER DELETE ON role_assignments
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_role_holders();
CREATE TRIGGER role_assignments_change AFTER UPDATE ON role_assignments
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_role_holders();

-- +goose Down
DROP TRIGGER role_assignments_change ON role_assignments;
DROP TRIGGER role_assignments_revoke ON role_assignments;
DROP TRIGGER role_assignments_grant ON role_assignments;
DROP FUNCTION bump_role_holders();
DROP TRIGGER clients_forget ON clients;
DROP TRIGGER users_forget ON users;
DROP FUNCTION forget_principal();
DROP TRIGGER clients_revoke_tokens ON clients;
DROP TRIGGER users_revoke_tokens ON users;
DROP FUNCTION revoke_principal_tokens();
ALTER TABLE clients DROP COLUMN tokens_valid_from, DROP COLUMN token_epoch;
ALTER TABLE users DROP COLUMN tokens_valid_from, DROP COLUMN token_epoch;
