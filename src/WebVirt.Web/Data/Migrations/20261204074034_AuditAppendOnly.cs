using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebVirt.Web.Data.Migrations
{
    /// <summary>
    /// The audit log is append-only for everyone who is not its owner acting on purpose: a trigger
    /// refuses UPDATE, DELETE and TRUNCATE, whatever the role's grants (install also grants the
    /// application roles only INSERT and SELECT on it).
    /// </summary>
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION webvirt_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the audit log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
                        USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
                    FOR EACH ROW EXECUTE FUNCTION webvirt_audit_append_only();
                CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION webvirt_audit_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER audit_entries_no_truncate ON audit_entries;
                DROP TRIGGER audit_entries_append_only ON audit_entries;
                DROP FUNCTION webvirt_audit_append_only();
                """);
        }
    }
}
