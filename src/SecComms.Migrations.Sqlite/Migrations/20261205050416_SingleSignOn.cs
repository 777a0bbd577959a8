using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecComms.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SingleSignOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ManagedByProvider",
                table: "users",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ProviderIssuer",
                table: "users",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderSessionId",
                table: "users",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderSubject",
                table: "users",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_users_ProviderIssuer_ProviderSubject",
                table: "users",
                columns: new[] { "ProviderIssuer", "ProviderSubject" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_users_ProviderIssuer_ProviderSubject",
                table: "users");

            migrationBuilder.DropColumn(
                name: "ManagedByProvider",
                table: "users");

            migrationBuilder.DropColumn(
                name: "ProviderIssuer",
                table: "users");

            migrationBuilder.DropColumn(
                name: "ProviderSessionId",
                table: "users");

            migrationBuilder.DropColumn(
                name: "ProviderSubject",
                table: "users");
        }
    }
}
