using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Incidents;

public sealed class ListPagingCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_list_shows_a_page_says_how_to_see_more_and_follows_every_page_with_all(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        for (var i = 1; i <= 5; i++)
        {
            (await Cli.RunAsync(app, sam.Token, "incidents", "open", "--title", $"Incident number {i}", "--kind", "breach", "--severity", "s3",
                "--became-aware", "2026-11-02T08:30:00Z", "--personal-data", "false")).AssertSucceeded();
        }

        var first = await Cli.RunAsync(app, sam.Token, "incidents", "list", "--limit", "2");
        var next = await Cli.RunAsync(app, sam.Token, "incidents", "list", "--limit", "2", "--cursor", "4");
        var all = await Cli.RunAsync(app, sam.Token, "incidents", "list", "--limit", "2", "--all", "--json");
        var oldest = await Cli.RunAsync(app, sam.Token, "incidents", "show", "INC-1");
        var missing = await Cli.RunAsync(app, sam.Token, "incidents", "show", "INC-9");
        var badCursor = await Cli.RunAsync(app, sam.Token, "incidents", "list", "--cursor", "abc");

        first.AssertSucceeded();
        Assert.Matches("(?m)^INC-5 ", first.Out);
        Assert.Matches("(?m)^INC-4 ", first.Out);
        Assert.DoesNotMatch("(?m)^INC-3 ", first.Out);
        Assert.Equal("More incidents follow: add --all, or --cursor 4 for the next page.", first.LastLine);
        next.AssertSucceeded();
        Assert.Matches("(?m)^INC-3 ", next.Out);
        Assert.Matches("(?m)^INC-2 ", next.Out);
        all.AssertSucceeded();
        using (var json = JsonDocument.Parse(all.Out))
        {
            Assert.Equal(["INC-5", "INC-4", "INC-3", "INC-2", "INC-1"],
                json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString()));
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("nextCursor").ValueKind);
        }
        oldest.AssertSucceeded();
        Assert.Equal("INC-1: Incident number 1", oldest.Lines[0]);
        missing.AssertFailed(1, "no incident INC-9 among the ones you may see");
        badCursor.AssertFailed(1, "cursor is not one this API returned");
    }
}
