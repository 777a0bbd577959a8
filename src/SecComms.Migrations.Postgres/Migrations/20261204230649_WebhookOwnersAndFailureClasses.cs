using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecComms.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WebhookOwnersAndFailureClasses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "OwnerId",
                table: "webhooks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Failure",
                table: "webhook_deliveries",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            // The delivery log keeps only the class of a failure, never what the receiver answered.
            migrationBuilder.Sql(
                """
                UPDATE webhook_deliveries SET "Failure" = CASE
                    WHEN "ResponseStatus" BETWEEN 300 AND 399 THEN 'Redirect'
                    WHEN "ResponseStatus" BETWEEN 400 AND 499 THEN 'ClientError'
                    WHEN "ResponseStatus" BETWEEN 500 AND 599 THEN 'ServerError'
                    ELSE 'Unreachable' END
                WHERE "LastError" IS NOT NULL
                """);

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "webhook_deliveries");

            migrationBuilder.DropColumn(
                name: "ResponseStatus",
                table: "webhook_deliveries");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "webhooks");

            migrationBuilder.DropColumn(
                name: "Failure",
                table: "webhook_deliveries");

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "webhook_deliveries",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ResponseStatus",
                table: "webhook_deliveries",
                type: "integer",
                nullable: true);
        }
    }
}
