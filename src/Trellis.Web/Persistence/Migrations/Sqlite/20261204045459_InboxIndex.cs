using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Web.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InboxIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_filings_addressed_to_deadline_id",
                table: "filings",
                columns: new[] { "addressed_to", "deadline", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_filings_addressed_to_deadline_id",
                table: "filings");
        }
    }
}
