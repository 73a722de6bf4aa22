using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WebVirt.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "agent");

            migrationBuilder.CreateTable(
                name: "Hosts",
                schema: "agent",
                columns: table => new
                {
                    HostId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hostname = table.Column<string>(type: "text", nullable: false),
                    UseEmulation = table.Column<bool>(type: "boolean", nullable: false),
                    LibvirtVersion = table.Column<string>(type: "text", nullable: false),
                    HypervisorVersion = table.Column<string>(type: "text", nullable: false),
                    FirstSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Hosts", x => x.HostId);
                });

            migrationBuilder.CreateTable(
                name: "Guests",
                schema: "agent",
                columns: table => new
                {
                    HostId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Uuid = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StateReason = table.Column<string>(type: "text", nullable: false),
                    VCpus = table.Column<int>(type: "integer", nullable: false),
                    MemoryKiB = table.Column<long>(type: "bigint", nullable: false),
                    Autostart = table.Column<bool>(type: "boolean", nullable: false),
                    Persistent = table.Column<bool>(type: "boolean", nullable: false),
                    FirstSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RemovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Guests", x => new { x.HostId, x.Uuid });
                    table.ForeignKey(
                        name: "FK_Guests_Hosts_HostId",
                        column: x => x.HostId,
                        principalSchema: "agent",
                        principalTable: "Hosts",
                        principalColumn: "HostId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StateChanges",
                schema: "agent",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    HostId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Uuid = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    FromState = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ToState = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Event = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StateChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StateChanges_Guests_HostId_Uuid",
                        columns: x => new { x.HostId, x.Uuid },
                        principalSchema: "agent",
                        principalTable: "Guests",
                        principalColumns: new[] { "HostId", "Uuid" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StateChanges_HostId_Uuid_At",
                schema: "agent",
                table: "StateChanges",
                columns: new[] { "HostId", "Uuid", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StateChanges",
                schema: "agent");

            migrationBuilder.DropTable(
                name: "Guests",
                schema: "agent");

            migrationBuilder.DropTable(
                name: "Hosts",
                schema: "agent");
        }
    }
}
