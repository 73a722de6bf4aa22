using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebVirt.Data.Migrations
{
    /// <inheritdoc />
    public partial class MigrationSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MigrationAddress",
                schema: "agent",
                table: "Hosts",
                type: "character varying(253)",
                maxLength: 253,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SharedPools",
                schema: "agent",
                columns: table => new
                {
                    HostId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PoolName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    MarkedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    MarkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharedPools", x => new { x.HostId, x.PoolName });
                    table.ForeignKey(
                        name: "FK_SharedPools_Hosts_HostId",
                        column: x => x.HostId,
                        principalSchema: "agent",
                        principalTable: "Hosts",
                        principalColumn: "HostId",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SharedPools",
                schema: "agent");

            migrationBuilder.DropColumn(
                name: "MigrationAddress",
                schema: "agent",
                table: "Hosts");
        }
    }
}
