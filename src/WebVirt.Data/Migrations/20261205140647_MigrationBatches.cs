using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebVirt.Data.Migrations
{
    /// <inheritdoc />
    public partial class MigrationBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MigrationBatches",
                schema: "agent",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    StartedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    StartedByTokenId = table.Column<Guid>(type: "uuid", nullable: true),
                    SourceHostId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DestinationHostId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Choice = table.Column<string>(type: "jsonb", nullable: false),
                    Guests = table.Column<string>(type: "jsonb", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelledBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MigrationBatches", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MigrationBatches_EndedAt",
                schema: "agent",
                table: "MigrationBatches",
                column: "EndedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MigrationBatches",
                schema: "agent");
        }
    }
}
