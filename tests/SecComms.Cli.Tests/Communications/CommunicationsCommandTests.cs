using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Communications;

public sealed class CommunicationsCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task List_prints_an_aligned_table_newest_first(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var first = await CreateAsync(alice, "security-release", "GitLab 18.4.1");
        var second = await CreateAsync(alice, "bug-bounty-update", "Bounty scope now includes the runner");

        var result = await Cli.RunAsync(app, alice.Token, "communications", "list");

        result.AssertSucceeded();
        var lines = result.Lines;
        Assert.Equal(3, lines.Count);
        Assert.Matches("^REFERENCE +STATUS +CATEGORY +TITLE +REVISION +ID$", lines[0]);
        Assert.Matches($"^SC-2 +draft +bug-bounty-update +Bounty scope now includes the runner +1 +{second}$", lines[1]);
        Assert.Matches($"^SC-1 +draft +security-release +GitLab 18.4.1 +1 +{first}$", lines[2]);
        foreach (var column in new[] { "STATUS", "CATEGORY", "TITLE", "REVISION", "ID" })
        {
            var at = lines[0].IndexOf(column, StringComparison.Ordinal);
            Assert.All(lines.Skip(1), line => Assert.NotEqual(' ', line[at]));
            Assert.All(lines.Skip(1), line => Assert.Equal(' ', line[at - 1]));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task List_pages_with_a_cursor_and_all_follows_every_page(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        foreach (var title in new[] { "One", "Two", "Three" })
        {
            await CreateAsync(alice, "security-release", title);
        }

        var firstPage = await Cli.RunAsync(app, alice.Token, "communications", "list", "--limit", "2");
        var firstPageJson = await Cli.RunAsync(app, alice.Token, "communications", "list", "--limit", "2", "--json");
        var everything = await Cli.RunAsync(app, alice.Token, "communications", "list", "--limit", "2", "--all", "--json");
        var filtered = await Cli.RunAsync(app, alice.Token, "communications", "list", "--search", "TWO", "--status", "draft",
            "--category", "security-release", "--mine", "--json");

        firstPage.AssertSucceeded();
        Assert.StartsWith("More communications follow: add --all, or --cursor ", firstPage.LastLine, StringComparison.Ordinal);
        var page = JsonDocument.Parse(firstPageJson.Out).RootElement;
        Assert.Equal(new[] { "SC-3", "SC-2" }, References(page));
        var cursor = page.GetProperty("nextCursor").GetString();
        Assert.NotNull(cursor);
        var rest = JsonDocument.Parse((await Cli.RunAsync(app, alice.Token, "communications", "list", "--cursor", cursor, "--json")).Out).RootElement;
        Assert.Equal(new[] { "SC-1" }, References(rest));
        var all = JsonDocument.Parse(everything.Out).RootElement;
        Assert.Equal(new[] { "SC-3", "SC-2", "SC-1" }, References(all));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("nextCursor").ValueKind);
        Assert.Equal(new[] { "SC-2" }, References(JsonDocument.Parse(filtered.Out).RootElement));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Show_prints_the_details_and_every_variant_of_the_current_revision(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var id = await CreateAsync(alice, "security-release", "GitLab 18.4.1");

        var text = await Cli.RunAsync(app, alice.Token, "communications", "show", id.ToString());
        var json = await Cli.RunAsync(app, alice.Token, "communications", "show", id.ToString(), "--json");

        text.AssertSucceeded();
        Assert.Equal("SC-1: GitLab 18.4.1", text.Lines[0]);
        Assert.Contains(text.Lines, line => line.StartsWith("  status", StringComparison.Ordinal) && line.EndsWith(" draft", StringComparison.Ordinal));
        Assert.Contains(text.Lines, line => line.StartsWith("  category", StringComparison.Ordinal) && line.EndsWith(" security-release", StringComparison.Ordinal));
        Assert.Contains("by alice <alice@example.com>", text.Out, StringComparison.Ordinal);
        foreach (var heading in new[] { "--- Title ---", "--- Body (Markdown) ---", "--- Email subject ---", "--- Email body ---", "--- Short text ---" })
        {
            Assert.Contains(heading, text.Lines);
        }
        Assert.Contains("Security release: GitLab 18.4.1", text.Lines);
        json.AssertSucceeded();
        var view = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal("draft", view.GetProperty("status").GetString());
        Assert.Equal("Security release: GitLab 18.4.1", view.GetProperty("revision").GetProperty("content").GetProperty("emailSubject").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Problems_from_the_API_are_one_line_on_stderr(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);

        var badToken = await Cli.RunAsync(app, "scm_not-a-real-token", "communications", "list");
        var missing = await Cli.RunAsync(app, alice.Token, "communications", "show", Guid.Empty.ToString());
        var badCategory = await Cli.RunAsync(app, alice.Token, "communications", "list", "--category", "gossip");

        badToken.AssertFailed(ExitCodes.Refused, "error: Authentication required: The access token is not valid.");
        Assert.Empty(badToken.Out);
        missing.AssertFailed(ExitCodes.Refused, $"error: Not found: There is no communication {Guid.Empty}.");
        badCategory.AssertFailed(ExitCodes.Refused, "error: The request is not valid: Unknown category 'gossip'");
    }

    [Fact]
    public async Task Show_explains_what_an_id_looks_like()
    {
        var result = await Cli.RunAsync(["communications", "show", "SC-1", "--token", "scm_x"]);

        result.AssertFailed(ExitCodes.Usage, "'SC-1' is not a communication id");
    }

    [Fact]
    public async Task A_missing_token_is_a_usage_error_that_says_where_to_put_one()
    {
        var result = await Cli.RunAsync(["communications", "list"]);

        result.AssertFailed(ExitCodes.Usage, "pass --token or set SECCOMMS_TOKEN");
    }

    [Fact]
    public async Task The_token_and_url_come_from_the_environment_when_not_given()
    {
        var result = await Cli.RunAsync(["communications", "list"], variables: new Dictionary<string, string?>
        {
            ["SECCOMMS_URL"] = "http://127.0.0.1:1",
            ["SECCOMMS_TOKEN"] = "scm_from-environment",
        });

        result.AssertFailed(ExitCodes.Unavailable, "cannot reach the SecComms API at http://127.0.0.1:1/");
    }

    private static async Task<Guid> CreateAsync(TestUser user, string category, string title)
    {
        var response = await user.Client.PostAsJsonAsync("/api/v1/communications", new { category, title, content = WrittenContent.For(title) });
        var created = await response.JsonAsync(System.Net.HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    private static IEnumerable<string> References(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("reference").GetString() ?? "");
}
