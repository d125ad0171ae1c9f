using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gaoxin.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PortalZoneProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "zone_contacts",
                columns: table => new
                {
                    zone_code = table.Column<string>(type: "TEXT", nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    website = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_zone_contacts", x => x.zone_code);
                    table.ForeignKey(
                        name: "FK_zone_contacts_zones_zone_code",
                        column: x => x.zone_code,
                        principalTable: "zones",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "zone_contacts");
        }
    }
}
