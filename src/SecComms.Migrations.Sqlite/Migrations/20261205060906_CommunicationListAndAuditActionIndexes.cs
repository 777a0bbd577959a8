using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecComms.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CommunicationListAndAuditActionIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_communications_Status_Category",
                table: "communications");

            migrationBuilder.CreateIndex(
                name: "IX_communications_Status_Category_Number",
                table: "communications",
                columns: new[] { "Status", "Category", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_Action_Seq",
                table: "audit_events",
                columns: new[] { "Action", "Seq" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_communications_Status_Category_Number",
                table: "communications");

            migrationBuilder.DropIndex(
                name: "IX_audit_events_Action_Seq",
                table: "audit_events");

            migrationBuilder.CreateIndex(
                name: "IX_communications_Status_Category",
                table: "communications",
                columns: new[] { "Status", "Category" });
        }
    }
}
