using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gaoxin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GazellePanelIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_enterprise_returns_gazelle_panel",
                table: "enterprise_returns",
                columns: new[] { "credit_code", "year" })
                .Annotation("Npgsql:IndexInclude", new[] { "zone_code", "revenue", "employees", "st_expense", "vc_received", "valuation_usd_m", "listed" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_enterprise_returns_gazelle_panel",
                table: "enterprise_returns");
        }
    }
}
