using System.Net;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Exceptions;
using SecComms.Testing;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Disclosure;

public sealed class GateOverrideTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Only_an_approved_unexpired_exception_for_the_communication_naming_the_closed_gate_overrides_it(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var id = await DisclosureApi.ApprovedNoticeAsync(alice, sam);
        var other = await DisclosureApi.ApprovedNoticeAsync(alice, sam);
        var forOther = await DisclosureApi.RegisterExceptionAsync(app, other, ["fix-released"]);
        var requested = await DisclosureApi.RegisterExceptionAsync(app, id, ["fix-released"], ExceptionStatus.Requested);
        var wrongGate = await DisclosureApi.RegisterExceptionAsync(app, id, ["embargo-passed"]);
        var shortLived = await DisclosureApi.RegisterExceptionAsync(app, id, ["fix-released"], days: 1);
        var good = await DisclosureApi.RegisterExceptionAsync(app, id, ["fix-released"], days: 30);
        var before = await app.SnapshotAsync();

        Assert.Contains("EX-1 is not an exception for SC-1",
            (await (await DisclosureApi.PublishAsync(alice.Client, id, forOther)).AssertProblemAsync(HttpStatusCode.Conflict)).Detail(), StringComparison.Ordinal);
        Assert.Contains("EX-2 is requested, not approved",
            (await (await DisclosureApi.PublishAsync(alice.Client, id, requested)).AssertProblemAsync(HttpStatusCode.Conflict)).Detail(), StringComparison.Ordinal);
        Assert.Contains("EX-3 covers embargo-passed, but fix-released is also closed",
            (await (await DisclosureApi.PublishAsync(alice.Client, id, wrongGate)).AssertProblemAsync(HttpStatusCode.Conflict)).Detail(), StringComparison.Ordinal);
        var unknown = await (await DisclosureApi.PublishAsync(alice.Client, id, Guid.NewGuid())).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("exceptionId", out _));
        Assert.Equal(before, await app.SnapshotAsync());
        app.Time.Advance(TimeSpan.FromDays(1));
        Assert.Contains("EX-4 is in force only until",
            (await (await DisclosureApi.PublishAsync(alice.Client, id, shortLived)).AssertProblemAsync(HttpStatusCode.Conflict)).Detail(), StringComparison.Ordinal);
        Assert.Equal("approved", await WorkflowApi.StatusAsync(alice.Client, id));

        var published = await (await DisclosureApi.PublishAsync(alice.Client, id, good)).JsonAsync();
        Assert.Equal("published", published.GetProperty("status").GetString());
        await using var db = app.Database.CreateContext();
        var overridden = await db.AuditEvents.SingleAsync(e => e.Action == "communication.gates-overridden");
        Assert.Contains("\"exception\":\"EX-5\"", overridden.Data, StringComparison.Ordinal);
        Assert.Contains("fix-released", overridden.Data, StringComparison.Ordinal);
        Assert.Equal("alice@example.com", overridden.Actor);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_exception_requested_and_approved_in_the_register_lets_a_notice_out_before_its_fix_until_it_expires(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var id = await DisclosureApi.ApprovedNoticeAsync(alice, sam);
        var other = await DisclosureApi.ApprovedNoticeAsync(alice, sam);
        var requested = await (await alice.Client.PostJsonAsync("/api/v1/exceptions", new
        {
            rule = "Disclosure before the fix ships",
            communicationId = id,
            gates = new[] { "fix-released" },
            justification = "Exploited in the wild; customers need the mitigation now.",
            alternativesConsidered = "Waiting three days for the release.",
            compensatingControls = "Mitigation only, no exploit detail.",
            risk = "high",
            periodDays = 3,
        })).JsonAsync(HttpStatusCode.Created);
        var exceptionId = requested.GetProperty("id").GetGuid();

        Assert.Contains("is requested, not approved",
            (await (await DisclosureApi.PublishAsync(alice.Client, id, exceptionId)).AssertProblemAsync(HttpStatusCode.Conflict)).Detail(), StringComparison.Ordinal);
        await (await sam.Client.PostJsonAsync($"/api/v1/exceptions/{exceptionId}/approve", new { comment = "Agreed; three days." })).JsonAsync();
        Assert.Contains("is not an exception for SC-2",
            (await (await DisclosureApi.PublishAsync(alice.Client, other, exceptionId)).AssertProblemAsync(HttpStatusCode.Conflict)).Detail(), StringComparison.Ordinal);
        app.Time.Advance(TimeSpan.FromDays(3));
        Assert.Contains("is in force only until",
            (await (await DisclosureApi.PublishAsync(alice.Client, id, exceptionId)).AssertProblemAsync(HttpStatusCode.Conflict)).Detail(), StringComparison.Ordinal);
        Assert.Equal("approved", await WorkflowApi.StatusAsync(alice.Client, id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_schedule_relies_on_its_exception_until_the_time_comes(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var id = await DisclosureApi.ApprovedNoticeAsync(alice, sam);
        var exception = await DisclosureApi.RegisterExceptionAsync(app, id, ["fix-released"], days: 2);

        var tooLate = await (await alice.Client.PostJsonAsync($"/api/v1/communications/{id}/schedule", new { at = app.Time.GetUtcNow().AddDays(3), exceptionId = exception }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("EX-1 is in force only until", tooLate.Detail(), StringComparison.Ordinal);
        await (await alice.Client.PostJsonAsync($"/api/v1/communications/{id}/schedule", new { at = app.Time.GetUtcNow().AddHours(1) }))
            .AssertProblemAsync(HttpStatusCode.Conflict);

        var scheduled = await (await alice.Client.PostJsonAsync($"/api/v1/communications/{id}/schedule", new { at = app.Time.GetUtcNow().AddHours(1), exceptionId = exception }))
            .JsonAsync();
        Assert.Equal("scheduled", scheduled.GetProperty("status").GetString());
        var requirements = await WorkflowApi.RequirementsAsync(alice.Client, id);
        Assert.Equal("EX-1", requirements.GetProperty("gateException").GetString());
        Assert.True(requirements.GetProperty("readyToPublish").GetBoolean());

        await using (var db = app.Database.CreateContext())
        {
            var entry = await db.PolicyExceptions.AsTracking().SingleAsync();
            entry.Status = ExceptionStatus.Revoked;
            await db.SaveChangesAsync();
        }
        app.Time.Advance(TimeSpan.FromHours(1));
        string status;
        var attempts = 0;
        do
        {
            await Task.Delay(100);
            status = await WorkflowApi.StatusAsync(alice.Client, id);
        }
        while (status == "scheduled" && ++attempts < 100);

        Assert.Equal("approved", status);
        var view = await (await alice.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        Assert.Contains("did not happen: EX-1 is revoked, not approved", view.GetProperty("statusReason").GetString(), StringComparison.Ordinal);
        await using var audit = app.Database.CreateContext();
        Assert.Equal("system", (await audit.AuditEvents.SingleAsync(e => e.Action == "communication.schedule-failed")).Actor);
    }
}
