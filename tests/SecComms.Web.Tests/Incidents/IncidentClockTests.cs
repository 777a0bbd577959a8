using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;

namespace SecComms.Web.Tests.Incidents;

public sealed class IncidentClockTests
{
    private static readonly DateTimeOffset Aware = new(2026, 11, 2, 8, 30, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_clock_escalates_at_its_thresholds_and_a_missed_one_stays_missed_when_met_late(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var eve = await app.AddUserAsync("eve@example.com", ["security"]);
        var id = (await IncidentApi.OpenedAsync(eve.Client, new { title = "Exposed backups", kind = "data-loss", severity = "s1", becameAwareAt = Aware, personalData = false })).Id();
        Assert.Equal("running", (await IncidentApi.ClocksAsync(eve.Client, id))["external-message-s1"].State());

        app.Time.Advance(TimeSpan.FromHours(3.6));
        await app.SweepAsync();
        var clock = (await IncidentApi.ClocksAsync(eve.Client, id))["external-message-s1"];
        Assert.Equal("escalated", clock.State());
        Assert.Equal(1, clock.GetProperty("escalations").GetInt32());
        Assert.Equal(new TimeSpan(1, 54, 0), TimeSpan.Parse(clock.GetProperty("remaining").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        app.Time.Advance(TimeSpan.FromMinutes(96));
        await app.SweepAsync();
        clock = (await IncidentApi.ClocksAsync(eve.Client, id))["external-message-s1"];
        Assert.Equal(2, clock.GetProperty("escalations").GetInt32());

        app.Time.Advance(TimeSpan.FromMinutes(30));
        await app.SweepAsync();
        clock = (await IncidentApi.ClocksAsync(eve.Client, id))["external-message-s1"];
        Assert.Equal("missed", clock.State());
        Assert.Equal(Aware.AddHours(6), clock.GetProperty("missedAt").GetDateTimeOffset());

        await (await eve.Client.PostAsJsonAsync($"/api/v1/incidents/{id}/clocks/external-message-s1/met", new { evidence = "Status page post" })).JsonAsync();
        clock = (await IncidentApi.ClocksAsync(eve.Client, id))["external-message-s1"];
        Assert.Equal("missed", clock.State());
        Assert.True(clock.GetProperty("metLate").GetBoolean());
        await using var db = app.Database.CreateContext();
        Assert.Equal(["incident.clock-escalated", "incident.clock-escalated", "incident.clock-missed"],
            await db.AuditEvents.Where(e => e.Action == "incident.clock-escalated" || e.Action == "incident.clock-missed").OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync());
        Assert.Equal(0, await app.SweepAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Clocks_start_when_their_facts_arrive_and_are_withdrawn_but_kept_when_a_condition_no_longer_holds(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var eve = await app.AddUserAsync("eve@example.com", ["security"]);
        var id = (await IncidentApi.OpenedAsync(eve.Client, new { title = "Ransomware on a build host", kind = "breach", severity = "s2", becameAwareAt = Aware, personalData = true })).Id();
        Assert.DoesNotContain("sec-8k-item-1-05", (await IncidentApi.ClocksAsync(eve.Client, id)).Keys);

        var determined = new DateTimeOffset(2026, 11, 2, 8, 45, 0, TimeSpan.Zero);
        await (await eve.Client.PatchAsJsonAsync($"/api/v1/incidents/{id}", new
        {
            personalData = false,
            details = new { materialityDeterminedAt = determined, regions = new[] { "EU" } },
        })).JsonAsync();
        var clocks = await IncidentApi.ClocksAsync(eve.Client, id);
        // Monday 03:45 New York time; four business days are Tuesday to Friday, so it is due at the end of Friday, New York time.
        Assert.Equal(new DateTimeOffset(2026, 11, 7, 5, 0, 0, TimeSpan.Zero), clocks["sec-8k-item-1-05"].Due());
        Assert.Equal("withdrawn", clocks["gdpr-art-33"].State());
        Assert.Equal(Aware.AddHours(24), clocks["nis2-early-warning"].Due());
        Assert.Equal("waiting", clocks["nis2-final-report"].State());

        await (await eve.Client.PostAsJsonAsync($"/api/v1/incidents/{id}/clocks/nis2-notification/met", new { evidence = "CSIRT ticket 77" })).JsonAsync();
        clocks = await IncidentApi.ClocksAsync(eve.Client, id);
        Assert.Equal("running", clocks["nis2-final-report"].State());
        // Met at 09:00 UTC, 10:00 in Brussels: one month later, at the same Brussels time.
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero), clocks["nis2-final-report"].Due());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_communications_manager_is_reminded_once_when_an_internal_update_is_due(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var eve = await app.AddUserAsync("eve@example.com", ["security"]);
        var id = (await IncidentApi.OpenedAsync(eve.Client, new
        {
            title = "Token leak",
            kind = "misconfiguration",
            severity = "s1",
            becameAwareAt = Aware,
            personalData = false,
            details = new { roles = new { communicationsManager = "eve@example.com" } },
        })).Id();
        var incident = await (await eve.Client.GetAsync($"/api/v1/incidents/{id}")).JsonAsync();
        Assert.Equal(Aware.AddMinutes(30), incident.GetProperty("nextInternalUpdateDue").GetDateTimeOffset());

        await app.SweepAsync();
        await app.SweepAsync();
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "incident.update-due"));
        }
        var mail = await Notifications.Mailbox.DeliverAsync(app);
        Assert.Contains(mail, m => m.To == "eve@example.com" && m.Subject.Contains("INC-1", StringComparison.Ordinal));

        await (await eve.Client.PostAsJsonAsync($"/api/v1/incidents/{id}/timeline", new { kind = "internal-update", text = "Rotated all tokens; scope confirmed." })).JsonAsync();
        incident = await (await eve.Client.GetAsync($"/api/v1/incidents/{id}")).JsonAsync();
        Assert.Equal(app.Time.GetUtcNow().AddMinutes(30), incident.GetProperty("nextInternalUpdateDue").GetDateTimeOffset());
    }
}
