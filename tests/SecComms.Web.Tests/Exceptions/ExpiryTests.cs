using System.Net;
using SecComms.Core.Exceptions;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;

namespace SecComms.Web.Tests.Exceptions;

public sealed class ExpiryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_exception_is_expired_the_moment_its_period_ends_and_the_sweep_records_and_tells_it_once(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, ExceptionsApi.NoBackgroundSweep);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var id = (await ExceptionsApi.ApprovedAsync(lee.Client, sam.Client, ExceptionsApi.Request(periodDays: 10))).Id();

        app.Time.Advance(TimeSpan.FromDays(10) - TimeSpan.FromSeconds(1));
        Assert.True((await ExceptionsApi.GetAsync(lee.Client, id)).GetProperty("inForce").GetBoolean());
        app.Time.Advance(TimeSpan.FromSeconds(1));

        var seen = await ExceptionsApi.GetAsync(lee.Client, id);
        Assert.Equal("expired", seen.Status());
        Assert.False(seen.GetProperty("inForce").GetBoolean());
        Assert.False(seen.GetProperty("actions").GetProperty("revoke").GetBoolean());
        Assert.Equal(ExceptionStatus.Approved, await app.StoredStatusAsync(id));
        Assert.Equal(["EX-1"], await ExceptionsApi.ReferencesAsync(lee.Client, "?status=expired"));
        Assert.Empty(await ExceptionsApi.ReferencesAsync(lee.Client, "?status=approved"));
        await (await ExceptionsApi.RevokeAsync(sam.Client, id, "Too late")).AssertProblemAsync(HttpStatusCode.Conflict);

        var swept = await app.SweepAsync();

        Assert.Equal(["EX-1"], swept.Expired);
        Assert.Equal(ExceptionStatus.Expired, await app.StoredStatusAsync(id));
        var expired = Assert.Single(await ExceptionsApi.AuditAsync(sam.Client, id, "exception.expired"));
        Assert.Equal(ExceptionSweep.SystemActor, expired.GetProperty("actor").GetString());
        Assert.Equal("expired", expired.Data().GetProperty("status").GetString());
        var told = Assert.Single(await app.NotificationsAsync("exception-expired:"));
        Assert.Equal("lee@example.com", told.Recipient);
        Assert.Equal("EX-1 expired: Disclosure only after the fix is released", told.Subject);

        var before = await app.ExceptionSnapshotAsync();
        Assert.Empty((await app.SweepAsync()).Expired);
        Assert.Equal(before, await app.ExceptionSnapshotAsync());
        Assert.Equal("expired", (await ExceptionsApi.GetAsync(lee.Client, id)).Status());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reminders_go_to_the_requester_and_the_approvers_14_and_3_days_before_expiry_each_exactly_once(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, ExceptionsApi.NoBackgroundSweep);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        await app.AddUserAsync("alice@example.com", ["security"]);
        var id = (await ExceptionsApi.ApprovedAsync(lee.Client, sam.Client)).Id();

        app.Time.Advance(TimeSpan.FromDays(16) - TimeSpan.FromMinutes(1));
        Assert.Empty((await app.SweepAsync()).Reminded);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(["EX-1"], (await app.SweepAsync()).Reminded);
        Assert.Empty((await app.SweepAsync()).Reminded);

        var fourteen = await app.NotificationsAsync($"exception-reminder:{id}:14:");
        Assert.Equal(["alice@example.com", "lee@example.com", "sam@example.com"], fourteen.Select(n => n.Recipient));
        Assert.All(fourteen, n => Assert.Contains($"/exceptions/{id}", n.Body, StringComparison.Ordinal));
        Assert.Empty(await app.NotificationsAsync($"exception-reminder:{id}:3:"));

        app.Time.Advance(TimeSpan.FromDays(10));
        Assert.Empty((await app.SweepAsync()).Reminded);
        app.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(["EX-1"], (await app.SweepAsync()).Reminded);
        app.Time.Advance(TimeSpan.FromHours(1));
        Assert.Empty((await app.SweepAsync()).Reminded);

        Assert.Equal(3, (await app.NotificationsAsync($"exception-reminder:{id}:3:")).Count);
        Assert.Equal(6, (await app.NotificationsAsync("exception-reminder:")).Count);
        var reminders = await ExceptionsApi.AuditAsync(sam.Client, id, "exception.reminder-sent");
        Assert.Equal(["14", "3"], reminders.Select(r => string.Join(",", r.Data().GetProperty("details").GetProperty("daysBeforeExpiry").EnumerateArray())));
        Assert.All(reminders, r => Assert.Equal(ExceptionSweep.SystemActor, r.GetProperty("actor").GetString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_short_exception_gets_only_the_reminders_shorter_than_its_period_and_missed_ones_go_out_as_one(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, ExceptionsApi.NoBackgroundSweep);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var tenDays = (await ExceptionsApi.ApprovedAsync(lee.Client, sam.Client, ExceptionsApi.Request(periodDays: 10))).Id();
        var twentyDays = (await ExceptionsApi.ApprovedAsync(lee.Client, sam.Client, ExceptionsApi.Request(periodDays: 20))).Id();

        Assert.Empty((await app.SweepAsync()).Reminded);
        app.Time.Advance(TimeSpan.FromDays(18));
        Assert.Equal(["EX-2"], (await app.SweepAsync()).Reminded);

        Assert.Equal(2, (await app.NotificationsAsync($"exception-reminder:{twentyDays}:3:")).Count);
        Assert.Empty(await app.NotificationsAsync($"exception-reminder:{twentyDays}:14:"));
        var covered = Assert.Single(await ExceptionsApi.AuditAsync(sam.Client, twentyDays, "exception.reminder-sent"));
        Assert.Equal([14, 3], covered.Data().GetProperty("details").GetProperty("daysBeforeExpiry").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Empty(await app.NotificationsAsync($"exception-reminder:{tenDays}:14:"));
        Assert.Equal("expired", (await ExceptionsApi.GetAsync(lee.Client, tenDays)).Status());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_background_service_sweeps_every_minute(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var id = (await ExceptionsApi.ApprovedAsync(lee.Client, sam.Client, ExceptionsApi.Request(periodDays: 1))).Id();

        app.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await app.StoredStatusAsync(id) != ExceptionStatus.Expired && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Equal(ExceptionStatus.Expired, await app.StoredStatusAsync(id));
        Assert.Single(await app.NotificationsAsync($"exception-expired:{id}:"));
    }
}
