using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gaoxin.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InvestmentProjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "investment_projects",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    sector = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    zone_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    county = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    amount_wan = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    land_mu = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    cooperation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    contact_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    contact_phone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    contact_email = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    valid_until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: true),
                    state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    release_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    return_comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    is_demo = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_investment_projects", x => x.id);
                    table.ForeignKey(
                        name: "FK_investment_projects_zones_zone_code",
                        column: x => x.zone_code,
                        principalTable: "zones",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_investment_projects_state_zone_code",
                table: "investment_projects",
                columns: new[] { "state", "zone_code" });

            migrationBuilder.CreateIndex(
                name: "IX_investment_projects_zone_code",
                table: "investment_projects",
                column: "zone_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "investment_projects");
        }
    }
}
