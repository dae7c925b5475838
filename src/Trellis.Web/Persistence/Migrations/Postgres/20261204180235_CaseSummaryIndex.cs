using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Web.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CaseSummaryIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_filings_case_id_status_deadline_addressed_to",
                table: "filings",
                columns: new[] { "case_id", "status", "deadline", "addressed_to" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_filings_case_id_status_deadline_addressed_to",
                table: "filings");
        }
    }
}
