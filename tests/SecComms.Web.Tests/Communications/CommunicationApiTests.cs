using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Web.Tests.Communications;

public sealed class CommunicationApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_communication_is_created_from_its_category_template(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);

        var response = await alice.Client.PostAsJsonAsync("/api/v1/communications", new { category = "security-release", title = "GitLab 18.4.1" });

        var body = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal("SC-1", body.GetProperty("reference").GetString());
        Assert.Equal("draft", body.GetProperty("status").GetString());
        var content = body.Content();
        Assert.StartsWith("# GitLab 18.4.1", content.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("Security release: GitLab 18.4.1", content.GetProperty("emailSubject").GetString());
        Assert.Equal("\"rev-1\"", response.Headers.ETag?.Tag);
        Assert.Equal($"/api/v1/communications/{body.Id()}", response.Headers.Location?.ToString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Supplied_variants_replace_the_template_and_the_rest_is_kept(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);

        var response = await alice.Client.PostAsJsonAsync("/api/v1/communications", new
        {
            category = "bug-bounty-update",
            title = "New scope",
            content = new { shortText = "Our bounty scope grows." },
        });

        var content = (await response.JsonAsync(HttpStatusCode.Created)).Content();
        Assert.Equal("Our bounty scope grows.", content.GetProperty("shortText").GetString());
        Assert.Equal("Bug bounty program update: New scope", content.GetProperty("emailSubject").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Every_edit_creates_a_new_revision_and_earlier_ones_stay_as_they_were(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var created = await (await alice.Client.PostAsJsonAsync("/api/v1/communications", new { category = "security-release", title = "Patch release" }))
            .JsonAsync(HttpStatusCode.Created);
        var id = created.Id();
        var firstHash = created.GetProperty("revision").GetProperty("contentHash").GetString();

        var revised = await (await CommunicationsApi.ReviseAsync(alice.Client, id, 1, new { body = "# Patch release\n\nUpgrade now.", note = "Tighter" })).JsonAsync();

        Assert.Equal(2, revised.GetProperty("revision").GetProperty("number").GetInt32());
        var secondHash = revised.GetProperty("revision").GetProperty("contentHash").GetString();
        Assert.NotEqual(firstHash, secondHash);
        Assert.Equal("Security release: Patch release", revised.Content().GetProperty("emailSubject").GetString());
        var first = await (await alice.Client.GetAsync($"/api/v1/communications/{id}/revisions/1")).JsonAsync();
        Assert.Equal(firstHash, first.GetProperty("contentHash").GetString());
        Assert.StartsWith("# Patch release\n\nToday we are releasing", first.GetProperty("content").GetProperty("body").GetString(), StringComparison.Ordinal);
        var history = await (await alice.Client.GetAsync($"/api/v1/communications/{id}/revisions")).JsonAsync();
        Assert.Equal([2, 1], history.EnumerateArray().Select(r => r.GetProperty("number").GetInt32()));
        Assert.Equal("Tighter", history[0].GetProperty("note").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task If_match_star_saves_over_whatever_revision_is_current(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var id = (await CommunicationsApi.CreateAsync(alice.Client, "Release")).Id();
        await (await CommunicationsApi.ReviseAsync(alice.Client, id, 1, new { body = "two" })).JsonAsync();

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/communications/{id}/content") { Content = JsonContent.Create(new { body = "three" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        var saved = await (await alice.Client.SendAsync(request)).JsonAsync();

        Assert.Equal(3, saved.GetProperty("revision").GetProperty("number").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_content_hash_covers_every_channel_variant(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var id = (await CommunicationsApi.CreateAsync(alice.Client, "Patch release")).Id();
        var hashes = new HashSet<string?>();
        var revision = 1;
        foreach (var change in new object[] { new { title = "Patch release 2" }, new { body = "b" }, new { emailSubject = "s" }, new { emailBody = "e" }, new { shortText = "t" } })
        {
            var view = await (await CommunicationsApi.ReviseAsync(alice.Client, id, revision++, change)).JsonAsync();
            hashes.Add(view.GetProperty("revision").GetProperty("contentHash").GetString());
        }
        Assert.Equal(5, hashes.Count);
        Assert.Equal(6, revision);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Saving_identical_text_creates_no_revision_and_no_audit_event(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var created = await CommunicationsApi.CreateAsync(alice.Client, "Patch release");
        var eventsBefore = await CountAuditEventsAsync(app);

        var same = await (await CommunicationsApi.ReviseAsync(alice.Client, created.Id(), 1, new { title = "Patch release" })).JsonAsync();

        Assert.Equal(1, same.GetProperty("revision").GetProperty("number").GetInt32());
        Assert.Equal(eventsBefore, await CountAuditEventsAsync(app));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_diff_shows_the_lines_each_variant_gained_and_lost(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var id = (await CommunicationsApi.CreateAsync(alice.Client, "Release")).Id();
        await CommunicationsApi.ReviseAsync(alice.Client, id, 1, new { body = "one\ntwo\nthree" });
        await CommunicationsApi.ReviseAsync(alice.Client, id, 2, new { body = "one\n2\nthree" });

        var diff = await (await alice.Client.GetAsync($"/api/v1/communications/{id}/revisions/3/diff")).JsonAsync();

        Assert.Equal(2, diff.GetProperty("from").GetInt32());
        var variants = diff.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("variant").GetString() ?? "");
        Assert.False(variants["title"].GetProperty("changed").GetBoolean());
        var lines = variants["body"].GetProperty("lines").EnumerateArray()
            .Select(l => $"{l.GetProperty("op").GetString()}:{l.GetProperty("text").GetString()}");
        Assert.Equal(["same:one", "removed:two", "added:2", "same:three"], lines);
        var against1 = await (await alice.Client.GetAsync($"/api/v1/communications/{id}/revisions/3/diff?from=1")).JsonAsync();
        Assert.Equal(1, against1.GetProperty("from").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_list_filters_and_pages_newest_first(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var bob = await app.AddUserAsync("bob@example.com", ["security"]);
        for (var i = 1; i <= 3; i++)
        {
            await CommunicationsApi.CreateAsync(alice.Client, $"Release {i}");
        }
        await CommunicationsApi.CreateAsync(bob.Client, "Bounty 100% more", "bug-bounty-update");

        var page1 = await (await alice.Client.GetAsync("/api/v1/communications?category=security-release&limit=2")).JsonAsync();
        Assert.Equal(["Release 3", "Release 2"], Titles(page1));
        var cursor = page1.GetProperty("nextCursor").GetString();
        var page2 = await (await alice.Client.GetAsync($"/api/v1/communications?category=security-release&limit=2&cursor={cursor}")).JsonAsync();
        Assert.Equal(["Release 1"], Titles(page2));
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("nextCursor").ValueKind);

        Assert.Equal(["Bounty 100% more"], Titles(await (await alice.Client.GetAsync("/api/v1/communications?q=100%25")).JsonAsync()));
        Assert.Equal(["Release 3", "Release 2", "Release 1"], Titles(await (await alice.Client.GetAsync("/api/v1/communications?mine=true")).JsonAsync()));
        Assert.Equal(4, Titles(await (await alice.Client.GetAsync("/api/v1/communications?status=draft")).JsonAsync()).Count);
    }

    internal static List<string?> Titles(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("title").GetString())];

    internal static async Task<int> CountAuditEventsAsync(SecCommsApp app)
    {
        await using var db = app.Database.CreateContext();
        return db.AuditEvents.Count();
    }
}
