using System.Net;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;

namespace SecComms.Web.Tests.Exceptions;

public sealed class ExtensionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_extension_is_a_new_request_for_the_same_case_and_the_original_stays_as_it_was(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, ExceptionsApi.NoBackgroundSweep);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        var release = (await CommunicationsApi.CreateAsync(sam.Client, "Release")).Id();
        var original = await ExceptionsApi.ApprovedAsync(lee.Client, sam.Client, ExceptionsApi.Request(release, ["fix-released", "embargo-passed"]));
        var id = original.Id();
        app.Time.Advance(TimeSpan.FromDays(25));
        var before = await app.ExceptionSnapshotAsync();

        var stranger = await (await ExceptionsApi.ExtendAsync(mo.Client, id)).AssertProblemAsync(HttpStatusCode.Forbidden);
        var tooLong = await (await ExceptionsApi.ExtendAsync(lee.Client, id, periodDays: 120)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Only the requester of EX-1 or a member of an exception approver team (security) may extend it.", stranger.Detail(), StringComparison.Ordinal);
        Assert.Contains("periodDays may be at most 90", tooLong.Detail(), StringComparison.Ordinal);
        Assert.Equal(before, await app.ExceptionSnapshotAsync());

        var extension = await (await ExceptionsApi.ExtendAsync(lee.Client, id)).JsonAsync(HttpStatusCode.Created);

        Assert.Equal("EX-2", extension.GetProperty("reference").GetString());
        Assert.Equal("requested", extension.Status());
        Assert.Equal("EX-1", extension.GetProperty("extends").GetProperty("reference").GetString());
        Assert.Equal(original.GetProperty("rule").GetString(), extension.GetProperty("rule").GetString());
        Assert.Equal(release, extension.GetProperty("communication").GetProperty("id").GetString());
        Assert.Equal(["fix-released", "embargo-passed"], extension.GetProperty("gates").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("The release slipped by two weeks.", extension.GetProperty("justification").GetString());
        var unchanged = await ExceptionsApi.GetAsync(lee.Client, id);
        Assert.Equal("approved", unchanged.Status());
        Assert.Equal(original.GetProperty("expiresAt").GetDateTimeOffset(), unchanged.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(original.GetProperty("justification").GetString(), unchanged.GetProperty("justification").GetString());
        Assert.Equal("EX-2", Assert.Single(unchanged.GetProperty("extensions").EnumerateArray()).GetProperty("reference").GetString());
        Assert.False(unchanged.GetProperty("actions").GetProperty("extend").GetBoolean());
        var told = Assert.Single(await app.NotificationsAsync($"exception-requested:{extension.Id()}:"));
        Assert.Contains("extends an earlier one", told.Body, StringComparison.Ordinal);

        var second = await (await ExceptionsApi.ExtendAsync(sam.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("EX-1 already has an extension waiting for a decision: EX-2.", second.Detail());
        var ofRequest = await (await ExceptionsApi.ExtendAsync(lee.Client, extension.Id())).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Only an approved exception, in force or expired, can be extended; EX-2 is requested.", ofRequest.Detail());

        var approved = await (await ExceptionsApi.ApproveAsync(sam.Client, extension.Id())).JsonAsync();
        Assert.Equal(app.Time.GetUtcNow().AddDays(30), approved.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal("approved", (await ExceptionsApi.GetAsync(lee.Client, id)).Status());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_expired_exception_can_be_extended_by_an_approver_and_an_extension_of_a_revoked_one_is_not_approved(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, ExceptionsApi.NoBackgroundSweep);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var expiring = (await ExceptionsApi.ApprovedAsync(lee.Client, sam.Client, ExceptionsApi.Request(periodDays: 5))).Id();
        var revoking = (await ExceptionsApi.ApprovedAsync(lee.Client, sam.Client)).Id();
        app.Time.Advance(TimeSpan.FromDays(6));
        await app.SweepAsync();

        var ofExpired = await (await ExceptionsApi.ExtendAsync(alice.Client, expiring)).JsonAsync(HttpStatusCode.Created);
        var ofRevoked = await (await ExceptionsApi.ExtendAsync(lee.Client, revoking)).JsonAsync(HttpStatusCode.Created);
        await (await ExceptionsApi.RevokeAsync(sam.Client, revoking, "The fix shipped.")).JsonAsync();

        Assert.Equal("alice@example.com", ofExpired.GetProperty("requestedBy").GetProperty("email").GetString());
        Assert.Equal("expired", ofExpired.GetProperty("extends").GetProperty("status").GetString());
        await (await ExceptionsApi.ApproveAsync(alice.Client, ofExpired.Id())).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("approved", (await (await ExceptionsApi.ApproveAsync(sam.Client, ofExpired.Id())).JsonAsync()).Status());
        var refused = await (await ExceptionsApi.ApproveAsync(sam.Client, ofRevoked.Id())).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("EX-4 extends EX-2, which was revoked; it cannot be approved.", refused.Detail());
    }
}
