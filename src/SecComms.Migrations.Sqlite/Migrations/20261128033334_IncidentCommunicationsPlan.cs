using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecComms.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IncidentCommunicationsPlan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SupportFaq",
                table: "revisions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "ActivelyExploited",
                table: "incidents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "AffectedCustomerCount",
                table: "incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AffectedCustomers",
                table: "incidents",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "AffectedRecordCount",
                table: "incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CommunicationsManagerId",
                table: "incidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomerTiers",
                table: "incidents",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "DataCategories",
                table: "incidents",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<long>(
                name: "DetectedAt",
                table: "incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "EngineerId",
                table: "incidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "IncidentManagerId",
                table: "incidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastInternalUpdateAt",
                table: "incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MaterialityDeterminedAt",
                table: "incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PubliclyReported",
                table: "incidents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Regions",
                table: "incidents",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<long>(
                name: "ResolvedAt",
                table: "incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReviewStartedAt",
                table: "incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Summary",
                table: "incidents",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "UpdateRemindedFor",
                table: "incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "ApproveWindow",
                table: "communications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FallbackRound",
                table: "communications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IncidentPart",
                table: "communications",
                type: "TEXT",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "ReviewWindow",
                table: "communications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WaivedTeams",
                table: "communications",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "incident_clocks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 129, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MetAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MetById = table.Column<Guid>(type: "TEXT", nullable: true),
                    MetByCommunicationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    MissedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Escalations = table.Column<int>(type: "INTEGER", nullable: false),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_clocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_incident_clocks_communications_MetByCommunicationId",
                        column: x => x.MetByCommunicationId,
                        principalTable: "communications",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_incident_clocks_incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_engagements",
                columns: table => new
                {
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EngagedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EngagedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_engagements", x => new { x.IncidentId, x.Party });
                    table.ForeignKey(
                        name: "FK_incident_engagements_incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_no_public_notification",
                columns: table => new
                {
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ProposedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProposedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Approvals = table.Column<string>(type: "TEXT", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_no_public_notification", x => x.IncidentId);
                    table.ForeignKey(
                        name: "FK_incident_no_public_notification_incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_timeline",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_timeline", x => x.Id);
                    table.ForeignKey(
                        name: "FK_incident_timeline_incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_incident_clocks_DueAt",
                table: "incident_clocks",
                column: "DueAt");

            migrationBuilder.CreateIndex(
                name: "IX_incident_clocks_IncidentId_Key",
                table: "incident_clocks",
                columns: new[] { "IncidentId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_incident_clocks_MetByCommunicationId",
                table: "incident_clocks",
                column: "MetByCommunicationId");

            migrationBuilder.CreateIndex(
                name: "IX_incident_timeline_IncidentId_At",
                table: "incident_timeline",
                columns: new[] { "IncidentId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_clocks");

            migrationBuilder.DropTable(
                name: "incident_engagements");

            migrationBuilder.DropTable(
                name: "incident_no_public_notification");

            migrationBuilder.DropTable(
                name: "incident_timeline");

            migrationBuilder.DropColumn(
                name: "SupportFaq",
                table: "revisions");

            migrationBuilder.DropColumn(
                name: "ActivelyExploited",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "AffectedCustomerCount",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "AffectedCustomers",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "AffectedRecordCount",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "CommunicationsManagerId",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "CustomerTiers",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "DataCategories",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "DetectedAt",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "EngineerId",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "IncidentManagerId",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "LastInternalUpdateAt",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "MaterialityDeterminedAt",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "PubliclyReported",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "Regions",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "ResolvedAt",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "ReviewStartedAt",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "Summary",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "UpdateRemindedFor",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "ApproveWindow",
                table: "communications");

            migrationBuilder.DropColumn(
                name: "FallbackRound",
                table: "communications");

            migrationBuilder.DropColumn(
                name: "IncidentPart",
                table: "communications");

            migrationBuilder.DropColumn(
                name: "ReviewWindow",
                table: "communications");

            migrationBuilder.DropColumn(
                name: "WaivedTeams",
                table: "communications");
        }
    }
}
