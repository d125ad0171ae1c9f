using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gaoxin.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Governance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "applications",
                columns: table => new
                {
                    case_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    applicant = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    proposed_name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    proposed_name_en = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    city = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    county = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    review_score = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applications", x => x.case_id);
                    table.ForeignKey(
                        name: "FK_applications_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "expert_conflicts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    zone_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    declared_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_expert_conflicts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "expert_panels",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    item = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    zone_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    case_id = table.Column<long>(type: "INTEGER", nullable: true),
                    model_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    indicator_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    element_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    trim = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    closed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    mean = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: true),
                    standard_deviation = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: true),
                    range = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_expert_panels", x => x.id);
                    table.ForeignKey(
                        name: "FK_expert_panels_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    plan_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    edition = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    narratives = table.Column<string>(type: "TEXT", nullable: false),
                    snapshot = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    published_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monitoring_reports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "self_assessments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    zone_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    targets = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: true),
                    tasks = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: true),
                    measures = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: true),
                    problems = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: true),
                    next_year = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: true),
                    return_comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_self_assessments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "zone_task_reports",
                columns: table => new
                {
                    plan_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    task_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    zone_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    narrative = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_zone_task_reports", x => new { x.plan_id, x.task_id, x.zone_code, x.year });
                });

            migrationBuilder.CreateTable(
                name: "application_figures",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    case_id = table.Column<long>(type: "INTEGER", nullable: false),
                    element_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    value = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_application_figures", x => x.id);
                    table.ForeignKey(
                        name: "FK_application_figures_applications_case_id",
                        column: x => x.case_id,
                        principalTable: "applications",
                        principalColumn: "case_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "expert_panel_members",
                columns: table => new
                {
                    panel_id = table.Column<long>(type: "INTEGER", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_expert_panel_members", x => new { x.panel_id, x.user_name });
                    table.ForeignKey(
                        name: "FK_expert_panel_members_expert_panels_panel_id",
                        column: x => x.panel_id,
                        principalTable: "expert_panels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "expert_scores",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    panel_id = table.Column<long>(type: "INTEGER", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    score = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    scored_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_expert_scores", x => x.id);
                    table.ForeignKey(
                        name: "FK_expert_scores_expert_panels_panel_id",
                        column: x => x.panel_id,
                        principalTable: "expert_panels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_application_figures_case_id_element_code",
                table: "application_figures",
                columns: new[] { "case_id", "element_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_expert_conflicts_user_name_zone_code",
                table: "expert_conflicts",
                columns: new[] { "user_name", "zone_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_expert_panel_members_user_name",
                table: "expert_panel_members",
                column: "user_name");

            migrationBuilder.CreateIndex(
                name: "IX_expert_panels_case_id",
                table: "expert_panels",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "IX_expert_panels_item_year_zone_code",
                table: "expert_panels",
                columns: new[] { "item", "year", "zone_code" });

            migrationBuilder.CreateIndex(
                name: "IX_expert_scores_panel_id_user_name",
                table: "expert_scores",
                columns: new[] { "panel_id", "user_name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_monitoring_reports_plan_id_kind_year_edition",
                table: "monitoring_reports",
                columns: new[] { "plan_id", "kind", "year", "edition" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_self_assessments_zone_code_year",
                table: "self_assessments",
                columns: new[] { "zone_code", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_zone_task_reports_zone_code_year",
                table: "zone_task_reports",
                columns: new[] { "zone_code", "year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "application_figures");

            migrationBuilder.DropTable(
                name: "expert_conflicts");

            migrationBuilder.DropTable(
                name: "expert_panel_members");

            migrationBuilder.DropTable(
                name: "expert_scores");

            migrationBuilder.DropTable(
                name: "monitoring_reports");

            migrationBuilder.DropTable(
                name: "self_assessments");

            migrationBuilder.DropTable(
                name: "zone_task_reports");

            migrationBuilder.DropTable(
                name: "applications");

            migrationBuilder.DropTable(
                name: "expert_panels");
        }
    }
}
