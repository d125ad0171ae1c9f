using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gaoxin.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Registries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "registry_items",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", nullable: false),
                    subtype = table.Column<string>(type: "TEXT", nullable: true),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    zone_code = table.Column<string>(type: "TEXT", nullable: true),
                    level = table.Column<string>(type: "TEXT", nullable: true),
                    amount = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    unit = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    founded = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    closed = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    plan_id = table.Column<string>(type: "TEXT", nullable: true),
                    section = table.Column<string>(type: "TEXT", nullable: true),
                    quote = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_items", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_registry_items_type_zone_code",
                table: "registry_items",
                columns: new[] { "type", "zone_code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registry_items");
        }
    }
}
