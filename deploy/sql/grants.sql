-- What each WebVirt role may do in its database. Run by install.sh after the migrations, as the
-- PostgreSQL superuser, connected to the WebVirt database, with psql variables:
--   owner (owns every table: migrations run as it), web_role, agent_role.
-- Re-running it is harmless; it is run after every upgrade so new tables get their grants.
\set ON_ERROR_STOP 1

-- Nobody else connects; the app roles connect but create nothing.
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I, %I', current_database(), :'web_role', :'agent_role') \gexec
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"web_role", :"agent_role";

-- The web: its own tables in public (users, roles, data protection keys, audit log).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"web_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"web_role";
-- The audit log is append-only for the application (a trigger also refuses UPDATE/DELETE/TRUNCATE).
REVOKE UPDATE, DELETE, TRUNCATE ON public.audit_entries FROM :"web_role";
-- Migration histories are read (to see that nothing is pending), never written, by the apps.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public."__ef_migrations_web" FROM :"web_role";
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public."__ef_migrations_agent" FROM :"web_role";

-- What agents report (inventory, history, notes, usage) lives in schema agent, written by the web
-- from the agents' pushes; reading that schema's migration history shows nothing is pending.
GRANT USAGE ON SCHEMA agent TO :"web_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA agent TO :"web_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA agent TO :"web_role";
GRANT SELECT ON public."__ef_migrations_agent" TO :"web_role";

-- The agent: the same schema while agents still write part of it, plus reading its migration history.
GRANT USAGE ON SCHEMA agent TO :"agent_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA agent TO :"agent_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA agent TO :"agent_role";
GRANT SELECT ON public."__ef_migrations_agent" TO :"agent_role";
