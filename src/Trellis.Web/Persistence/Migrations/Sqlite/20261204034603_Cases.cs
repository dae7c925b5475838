using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Web.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject = table.Column<string>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    before = table.Column<string>(type: "TEXT", nullable: true),
                    after = table.Column<string>(type: "TEXT", nullable: true),
                    previous_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "calendar_feeds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_feeds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    sending_organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sending_state = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    host_state = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    plan_body = table.Column<string>(type: "TEXT", nullable: false),
                    plan_format = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    plan_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    plan_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    law_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    law_date_chosen = table.Column<bool>(type: "INTEGER", nullable: false),
                    registry_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    assessment_json = table.Column<string>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    released_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    filing_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    read_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "comments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    filing_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    author_id = table.Column<string>(type: "TEXT", nullable: false),
                    author_name = table.Column<string>(type: "TEXT", nullable: false),
                    author_organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_comments", x => x.id);
                    table.ForeignKey(
                        name: "FK_comments_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "filings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", nullable: false),
                    rule = table.Column<string>(type: "TEXT", nullable: false),
                    instrument = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    title = table.Column<string>(type: "TEXT", nullable: false),
                    authority = table.Column<string>(type: "TEXT", nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false),
                    deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    lead_time_unknown = table.Column<bool>(type: "INTEGER", nullable: false),
                    confidence = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    basis = table.Column<string>(type: "TEXT", nullable: false),
                    basis_url = table.Column<string>(type: "TEXT", nullable: true),
                    elements = table.Column<string>(type: "TEXT", nullable: false),
                    addressed_to = table.Column<Guid>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    restrictions = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_filings", x => x.id);
                    table.ForeignKey(
                        name: "FK_filings_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "attachments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    filing_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attachments", x => x.id);
                    table.ForeignKey(
                        name: "FK_attachments_filings_filing_id",
                        column: x => x.filing_id,
                        principalTable: "filings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_attachments_filing_id",
                table: "attachments",
                column: "filing_id");

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_case_id_sequence",
                table: "audit_log",
                columns: new[] { "case_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_calendar_feeds_token_hash",
                table: "calendar_feeds",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_host_state_updated_at",
                table: "cases",
                columns: new[] { "host_state", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_sending_organisation_id_updated_at",
                table: "cases",
                columns: new[] { "sending_organisation_id", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_sending_state_updated_at",
                table: "cases",
                columns: new[] { "sending_state", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "IX_comments_case_id_filing_id_created_at",
                table: "comments",
                columns: new[] { "case_id", "filing_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_filings_addressed_to_status",
                table: "filings",
                columns: new[] { "addressed_to", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_filings_case_id_key",
                table: "filings",
                columns: new[] { "case_id", "key" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_user_id_created_at",
                table: "notifications",
                columns: new[] { "user_id", "created_at" });
                    // The audit log is append-only: no UPDATE or DELETE through SQL (docs/cases.md, "Audit").
            migrationBuilder.Sql("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_log_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_log_no_delete;");

            migrationBuilder.DropTable(
                name: "attachments");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "calendar_feeds");

            migrationBuilder.DropTable(
                name: "comments");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "filings");

            migrationBuilder.DropTable(
                name: "cases");
        }
    }
}
