using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecComms.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DisclosureGatesExceptionsNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "EmbargoUntil",
                table: "communications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Emergency",
                table: "communications",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "GateExceptionId",
                table: "communications",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "IncidentId",
                table: "communications",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReleaseId",
                table: "communications",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SubmittedAt",
                table: "communications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Severity = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    BecameAwareAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PersonalData = table.Column<bool>(type: "boolean", nullable: false),
                    ContainedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "notification_cursor",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    LastSequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_cursor", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "policy_exceptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Rule = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CommunicationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Gates = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Justification = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AlternativesConsidered = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CompensatingControls = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Risk = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PeriodDays = table.Column<int>(type: "integer", nullable: false),
                    RequestedById = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExtendsId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecidedById = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionComment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedById = table.Column<Guid>(type: "uuid", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevocationReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PolicyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_exceptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_policy_exceptions_communications_CommunicationId",
                        column: x => x.CommunicationId,
                        principalTable: "communications",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_policy_exceptions_policy_exceptions_ExtendsId",
                        column: x => x.ExtendsId,
                        principalTable: "policy_exceptions",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "security_releases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PlannedFor = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_security_releases", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_communications_IncidentId",
                table: "communications",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_communications_ReleaseId",
                table: "communications",
                column: "ReleaseId");

            migrationBuilder.CreateIndex(
                name: "IX_communications_Status_ScheduledAt",
                table: "communications",
                columns: new[] { "Status", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_incidents_Number",
                table: "incidents",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notifications_Key",
                table: "notifications",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notifications_SentAt_NextAttemptAt",
                table: "notifications",
                columns: new[] { "SentAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_policy_exceptions_CommunicationId",
                table: "policy_exceptions",
                column: "CommunicationId");

            migrationBuilder.CreateIndex(
                name: "IX_policy_exceptions_ExtendsId",
                table: "policy_exceptions",
                column: "ExtendsId");

            migrationBuilder.CreateIndex(
                name: "IX_policy_exceptions_Number",
                table: "policy_exceptions",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_policy_exceptions_Status_ExpiresAt",
                table: "policy_exceptions",
                columns: new[] { "Status", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_security_releases_Number",
                table: "security_releases",
                column: "Number",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_communications_incidents_IncidentId",
                table: "communications",
                column: "IncidentId",
                principalTable: "incidents",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_communications_security_releases_ReleaseId",
                table: "communications",
                column: "ReleaseId",
                principalTable: "security_releases",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_communications_incidents_IncidentId",
                table: "communications");

            migrationBuilder.DropForeignKey(
                name: "FK_communications_security_releases_ReleaseId",
                table: "communications");

            migrationBuilder.DropTable(
                name: "incidents");

            migrationBuilder.DropTable(
                name: "notification_cursor");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "policy_exceptions");

            migrationBuilder.DropTable(
                name: "security_releases");

            migrationBuilder.DropIndex(
                name: "IX_communications_IncidentId",
                table: "communications");

            migrationBuilder.DropIndex(
                name: "IX_communications_ReleaseId",
                table: "communications");

            migrationBuilder.DropIndex(
                name: "IX_communications_Status_ScheduledAt",
                table: "communications");

            migrationBuilder.DropColumn(
                name: "EmbargoUntil",
                table: "communications");

            migrationBuilder.DropColumn(
                name: "Emergency",
                table: "communications");

            migrationBuilder.DropColumn(
                name: "GateExceptionId",
                table: "communications");

            migrationBuilder.DropColumn(
                name: "IncidentId",
                table: "communications");

            migrationBuilder.DropColumn(
                name: "ReleaseId",
                table: "communications");

            migrationBuilder.DropColumn(
                name: "SubmittedAt",
                table: "communications");
        }
    }
}
