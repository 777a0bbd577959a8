using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecComms.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CommunicationListIndex : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_communications_Status_Category_Number",
                table: "communications");

            migrationBuilder.CreateIndex(
                name: "IX_communications_Status_Category",
                table: "communications",
                columns: new[] { "Status", "Category" });
        }
    }
}
