using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Web.Tests.Audit;

public sealed class AuditApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_change_appends_a_linked_event(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var created = await (await alice.Client.PostAsJsonAsync("/api/v1/communications", new { category = "security-release", title = "R" })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();

        var page = await (await alice.Client.GetAsync($"/api/v1/audit?entity=communication:{id}")).JsonAsync();

        var created1 = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("communication.created", created1.GetProperty("action").GetString());
        Assert.Equal("alice@example.com", created1.GetProperty("actor").GetString());
        var data = JsonDocument.Parse(created1.GetProperty("data").GetString() ?? "").RootElement;
        Assert.Equal(created.GetProperty("revision").GetProperty("contentHash").GetString(), data.GetProperty("contentHash").GetString());

        var all = await (await alice.Client.GetAsync("/api/v1/audit")).JsonAsync();
        var events = all.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["policy.activated", "user.created", "token.issued", "communication.created"], events.Select(e => e.GetProperty("action").GetString()));
        for (var i = 1; i < events.Count; i++)
        {
            Assert.Equal(events[i - 1].GetProperty("hash").GetString(), events[i].GetProperty("prevHash").GetString());
        }
        var verify = await (await alice.Client.GetAsync("/api/v1/audit/verify")).JsonAsync();
        Assert.True(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(4, verify.GetProperty("eventCount").GetInt64());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verification_names_the_first_event_that_was_tampered_with_deleted_or_reordered(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        for (var i = 0; i < 4; i++)
        {
            await alice.Client.PostAsJsonAsync("/api/v1/communications", new { category = "security-release", title = $"R{i}" });
        }
        async Task<JsonElement> VerifyAsync() => await (await alice.Client.GetAsync("/api/v1/audit/verify")).JsonAsync();
        Assert.True((await VerifyAsync()).GetProperty("valid").GetBoolean());

        await app.Database.ExecuteSqlAsync("""UPDATE audit_events SET "Data" = '["edited"]' WHERE "Seq" = 4""");
        var tampered = await VerifyAsync();
        Assert.False(tampered.GetProperty("valid").GetBoolean());
        Assert.Equal(4, tampered.GetProperty("firstBrokenSeq").GetInt64());
        Assert.Contains("altered", tampered.GetProperty("problem").GetString(), StringComparison.Ordinal);

        await app.Database.ExecuteSqlAsync("""DELETE FROM audit_events WHERE "Seq" >= 4""");
        Assert.True((await VerifyAsync()).GetProperty("valid").GetBoolean());
        await app.Database.ExecuteSqlAsync("""DELETE FROM audit_events WHERE "Seq" = 2""");
        var deleted = await VerifyAsync();
        Assert.Equal(2, deleted.GetProperty("firstBrokenSeq").GetInt64());
        Assert.Contains("missing", deleted.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cutting_the_newest_events_fails_verification_against_the_head_kept_before(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        for (var i = 0; i < 3; i++)
        {
            await alice.Client.PostAsJsonAsync("/api/v1/communications", new { category = "security-release", title = $"R{i}" });
        }
        async Task<JsonElement> VerifyAsync(string query = "") => await (await alice.Client.GetAsync("/api/v1/audit/verify" + query)).JsonAsync();

        var kept = await (await alice.Client.GetAsync("/api/v1/audit/head")).JsonAsync();
        var seq = kept.GetProperty("seq").GetInt64();
        var head = kept.GetProperty("head").GetString();
        Assert.Equal($"{seq}:{kept.GetProperty("hash").GetString()}", head);
        var intact = await VerifyAsync($"?expect={head}");
        Assert.True(intact.GetProperty("valid").GetBoolean());
        Assert.Equal(head, intact.GetProperty("head").GetString());
        Assert.Equal("matches", intact.GetProperty("anchor").GetProperty("outcome").GetString());

        await app.Database.ExecuteSqlAsync($$"""DELETE FROM audit_events WHERE "Seq" > {{seq - 2}}""");
        var plain = await VerifyAsync();
        var anchored = await VerifyAsync($"?expect={head}");

        Assert.True(plain.GetProperty("valid").GetBoolean());
        Assert.Equal(seq - 2, plain.GetProperty("eventCount").GetInt64());
        Assert.False(anchored.GetProperty("valid").GetBoolean());
        Assert.Equal("missing", anchored.GetProperty("anchor").GetProperty("outcome").GetString());
        Assert.Equal(seq - 1, anchored.GetProperty("firstBrokenSeq").GetInt64());
        Assert.Equal($"Event {seq} of the anchor {head} is missing: the chain ends at event {seq - 2}. Events were removed from the end.",
            anchored.GetProperty("problem").GetString());

        await alice.Client.PostAsJsonAsync("/api/v1/communications", new { category = "security-release", title = "Filler" });
        await alice.Client.PostAsJsonAsync("/api/v1/communications", new { category = "security-release", title = "Filler" });
        var refilled = await VerifyAsync($"?expect={head}");
        Assert.False(refilled.GetProperty("valid").GetBoolean());
        Assert.Equal("differs", refilled.GetProperty("anchor").GetProperty("outcome").GetString());
        Assert.Equal(seq, refilled.GetProperty("firstBrokenSeq").GetInt64());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_expected_head_that_is_not_SEQ_colon_HASH_is_refused(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var hash = new string('a', 64);

        foreach (var expect in new[] { "12", $"0:{hash}", $"-1:{hash}", "12:abc", $"12:{hash}:1", $"x:{hash}", $"12:{new string('g', 64)}" })
        {
            var problem = await (await alice.Client.GetAsync("/api/v1/audit/verify?expect=" + Uri.EscapeDataString(expect))).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("expect must be SEQ:HASH", problem.GetProperty("errors").GetProperty("expect")[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Swapping_two_events_breaks_the_chain_at_the_first_of_them(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        await alice.Client.PostAsJsonAsync("/api/v1/communications", new { category = "security-release", title = "R" });

        await app.Database.ExecuteSqlAsync("""UPDATE audit_events SET "Seq" = 100 WHERE "Seq" = 2""");
        await app.Database.ExecuteSqlAsync("""UPDATE audit_events SET "Seq" = 2 WHERE "Seq" = 3""");
        await app.Database.ExecuteSqlAsync("""UPDATE audit_events SET "Seq" = 3 WHERE "Seq" = 100""");

        var verify = await (await alice.Client.GetAsync("/api/v1/audit/verify")).JsonAsync();
        Assert.False(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(2, verify.GetProperty("firstBrokenSeq").GetInt64());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_audit_trail_is_read_only_and_closed_to_everyone_outside_security_administrators_included(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        var admin = await app.AddUserAsync("root@example.com", ["legal"], Core.Identity.UserRole.Admin);

        foreach (var outsider in new[] { mo, admin })
        {
            await (await outsider.Client.GetAsync("/api/v1/audit")).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await outsider.Client.GetAsync("/api/v1/audit/verify")).AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        await (await alice.Client.DeleteAsync("/api/v1/audit")).AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
        await (await alice.Client.PostAsJsonAsync("/api/v1/audit", new { action = "forged" })).AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
        await (await alice.Client.GetAsync("/api/v1/audit?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Events_are_filtered_by_action_actor_and_time_and_paged_by_sequence_number_both_ways(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var bob = await app.AddUserAsync("bob@example.com", ["support"]);
        for (var day = 0; day < 3; day++)
        {
            for (var i = 0; i < 5; i++)
            {
                await (day == 1 ? bob : alice).Client.PostAsJsonAsync("/api/v1/communications", new { category = "security-release", title = $"Day {day}, {i}" });
            }
            app.Time.Advance(TimeSpan.FromDays(1));
        }
        async Task<List<JsonElement>> AllAsync(string query, string cursor)
        {
            var items = new List<JsonElement>();
            for (var next = ""; next is not null;)
            {
                var page = await (await alice.Client.GetAsync($"/api/v1/audit?{query}&limit=2{next}")).JsonAsync();
                items.AddRange(page.GetProperty("items").EnumerateArray());
                next = page.GetProperty($"next{char.ToUpperInvariant(cursor[0])}{cursor[1..]}") is { ValueKind: JsonValueKind.Number } key ? $"&{cursor}={key.GetInt64()}" : null;
            }
            return items;
        }

        var created = await AllAsync("action=communication.created", "after");
        var newestFirst = await AllAsync("action=communication.created&order=newest", "before");
        var bobs = await AllAsync("actor=bob@example.com&action=communication.created", "after");
        var secondDay = await AllAsync("action=communication.created&from=2026-11-03T00:00:00Z&to=2026-11-04T00:00:00Z", "after");

        static long[] Seqs(List<JsonElement> items) => [.. items.Select(e => e.GetProperty("seq").GetInt64())];
        Assert.Equal(15, created.Count);
        Assert.Equal(Seqs(created).Distinct().Order(), Seqs(created));
        Assert.Equal(Seqs(created).Reverse(), Seqs(newestFirst));
        Assert.Equal(5, bobs.Count);
        Assert.All(bobs, e => Assert.Equal("bob@example.com", e.GetProperty("actor").GetString()));
        Assert.Equal(Seqs(bobs), Seqs(secondDay));
        var mixed = await (await alice.Client.GetAsync("/api/v1/audit?order=oldest&before=3")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(mixed.GetProperty("errors").TryGetProperty("before", out _));
    }
}
