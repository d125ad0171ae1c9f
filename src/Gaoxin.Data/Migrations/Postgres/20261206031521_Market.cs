using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Gaoxin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Market : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "market_demands",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    problem = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: false),
                    field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    keywords = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    budget_min_wan = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    budget_max_wan = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    zone_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    enterprise_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    contact_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    contact_phone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    contact_email = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    valid_until = table.Column<DateOnly>(type: "date", nullable: true),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    release_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    return_comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    owner = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_market_demands", x => x.id);
                    table.ForeignKey(
                        name: "FK_market_demands_zones_zone_code",
                        column: x => x.zone_code,
                        principalTable: "zones",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "market_institutions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    name_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    region = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    partner_set = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    zone_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    website = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_market_institutions", x => x.id);
                    table.ForeignKey(
                        name: "FK_market_institutions_zones_zone_code",
                        column: x => x.zone_code,
                        principalTable: "zones",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "market_achievements",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    description = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: false),
                    field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    keywords = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    maturity = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    trl = table.Column<int>(type: "integer", nullable: true),
                    ip_status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ip_numbers = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    cooperation_modes = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    price_min_wan = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    price_max_wan = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    institution_id = table.Column<int>(type: "integer", nullable: true),
                    owner_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    region = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    zone_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    contact_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    contact_phone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    contact_email = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    valid_until = table.Column<DateOnly>(type: "date", nullable: true),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    release_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    return_comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    owner = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_market_achievements", x => x.id);
                    table.ForeignKey(
                        name: "FK_market_achievements_market_institutions_institution_id",
                        column: x => x.institution_id,
                        principalTable: "market_institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_market_achievements_zones_zone_code",
                        column: x => x.zone_code,
                        principalTable: "zones",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_market_achievements_institution_id",
                table: "market_achievements",
                column: "institution_id");

            migrationBuilder.CreateIndex(
                name: "IX_market_achievements_owner",
                table: "market_achievements",
                column: "owner");

            migrationBuilder.CreateIndex(
                name: "IX_market_achievements_state_field",
                table: "market_achievements",
                columns: new[] { "state", "field" });

            migrationBuilder.CreateIndex(
                name: "IX_market_achievements_zone_code",
                table: "market_achievements",
                column: "zone_code");

            migrationBuilder.CreateIndex(
                name: "IX_market_demands_owner",
                table: "market_demands",
                column: "owner");

            migrationBuilder.CreateIndex(
                name: "IX_market_demands_state_field",
                table: "market_demands",
                columns: new[] { "state", "field" });

            migrationBuilder.CreateIndex(
                name: "IX_market_demands_zone_code",
                table: "market_demands",
                column: "zone_code");

            migrationBuilder.CreateIndex(
                name: "IX_market_institutions_name",
                table: "market_institutions",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_market_institutions_zone_code",
                table: "market_institutions",
                column: "zone_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "market_achievements");

            migrationBuilder.DropTable(
                name: "market_demands");

            migrationBuilder.DropTable(
                name: "market_institutions");
        }
    }
}
