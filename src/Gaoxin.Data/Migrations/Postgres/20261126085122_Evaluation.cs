using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Gaoxin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Evaluation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "evaluation_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    year = table.Column<int>(type: "integer", nullable: false),
                    model_id = table.Column<string>(type: "text", nullable: false),
                    model_version = table.Column<int>(type: "integer", nullable: false),
                    model_hash = table.Column<string>(type: "text", nullable: false),
                    model_yaml = table.Column<string>(type: "text", nullable: false),
                    replications = table.Column<int>(type: "integer", nullable: false),
                    seed = table.Column<int>(type: "integer", nullable: false),
                    weight_spread = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    vary_normalisation = table.Column<bool>(type: "boolean", nullable: false),
                    snapshot = table.Column<string>(type: "text", nullable: false),
                    uses_demo_data = table.Column<bool>(type: "boolean", nullable: false),
                    result_json = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_by = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_runs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_runs_year_model_id",
                table: "evaluation_runs",
                columns: new[] { "year", "model_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evaluation_runs");
        }
    }
}
