using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Gaoxin.Data.Migrations.Postgres
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    sector = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    zone_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    county = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    amount_wan = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    land_mu = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    cooperation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    contact_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    contact_phone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    contact_email = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    valid_until = table.Column<DateOnly>(type: "date", nullable: true),
                    description = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: true),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    release_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    return_comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
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
