using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Gaoxin.Data.Migrations.Postgres
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
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "attributes",
                table: "registry_items",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_demo",
                table: "registry_items",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "pending_change",
                table: "registry_items",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pending_change_by",
                table: "registry_items",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "derived",
                table: "data_elements",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "registry_figures",
                columns: table => new
                {
                    item_id = table.Column<string>(type: "text", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    measure = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    value = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    approval = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false)
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    item_id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    started = table.Column<DateOnly>(type: "date", nullable: false),
                    ended = table.Column<DateOnly>(type: "date", nullable: true),
                    result = table.Column<string>(type: "text", nullable: true),
                    approval = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false)
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
