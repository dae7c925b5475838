using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Web.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Ledger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    agreement_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    requesting_organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    requesting_state = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    supplying_organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    supplying_state = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    order_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    situation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    exercise_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    settlement = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ordered_by = table.Column<string>(type: "TEXT", nullable: true),
                    review_cleared_by = table.Column<string>(type: "TEXT", nullable: true),
                    claimed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    settled_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    flags_json = table.Column<string>(type: "TEXT", nullable: false),
                    officials_json = table.Column<string>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "order_lines",
                columns: table => new
                {
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", nullable: false),
                    unit = table.Column<string>(type: "TEXT", nullable: false),
                    unit_price = table.Column<decimal>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", nullable: false),
                    basis_json = table.Column<string>(type: "TEXT", nullable: true),
                    time_limit_json = table.Column<string>(type: "TEXT", nullable: true),
                    delivered = table.Column<decimal>(type: "TEXT", nullable: false),
                    cancelled = table.Column<decimal>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_lines", x => new { x.order_id, x.number });
                    table.ForeignKey(
                        name: "FK_order_lines_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "order_parts",
                columns: table => new
                {
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    delivery = table.Column<int>(type: "INTEGER", nullable: false),
                    line = table.Column<int>(type: "INTEGER", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", nullable: false),
                    value = table.Column<decimal>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    due = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_parts", x => new { x.order_id, x.delivery, x.line });
                    table.ForeignKey(
                        name: "FK_order_parts_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "order_postings",
                columns: table => new
                {
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    set_number = table.Column<int>(type: "INTEGER", nullable: false),
                    index = table.Column<int>(type: "INTEGER", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    holder = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    counterparty = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_postings", x => new { x.order_id, x.set_number, x.index });
                    table.ForeignKey(
                        name: "FK_order_postings_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_subject_sequence",
                table: "audit_log",
                columns: new[] { "subject", "sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_order_postings_holder_counterparty_currency",
                table: "order_postings",
                columns: new[] { "holder", "counterparty", "currency" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_requesting_organisation_id_updated_at",
                table: "orders",
                columns: new[] { "requesting_organisation_id", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_requesting_state_supplying_state",
                table: "orders",
                columns: new[] { "requesting_state", "supplying_state" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_supplying_organisation_id_updated_at",
                table: "orders",
                columns: new[] { "supplying_organisation_id", "updated_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "order_lines");

            migrationBuilder.DropTable(
                name: "order_parts");

            migrationBuilder.DropTable(
                name: "order_postings");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropIndex(
                name: "IX_audit_log_subject_sequence",
                table: "audit_log");
        }
    }
}
