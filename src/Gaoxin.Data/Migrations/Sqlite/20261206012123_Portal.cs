using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gaoxin.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Portal : Migration
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

            migrationBuilder.CreateTable(
                name: "news",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    body_html = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false),
                    zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    is_demo = table.Column<bool>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    release_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    return_comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    published_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_news", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "policies",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    title_en = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    issuer = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    document_number = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    level = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    issued_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    in_force_from = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    in_force_until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    amended_by = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    zones = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    target_types = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    full_text = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: true),
                    plan_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    plan_section = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    plan_quote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    is_bundled = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_demo = table.Column<bool>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    release_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    return_comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    published_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "zone_contacts",
                columns: table => new
                {
                    zone_code = table.Column<string>(type: "TEXT", nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    website = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_zone_contacts", x => x.zone_code);
                    table.ForeignKey(
                        name: "FK_zone_contacts_zones_zone_code",
                        column: x => x.zone_code,
                        principalTable: "zones",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "news_images",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    news_id = table.Column<long>(type: "INTEGER", nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    alt_text = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    uploaded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_news_images", x => x.id);
                    table.ForeignKey(
                        name: "FK_news_images_news_news_id",
                        column: x => x.news_id,
                        principalTable: "news",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "policy_attachments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    policy_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_attachments", x => x.id);
                    table.ForeignKey(
                        name: "FK_policy_attachments_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_investment_projects_state_zone_code",
                table: "investment_projects",
                columns: new[] { "state", "zone_code" });

            migrationBuilder.CreateIndex(
                name: "IX_investment_projects_zone_code",
                table: "investment_projects",
                column: "zone_code");

            migrationBuilder.CreateIndex(
                name: "IX_news_state",
                table: "news",
                column: "state");

            migrationBuilder.CreateIndex(
                name: "IX_news_images_news_id",
                table: "news_images",
                column: "news_id");

            migrationBuilder.CreateIndex(
                name: "IX_policies_state",
                table: "policies",
                column: "state");

            migrationBuilder.CreateIndex(
                name: "IX_policy_attachments_policy_id",
                table: "policy_attachments",
                column: "policy_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "investment_projects");

            migrationBuilder.DropTable(
                name: "news_images");

            migrationBuilder.DropTable(
                name: "policy_attachments");

            migrationBuilder.DropTable(
                name: "zone_contacts");

            migrationBuilder.DropTable(
                name: "news");

            migrationBuilder.DropTable(
                name: "policies");
        }
    }
}
