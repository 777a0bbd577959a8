using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecComms.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class VulnerabilitiesAndReleaseCommunications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PreparedAt",
                table: "security_releases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Product",
                table: "security_releases",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Versions",
                table: "security_releases",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ReleasePart",
                table: "communications",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "VulnerabilityId",
                table: "communications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "vulnerabilities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Product = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CweId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    CveId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Cvss31Vector = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Cvss31Score = table.Column<decimal>(type: "TEXT", precision: 3, scale: 1, nullable: true),
                    Cvss40Vector = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Cvss40Score = table.Column<decimal>(type: "TEXT", precision: 3, scale: 1, nullable: true),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Affected = table.Column<string>(type: "TEXT", nullable: false),
                    Credits = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ExternalReference = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReleaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DiscloseAfterDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ReleasedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DisclosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vulnerabilities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_vulnerabilities_security_releases_ReleaseId",
                        column: x => x.ReleaseId,
                        principalTable: "security_releases",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_communications_VulnerabilityId",
                table: "communications",
                column: "VulnerabilityId");

            migrationBuilder.CreateIndex(
                name: "IX_vulnerabilities_CveId",
                table: "vulnerabilities",
                column: "CveId");

            migrationBuilder.CreateIndex(
                name: "IX_vulnerabilities_Number",
                table: "vulnerabilities",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_vulnerabilities_ReleaseId",
                table: "vulnerabilities",
                column: "ReleaseId");

            migrationBuilder.AddForeignKey(
                name: "FK_communications_vulnerabilities_VulnerabilityId",
                table: "communications",
                column: "VulnerabilityId",
                principalTable: "vulnerabilities",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_communications_vulnerabilities_VulnerabilityId",
                table: "communications");

            migrationBuilder.DropTable(
                name: "vulnerabilities");

            migrationBuilder.DropIndex(
                name: "IX_communications_VulnerabilityId",
                table: "communications");

            migrationBuilder.DropColumn(
                name: "PreparedAt",
                table: "security_releases");

            migrationBuilder.DropColumn(
                name: "Product",
                table: "security_releases");

            migrationBuilder.DropColumn(
                name: "Versions",
                table: "security_releases");

            migrationBuilder.DropColumn(
                name: "ReleasePart",
                table: "communications");

            migrationBuilder.DropColumn(
                name: "VulnerabilityId",
                table: "communications");
        }
    }
}
