using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gaoxin.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegistryAttributesAndCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "accredited",
                table: "registry_items",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "attributes",
                table: "registry_items",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_demo",
                table: "registry_items",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "pending_change",
                table: "registry_items",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pending_change_by",
                table: "registry_items",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "derived",
                table: "data_elements",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "registry_figures",
                columns: table => new
                {
                    item_id = table.Column<string>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    measure = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    value = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    approval = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", nullable: false),
                    is_demo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_figures", x => new { x.item_id, x.year, x.measure });
                    table.ForeignKey(
                        name: "FK_registry_figures_registry_items_item_id",
                        column: x => x.item_id,
                        principalTable: "registry_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registry_projects",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    item_id = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    started = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ended = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    result = table.Column<string>(type: "TEXT", nullable: true),
                    approval = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", nullable: false),
                    is_demo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_projects", x => x.id);
                    table.ForeignKey(
                        name: "FK_registry_projects_registry_items_item_id",
                        column: x => x.item_id,
                        principalTable: "registry_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_registry_projects_item_id",
                table: "registry_projects",
                column: "item_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registry_figures");

            migrationBuilder.DropTable(
                name: "registry_projects");

            migrationBuilder.DropColumn(
                name: "accredited",
                table: "registry_items");

            migrationBuilder.DropColumn(
                name: "attributes",
                table: "registry_items");

            migrationBuilder.DropColumn(
                name: "is_demo",
                table: "registry_items");

            migrationBuilder.DropColumn(
                name: "pending_change",
                table: "registry_items");

            migrationBuilder.DropColumn(
                name: "pending_change_by",
                table: "registry_items");

            migrationBuilder.DropColumn(
                name: "derived",
                table: "data_elements");
        }
    }
}
