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
                name: "market_interests",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    side = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    profile_id = table.Column<int>(type: "integer", nullable: false),
                    message = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    author = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    author_role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    author_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_market_interests", x => x.id);
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

            migrationBuilder.CreateTable(
                name: "market_introductions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    demand_id = table.Column<int>(type: "integer", nullable: true),
                    achievement_id = table.Column<int>(type: "integer", nullable: true),
                    party_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    zone_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_market_introductions", x => x.id);
                    table.ForeignKey(
                        name: "FK_market_introductions_market_achievements_achievement_id",
                        column: x => x.achievement_id,
                        principalTable: "market_achievements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_market_introductions_market_demands_demand_id",
                        column: x => x.demand_id,
                        principalTable: "market_demands",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_market_introductions_zones_zone_code",
                        column: x => x.zone_code,
                        principalTable: "zones",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "market_introduction_notes",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    introduction_id = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    author = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_market_introduction_notes", x => x.id);
                    table.ForeignKey(
                        name: "FK_market_introduction_notes_market_introductions_introduction~",
                        column: x => x.introduction_id,
                        principalTable: "market_introductions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tech_contracts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    registration_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    revises_id = table.Column<int>(type: "integer", nullable: true),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    buyer = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    buyer_credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    buyer_institution_id = table.Column<int>(type: "integer", nullable: true),
                    seller = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    seller_credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    seller_institution_id = table.Column<int>(type: "integer", nullable: true),
                    amount_wan = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    signed = table.Column<DateOnly>(type: "date", nullable: false),
                    zone_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    introduction_id = table.Column<int>(type: "integer", nullable: true),
                    demand_id = table.Column<int>(type: "integer", nullable: true),
                    achievement_id = table.Column<int>(type: "integer", nullable: true),
                    key_technologies = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: true),
                    new_products = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: true),
                    return_comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    approved_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tech_contracts", x => x.id);
                    table.ForeignKey(
                        name: "FK_tech_contracts_market_achievements_achievement_id",
                        column: x => x.achievement_id,
                        principalTable: "market_achievements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_tech_contracts_market_demands_demand_id",
                        column: x => x.demand_id,
                        principalTable: "market_demands",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_tech_contracts_market_introductions_introduction_id",
                        column: x => x.introduction_id,
                        principalTable: "market_introductions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_tech_contracts_tech_contracts_revises_id",
                        column: x => x.revises_id,
                        principalTable: "tech_contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_tech_contracts_zones_zone_code",
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

            migrationBuilder.CreateIndex(
                name: "IX_market_interests_author",
                table: "market_interests",
                column: "author");

            migrationBuilder.CreateIndex(
                name: "IX_market_interests_side_profile_id",
                table: "market_interests",
                columns: new[] { "side", "profile_id" });

            migrationBuilder.CreateIndex(
                name: "IX_market_introduction_notes_introduction_id",
                table: "market_introduction_notes",
                column: "introduction_id");

            migrationBuilder.CreateIndex(
                name: "IX_market_introductions_achievement_id",
                table: "market_introductions",
                column: "achievement_id");

            migrationBuilder.CreateIndex(
                name: "IX_market_introductions_demand_id",
                table: "market_introductions",
                column: "demand_id");

            migrationBuilder.CreateIndex(
                name: "IX_market_introductions_zone_code_state",
                table: "market_introductions",
                columns: new[] { "zone_code", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_tech_contracts_achievement_id",
                table: "tech_contracts",
                column: "achievement_id");

            migrationBuilder.CreateIndex(
                name: "IX_tech_contracts_demand_id",
                table: "tech_contracts",
                column: "demand_id");

            migrationBuilder.CreateIndex(
                name: "IX_tech_contracts_introduction_id",
                table: "tech_contracts",
                column: "introduction_id");

            migrationBuilder.CreateIndex(
                name: "IX_tech_contracts_registration_number_revision",
                table: "tech_contracts",
                columns: new[] { "registration_number", "revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tech_contracts_revises_id",
                table: "tech_contracts",
                column: "revises_id");

            migrationBuilder.CreateIndex(
                name: "IX_tech_contracts_state_zone_code",
                table: "tech_contracts",
                columns: new[] { "state", "zone_code" });

            migrationBuilder.CreateIndex(
                name: "IX_tech_contracts_zone_code",
                table: "tech_contracts",
                column: "zone_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "market_interests");

            migrationBuilder.DropTable(
                name: "market_introduction_notes");

            migrationBuilder.DropTable(
                name: "tech_contracts");

            migrationBuilder.DropTable(
                name: "market_introductions");

            migrationBuilder.DropTable(
                name: "market_achievements");

            migrationBuilder.DropTable(
                name: "market_demands");

            migrationBuilder.DropTable(
                name: "market_institutions");
        }
    }
}
