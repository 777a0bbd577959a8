using System.Net;
using System.Net.Http.Json;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Notifications;

public sealed class DeadlineTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_waiting_stage_is_reminded_once_when_a_quarter_of_its_deadline_remains(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        await app.AddUserAsync("sam@example.com", ["security"]);
        var id = (await CommunicationsApi.CreateAsync(alice.Client, "Post", "security-blog-post")).Id();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();

        app.Time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromHours(17) + TimeSpan.FromMinutes(59));
        Assert.Equal(0, await app.SweepAsync());
        Assert.Empty((await app.DeliverAsync()).To("Reminder"));

        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await app.SweepAsync());
        app.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await app.SweepAsync());
        await app.DeliverAsync();
        app.Time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(0, await app.SweepAsync());
        var mail = await app.DeliverAsync();

        var reminder = Assert.Single(mail, m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal));
        Assert.Equal("sam@example.com", reminder.To);
        Assert.Equal("Reminder: SC-1 needs your approval by 2026-11-07 09:00 UTC", reminder.Subject);
        Assert.Contains("Stage 1 (security: the security content is accurate and may be disclosed) has been waiting since 2026-11-02 09:00 UTC and is due by 2026-11-07 09:00 UTC.", reminder.Body, StringComparison.Ordinal);
        var audited = await ApprovalTests.AuditEventAsync(alice.Client, id, "communication.deadline-reminded");
        Assert.Equal(1, audited.GetProperty("round").GetInt32());
        Assert.Equal(0, audited.GetProperty("stage").GetInt32());
        Assert.Equal("5d", audited.GetProperty("deadline").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reminder_that_cannot_be_recorded_holds_back_no_other_and_goes_out_on_the_next_sweep(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        await app.AddUserAsync("sam@example.com", ["security"]);
        var ids = new List<string>();
        foreach (var title in new[] { "First", "Second", "Third" })
        {
            var id = (await CommunicationsApi.CreateAsync(alice.Client, title, "security-blog-post")).Id();
            await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();
            ids.Add(id);
        }
        await app.Database.ExecuteSqlAsync(provider == "sqlite"
            ? $"""CREATE TRIGGER refuse_second BEFORE INSERT ON audit_events WHEN NEW."Entity" = 'communication:{ids[1]}' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"""
            : $$"""
                CREATE FUNCTION refuse_second() RETURNS trigger AS $f$ BEGIN RAISE EXCEPTION 'disk trouble'; END $f$ LANGUAGE plpgsql;
                CREATE TRIGGER refuse_second BEFORE INSERT ON audit_events FOR EACH ROW WHEN (NEW."Entity" = 'communication:{{ids[1]}}') EXECUTE FUNCTION refuse_second();
                """);
        app.Time.Advance(TimeSpan.FromDays(4));

        Assert.Equal(2, await app.SweepAsync());
        await app.DeliverAsync();

        Assert.Equal(["Reminder: SC-1 needs your approval by 2026-11-07 09:00 UTC", "Reminder: SC-3 needs your approval by 2026-11-07 09:00 UTC"],
            (await app.ReadMailAsync()).Where(m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal)).Select(m => m.Subject).Order(StringComparer.Ordinal));
        await app.Database.ExecuteSqlAsync("DROP TRIGGER refuse_second" + (provider == "sqlite" ? "" : " ON audit_events"));
        Assert.Equal(1, await app.SweepAsync());
        Assert.Equal(0, await app.SweepAsync());
        await app.DeliverAsync();
        Assert.Equal(3, (await app.ReadMailAsync()).Count(m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal)));
        var chain = await (await alice.Client.GetAsync("/api/v1/audit/verify")).JsonAsync();
        Assert.True(chain.GetProperty("valid").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task In_emergency_mode_a_backup_approves_once_the_deadline_has_passed_and_not_before(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        await app.AddUserAsync("sam@example.com", ["security"]);
        var ana = await app.AddUserAsync("ana@example.com", ["appsec"]);
        var joined = await app.DeliverAsync();
        var release = await CommunicationsApi.CreateAsync(alice.Client, "Critical fix", "critical-security-release");
        var id = release.Id();
        await (await alice.Client.PostAsJsonAsync($"/api/v1/communications/{id}/emergency", new { emergency = true })).JsonAsync();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();
        var submittedAt = app.Time.GetUtcNow();

        var stage = (await WorkflowApi.RequirementsAsync(ana.Client, id)).GetProperty("stages")[0];
        Assert.Equal(submittedAt + TimeSpan.FromHours(1), stage.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(["appsec"], stage.GetProperty("backup").EnumerateArray().Select(t => t.GetString()));
        Assert.False(stage.GetProperty("backupsEngaged").GetBoolean());
        app.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(1, await app.SweepAsync());
        var early = await (await WorkflowApi.DecideAsync(ana.Client, id, "approve", release.Hash())).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Its backup teams (appsec) may approve once its emergency deadline passes at 2026-11-02 10:00 UTC.", early.Detail(), StringComparison.Ordinal);
        Assert.Empty((await app.DeliverAsync()).To("SC-1 needs a backup approval"));
        Assert.Equal(0, (await (await ana.Client.GetAsync("/api/v1/communications?waitingOn=me")).JsonAsync()).GetProperty("items").GetArrayLength());

        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(id, (await (await ana.Client.GetAsync("/api/v1/communications?waitingOn=me")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetString());
        Assert.True((await WorkflowApi.RequirementsAsync(ana.Client, id)).GetProperty("stages")[0].GetProperty("backupsEngaged").GetBoolean());
        Assert.Equal(1, await app.SweepAsync());
        Assert.Equal(0, await app.SweepAsync());
        var mail = (await app.DeliverAsync()).Except(joined).ToList();

        Assert.Equal(["ana@example.com"], mail.To("SC-1 needs a backup approval: stage 1 (security) is overdue"));
        Assert.Equal(["sam@example.com", "sam@example.com"], mail.Where(m => m.To != "ana@example.com").Select(m => m.To));
        Assert.Contains("missed its deadline of 2026-11-02 10:00 UTC", mail.Single(m => m.To == "ana@example.com").Body, StringComparison.Ordinal);
        var engaged = await ApprovalTests.AuditEventAsync(alice.Client, id, "communication.backups-engaged");
        Assert.Equal(["appsec"], engaged.GetProperty("backup").EnumerateArray().Select(t => t.GetString()));
        var approval = await (await WorkflowApi.DecideAsync(ana.Client, id, "approve", release.Hash(), comment: "Covering for security.")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("security", approval.GetProperty("team").GetString());
        Assert.Equal("approved", await WorkflowApi.StatusAsync(alice.Client, id));
        Assert.True((await ApprovalTests.AuditEventAsync(alice.Client, id, "communication.approved")).GetProperty("asBackup").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Without_emergency_mode_a_missed_deadline_engages_no_backup(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var ana = await app.AddUserAsync("ana@example.com", ["appsec"]);
        var release = await CommunicationsApi.CreateAsync(alice.Client, "Critical fix", "critical-security-release");
        var id = release.Id();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();

        app.Time.Advance(TimeSpan.FromHours(5));
        Assert.Equal(1, await app.SweepAsync());

        var refused = await (await WorkflowApi.DecideAsync(ana.Client, id, "approve", release.Hash(), "security")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Its backup teams (appsec) may approve only in emergency mode, once its deadline has passed.", refused.Detail(), StringComparison.Ordinal);
        Assert.False((await WorkflowApi.RequirementsAsync(alice.Client, id)).GetProperty("stages")[0].GetProperty("backupsEngaged").GetBoolean());
        Assert.Empty((await app.DeliverAsync()).To("SC-1 needs a backup approval"));
        Assert.Equal("in-review", await WorkflowApi.StatusAsync(alice.Client, id));
    }
}
