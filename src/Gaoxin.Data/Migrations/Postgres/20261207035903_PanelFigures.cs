using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gaoxin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PanelFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_enterprise_returns_year_zone_code",
                table: "enterprise_returns");

            migrationBuilder.CreateIndex(
                name: "IX_enterprise_returns_zone_figures",
                table: "enterprise_returns",
                columns: new[] { "year", "zone_code" })
                .Annotation("Npgsql:IndexInclude", new[] { "is_hte", "revenue", "rd_expense", "employees", "exports", "vc_received", "st_employees", "high_tech_revenue" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_enterprise_returns_zone_figures",
                table: "enterprise_returns");

            migrationBuilder.CreateIndex(
                name: "IX_enterprise_returns_year_zone_code",
                table: "enterprise_returns",
                columns: new[] { "year", "zone_code" });
        }
    }
}
