using System.Net;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;

namespace SecComms.Web.Tests.Exceptions;

public sealed class DecisionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_approver_approves_for_the_period_under_the_policy_in_force_and_the_requester_is_told(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var entry = await ExceptionsApi.CreateAsync(lee.Client);
        var now = app.Time.GetUtcNow();

        var approved = await (await ExceptionsApi.ApproveAsync(sam.Client, entry.Id(), "Until the release ships.")).JsonAsync();

        Assert.Equal("approved", approved.Status());
        Assert.True(approved.GetProperty("inForce").GetBoolean());
        Assert.Equal("sam@example.com", approved.GetProperty("decidedBy").GetProperty("email").GetString());
        Assert.Equal(now, approved.GetProperty("decidedAt").GetDateTimeOffset());
        Assert.Equal(now.AddDays(30), approved.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal("Until the release ships.", approved.GetProperty("decisionComment").GetString());
        var policyHash = (await (await sam.Client.GetAsync("/api/v1/policy")).JsonAsync()).GetProperty("hash").GetString();
        Assert.Equal(policyHash, approved.GetProperty("policyHash").GetString());
        var told = Assert.Single(await app.NotificationsAsync("exception-decided:"));
        Assert.Equal("lee@example.com", told.Recipient);
        Assert.Equal("EX-1 approved: Disclosure only after the fix is released", told.Subject);
        Assert.Contains($"It is in force until {now.AddDays(30):yyyy-MM-dd HH:mm} UTC", told.Body, StringComparison.Ordinal);
        var audited = Assert.Single(await ExceptionsApi.AuditAsync(sam.Client, entry.Id(), "exception.approved"));
        Assert.Equal("sam@example.com", audited.GetProperty("actor").GetString());
        Assert.Equal(policyHash, audited.Data().GetProperty("policyHash").GetString());
        Assert.Equal("approved", audited.Data().GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task No_one_decides_on_their_own_request_outside_the_approver_teams_or_twice(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var entry = await ExceptionsApi.CreateAsync(alice.Client);
        var id = entry.Id();
        var before = await app.ExceptionSnapshotAsync();

        var own = await (await ExceptionsApi.ApproveAsync(alice.Client, id)).AssertProblemAsync(HttpStatusCode.Forbidden);
        var ownReject = await (await ExceptionsApi.RejectAsync(alice.Client, id, "Changed my mind")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var outsider = await (await ExceptionsApi.ApproveAsync(lee.Client, id)).AssertProblemAsync(HttpStatusCode.Forbidden);
        var noReason = await (await ExceptionsApi.RejectAsync(sam.Client, id, " ")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await ExceptionsApi.ApproveAsync(sam.Client, Guid.NewGuid().ToString())).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("No one decides on an exception they requested; you requested EX-1.", own.Detail());
        Assert.Equal(own.Detail(), ownReject.Detail());
        Assert.Equal("Only a member of an exception approver team (security) may approve a policy exception; you are in none of them.", outsider.Detail());
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(before, await app.ExceptionSnapshotAsync());

        await (await ExceptionsApi.ApproveAsync(sam.Client, id)).JsonAsync();
        var afterApproval = await app.ExceptionSnapshotAsync();
        var twice = await (await ExceptionsApi.ApproveAsync(sam.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);
        var rejectApproved = await (await ExceptionsApi.RejectAsync(sam.Client, id, "Too risky")).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("Only a requested exception can be approved; EX-1 is approved.", twice.Detail());
        Assert.Equal("Only a requested exception can be rejected; EX-1 is approved.", rejectApproved.Detail());
        Assert.Equal(afterApproval, await app.ExceptionSnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_rejection_keeps_its_reason_and_is_never_in_force(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var entry = await ExceptionsApi.CreateAsync(lee.Client);

        var rejected = await (await ExceptionsApi.RejectAsync(sam.Client, entry.Id(), "Publish the mitigation as a blog post instead.")).JsonAsync();

        Assert.Equal("rejected", rejected.Status());
        Assert.False(rejected.GetProperty("inForce").GetBoolean());
        Assert.Equal("Publish the mitigation as a blog post instead.", rejected.GetProperty("decisionComment").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, rejected.GetProperty("expiresAt").ValueKind);
        Assert.False(rejected.GetProperty("actions").GetProperty("extend").GetBoolean());
        var told = Assert.Single(await app.NotificationsAsync("exception-decided:"));
        Assert.Equal("EX-1 rejected: Disclosure only after the fix is released", told.Subject);
        Assert.DoesNotContain("blog post", told.Body, StringComparison.Ordinal);
        Assert.Single(await ExceptionsApi.AuditAsync(sam.Client, entry.Id(), "exception.rejected"));
        await (await ExceptionsApi.RevokeAsync(sam.Client, entry.Id(), "x")).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await ExceptionsApi.ExtendAsync(lee.Client, entry.Id())).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_approver_revokes_an_exception_in_force_with_a_reason(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var id = (await ExceptionsApi.ApprovedAsync(lee.Client, sam.Client)).Id();
        var before = await app.ExceptionSnapshotAsync();

        await (await ExceptionsApi.RevokeAsync(lee.Client, id, "Not needed")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var noReason = await (await ExceptionsApi.RevokeAsync(sam.Client, id, null)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("reason is required.", noReason.Detail());
        Assert.Equal(before, await app.ExceptionSnapshotAsync());
        app.Time.Advance(TimeSpan.FromDays(2));

        var revoked = await (await ExceptionsApi.RevokeAsync(sam.Client, id, "The fix shipped early.")).JsonAsync();

        Assert.Equal("revoked", revoked.Status());
        Assert.False(revoked.GetProperty("inForce").GetBoolean());
        Assert.Equal("sam@example.com", revoked.GetProperty("revokedBy").GetProperty("email").GetString());
        Assert.Equal(app.Time.GetUtcNow(), revoked.GetProperty("revokedAt").GetDateTimeOffset());
        Assert.Equal("The fix shipped early.", revoked.GetProperty("revocationReason").GetString());
        Assert.False(revoked.GetProperty("actions").GetProperty("revoke").GetBoolean());
        Assert.Equal("lee@example.com", Assert.Single(await app.NotificationsAsync("exception-revoked:")).Recipient);
        Assert.Single(await ExceptionsApi.AuditAsync(sam.Client, id, "exception.revoked"));
        var again = await (await ExceptionsApi.RevokeAsync(sam.Client, id, "Again")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Only an exception in force can be revoked; EX-1 is revoked.", again.Detail());
        await (await ExceptionsApi.ExtendAsync(lee.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);
    }
}
