using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gaoxin.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReservePool : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reserve_pool_members",
                columns: table => new
                {
                    credit_code = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    zone_code = table.Column<string>(type: "TEXT", nullable: false),
                    stage = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    stage_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    proposed_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    proposed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    rule_set_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    entry_routes = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    assessment = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reserve_pool_members", x => x.credit_code);
                    table.ForeignKey(
                        name: "FK_reserve_pool_members_enterprises_credit_code",
                        column: x => x.credit_code,
                        principalTable: "enterprises",
                        principalColumn: "credit_code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_reserve_pool_members_zones_zone_code",
                        column: x => x.zone_code,
                        principalTable: "zones",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reserve_pool_moves",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    credit_code = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    from_stage = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    to_stage = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    moved_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reserve_pool_moves", x => x.id);
                    table.ForeignKey(
                        name: "FK_reserve_pool_moves_reserve_pool_members_credit_code",
                        column: x => x.credit_code,
                        principalTable: "reserve_pool_members",
                        principalColumn: "credit_code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reserve_pool_trainings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    credit_code = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    trained_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    course = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    hours = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    provider = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reserve_pool_trainings", x => x.id);
                    table.ForeignKey(
                        name: "FK_reserve_pool_trainings_reserve_pool_members_credit_code",
                        column: x => x.credit_code,
                        principalTable: "reserve_pool_members",
                        principalColumn: "credit_code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_enterprises_credit_code_registered_on",
                table: "enterprises",
                columns: new[] { "credit_code", "registered_on" });

            migrationBuilder.CreateIndex(
                name: "IX_enterprise_returns_gazelle_panel",
                table: "enterprise_returns",
                columns: new[] { "credit_code", "year", "zone_code", "revenue", "employees", "st_expense", "vc_received", "valuation_usd_m", "listed" });

            migrationBuilder.CreateIndex(
                name: "IX_reserve_pool_members_zone_code_stage",
                table: "reserve_pool_members",
                columns: new[] { "zone_code", "stage" });

            migrationBuilder.CreateIndex(
                name: "IX_reserve_pool_moves_credit_code_moved_on",
                table: "reserve_pool_moves",
                columns: new[] { "credit_code", "moved_on" });

            migrationBuilder.CreateIndex(
                name: "IX_reserve_pool_trainings_credit_code_trained_on",
                table: "reserve_pool_trainings",
                columns: new[] { "credit_code", "trained_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reserve_pool_moves");

            migrationBuilder.DropTable(
                name: "reserve_pool_trainings");

            migrationBuilder.DropTable(
                name: "reserve_pool_members");

            migrationBuilder.DropIndex(
                name: "IX_enterprises_credit_code_registered_on",
                table: "enterprises");

            migrationBuilder.DropIndex(
                name: "IX_enterprise_returns_gazelle_panel",
                table: "enterprise_returns");
        }
    }
}
