-- What each WebVirt role may do in its database. Run by install.sh after the migrations, as the
-- PostgreSQL superuser, connected to the WebVirt database, with psql variables:
--   owner (owns every table: migrations run as it), web_role, and optionally agent_role (below).
-- Re-running it is harmless; it is run after every upgrade so new tables get their grants.
\set ON_ERROR_STOP 1

-- Nobody else connects; the web role connects but creates nothing. Agents hold no database
-- credentials: the console is the only client and keeps what they report.
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'web_role') \gexec
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"web_role";

-- The web: its own tables in public (users, roles, data protection keys, audit log).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"web_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"web_role";
-- The audit log is append-only for the application (a trigger also refuses UPDATE/DELETE/TRUNCATE).
REVOKE UPDATE, DELETE, TRUNCATE ON public.audit_entries FROM :"web_role";
-- Migration histories are read (to see that nothing is pending), never written, by the web.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public."__ef_migrations_web" FROM :"web_role";
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public."__ef_migrations_agent" FROM :"web_role";

-- What agents report (inventory, history, notes, usage) lives in schema agent, written by the web
-- from the agents' pushes.
GRANT USAGE ON SCHEMA agent TO :"web_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA agent TO :"web_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA agent TO :"web_role";

-- The agent's role of earlier versions (named by agent_role): it loses every right and is dropped,
-- so credentials left on a hypervisor open nothing.
\if :{?agent_role}
SELECT format('DROP OWNED BY %I', :'agent_role') WHERE EXISTS (SELECT FROM pg_roles WHERE rolname = :'agent_role') \gexec
SELECT format('DROP ROLE %I', :'agent_role') WHERE EXISTS (SELECT FROM pg_roles WHERE rolname = :'agent_role') \gexec
\endif
