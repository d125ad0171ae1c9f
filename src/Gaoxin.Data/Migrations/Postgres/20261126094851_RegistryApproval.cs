using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gaoxin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RegistryApproval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "approval",
                table: "registry_items",
                type: "text",
                nullable: false,
                defaultValue: "approved");  // items seeded before approvals existed came from the plan

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "approved_at",
                table: "registry_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "approved_by",
                table: "registry_items",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "approval",
                table: "registry_items");

            migrationBuilder.DropColumn(
                name: "approved_at",
                table: "registry_items");

            migrationBuilder.DropColumn(
                name: "approved_by",
                table: "registry_items");
        }
    }
}
