using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WebVirt.Data.Migrations
{
    /// <inheritdoc />
    public partial class GuestPage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GuestNotes",
                schema: "agent",
                columns: table => new
                {
                    HostId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Uuid = table.Column<Guid>(type: "uuid", nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GuestNotes", x => new { x.HostId, x.Uuid });
                    table.ForeignKey(
                        name: "FK_GuestNotes_Guests_HostId_Uuid",
                        columns: x => new { x.HostId, x.Uuid },
                        principalSchema: "agent",
                        principalTable: "Guests",
                        principalColumns: new[] { "HostId", "Uuid" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UsageSamples",
                schema: "agent",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    HostId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    GuestUuid = table.Column<Guid>(type: "uuid", nullable: true),
                    ResolutionSeconds = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CpuPercent = table.Column<double>(type: "double precision", nullable: false),
                    MemoryUsedKiB = table.Column<long>(type: "bigint", nullable: false),
                    MemoryTotalKiB = table.Column<long>(type: "bigint", nullable: false),
                    DiskReadBytesPerSecond = table.Column<double>(type: "double precision", nullable: false),
                    DiskWriteBytesPerSecond = table.Column<double>(type: "double precision", nullable: false),
                    NetRxBytesPerSecond = table.Column<double>(type: "double precision", nullable: false),
                    NetTxBytesPerSecond = table.Column<double>(type: "double precision", nullable: false),
                    Load1 = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageSamples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UsageSamples_Hosts_HostId",
                        column: x => x.HostId,
                        principalSchema: "agent",
                        principalTable: "Hosts",
                        principalColumn: "HostId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UsageSamples_HostId_ResolutionSeconds_At",
                schema: "agent",
                table: "UsageSamples",
                columns: new[] { "HostId", "ResolutionSeconds", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageSamples_HostId_ResolutionSeconds_GuestUuid_At",
                schema: "agent",
                table: "UsageSamples",
                columns: new[] { "HostId", "ResolutionSeconds", "GuestUuid", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GuestNotes",
                schema: "agent");

            migrationBuilder.DropTable(
                name: "UsageSamples",
                schema: "agent");
        }
    }
}
