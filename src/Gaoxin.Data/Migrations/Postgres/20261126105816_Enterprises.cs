using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gaoxin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Enterprises : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "enterprise_aggregates",
                columns: table => new
                {
                    zone_code = table.Column<string>(type: "text", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    element = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    value = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enterprise_aggregates", x => new { x.zone_code, x.year, x.element });
                });

            migrationBuilder.CreateTable(
                name: "enterprises",
                columns: table => new
                {
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    zone_code = table.Column<string>(type: "text", nullable: false),
                    industry = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    registered_on = table.Column<DateOnly>(type: "date", nullable: true),
                    hte_certificate_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    hte_certified_on = table.Column<DateOnly>(type: "date", nullable: true),
                    hte_expires_on = table.Column<DateOnly>(type: "date", nullable: true),
                    listed = table.Column<bool>(type: "boolean", nullable: false),
                    latest_year = table.Column<int>(type: "integer", nullable: false),
                    batch_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enterprises", x => x.credit_code);
                    table.ForeignKey(
                        name: "FK_enterprises_zones_zone_code",
                        column: x => x.zone_code,
                        principalTable: "zones",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "enterprise_returns",
                columns: table => new
                {
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    zone_code = table.Column<string>(type: "text", nullable: false),
                    is_hte = table.Column<bool>(type: "boolean", nullable: false),
                    revenue = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    employees = table.Column<int>(type: "integer", nullable: true),
                    st_employees = table.Column<int>(type: "integer", nullable: true),
                    rd_expense = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    st_expense = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    high_tech_revenue = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    net_assets = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    exports = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    vc_received = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    valuation_usd_m = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    listed = table.Column<bool>(type: "boolean", nullable: false),
                    extra = table.Column<string>(type: "text", nullable: true),
                    batch_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    source_row = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enterprise_returns", x => new { x.credit_code, x.year });
                    table.ForeignKey(
                        name: "FK_enterprise_returns_enterprises_credit_code",
                        column: x => x.credit_code,
                        principalTable: "enterprises",
                        principalColumn: "credit_code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_enterprise_returns_year_zone_code",
                table: "enterprise_returns",
                columns: new[] { "year", "zone_code" });

            migrationBuilder.CreateIndex(
                name: "IX_enterprises_zone_code",
                table: "enterprises",
                column: "zone_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "enterprise_aggregates");

            migrationBuilder.DropTable(
                name: "enterprise_returns");

            migrationBuilder.DropTable(
                name: "enterprises");
        }
    }
}
