using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SecComms.Core.Identity;
using SecComms.Testing;

namespace SecComms.Web.Tests.Identity;

public sealed class AccessTokenTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_token_is_shown_once_works_until_revoked_and_is_stored_only_as_a_hash(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);

        var created = await (await alice.Client.PostAsJsonAsync("/api/v1/tokens", new { name = "laptop", expiresInDays = 30 })).JsonAsync(HttpStatusCode.Created);
        var secret = created.GetProperty("secret").GetString() ?? "";
        Assert.StartsWith("scm_", secret, StringComparison.Ordinal);
        Assert.Equal(app.Time.GetUtcNow().AddDays(30), created.GetProperty("expiresAt").GetDateTimeOffset());

        var laptop = app.ClientWithToken(secret);
        var me = await (await laptop.GetAsync("/api/v1/me")).JsonAsync();
        Assert.Equal("alice@example.com", me.GetProperty("email").GetString());
        Assert.Equal(["security"], me.GetProperty("teams").EnumerateArray().Select(t => t.GetString()));

        var listed = await (await alice.Client.GetAsync("/api/v1/tokens")).JsonAsync();
        Assert.Equal(2, listed.GetArrayLength());
        Assert.All(listed.EnumerateArray(), t => Assert.Equal(System.Text.Json.JsonValueKind.Null, t.GetProperty("secret").ValueKind));
        await using (var db = app.Database.CreateContext())
        {
            var stored = db.AccessTokens.Single(t => t.Name == "laptop");
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))), stored.SecretHash);
            Assert.DoesNotContain(secret, System.Text.Json.JsonSerializer.Serialize(stored), StringComparison.Ordinal);
        }

        var id = created.GetProperty("id").GetString();
        var revoked = await (await alice.Client.DeleteAsync($"/api/v1/tokens/{id}")).JsonAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, revoked.GetProperty("revokedAt").ValueKind);
        var refused = await (await laptop.GetAsync("/api/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", refused.Detail(), StringComparison.Ordinal);
        await (await alice.Client.GetAsync("/api/v1/me")).JsonAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_expired_token_is_refused_with_a_clear_reason(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var created = await (await alice.Client.PostAsJsonAsync("/api/v1/tokens", new { name = "short", expiresInDays = 1 })).JsonAsync(HttpStatusCode.Created);
        var shortLived = app.ClientWithToken(created.GetProperty("secret").GetString() ?? "");
        await (await shortLived.GetAsync("/api/v1/me")).JsonAsync();

        app.Time.Advance(TimeSpan.FromDays(1));

        var refused = await (await shortLived.GetAsync("/api/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("expired", refused.Detail(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Requests_without_a_valid_token_get_401_problem_details(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var anonymous = app.CreateClient();

        var missing = await anonymous.GetAsync("/api/v1/communications");
        Assert.Contains("Bearer", (await missing.AssertProblemAsync(HttpStatusCode.Unauthorized)).Detail(), StringComparison.Ordinal);
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);

        await (await app.ClientWithToken("scm_not-a-real-token").GetAsync("/api/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var basic = app.CreateClient();
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "YWxpY2U6cGFzcw==");
        Assert.Contains("Bearer", (await (await basic.GetAsync("/api/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized)).Detail(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Token_requests_are_validated_and_one_cannot_revoke_anothers_token(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var bob = await app.AddUserAsync("bob@example.com", ["legal"]);

        await (await alice.Client.PostAsJsonAsync("/api/v1/tokens", new { name = "" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var tooLong = await (await alice.Client.PostAsJsonAsync("/api/v1/tokens", new { name = "x", expiresInDays = 5000 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("expiresInDays", tooLong.Detail(), StringComparison.Ordinal);

        var outliving = await (await alice.Client.PostAsJsonAsync("/api/v1/tokens", new { name = "longer", expiresInDays = 365 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("cannot outlive", outliving.Detail(), StringComparison.Ordinal);

        var bobsTokens = await (await bob.Client.GetAsync("/api/v1/tokens")).JsonAsync();
        var bobsToken = bobsTokens[0].GetProperty("id").GetString();
        await (await alice.Client.DeleteAsync($"/api/v1/tokens/{bobsToken}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await bob.Client.GetAsync("/api/v1/me")).JsonAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Only_administrators_add_people_and_teams_must_come_from_the_policy(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var admin = await app.AddUserAsync("root@example.com", ["legal"], UserRole.Admin);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);

        await (await alice.Client.PostAsJsonAsync("/api/v1/users", new { email = "x@example.com", name = "X", teams = new[] { "legal" } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        var unknownTeam = await (await admin.Client.PostAsJsonAsync("/api/v1/users", new { email = "x@example.com", name = "X", teams = new[] { "pr" } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("pr", unknownTeam.Detail(), StringComparison.Ordinal);
        await (await admin.Client.PostAsync("/api/v1/users",
                new StringContent("""{"email":"x@example.com","name":"X","teams":[null]}""", System.Text.Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var created = await (await admin.Client.PostAsJsonAsync("/api/v1/users", new { email = "lee@example.com", name = "Lee", teams = new[] { "legal" } }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal("member", created.GetProperty("role").GetString());
        await (await admin.Client.PostAsJsonAsync("/api/v1/users", new { email = "LEE@example.com", name = "Lee again" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
    }
}
