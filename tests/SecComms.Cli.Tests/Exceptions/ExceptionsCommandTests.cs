using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Exceptions;

public sealed class ExceptionsCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_exception_is_requested_approved_extended_and_revoked_from_the_command_line(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (lee, sam, release) = await SetUpAsync(app);

        var requested = await Cli.RunAsync(app, lee.Token, [.. Request(), "--communication", release, "--gate", "fix-released", "--gate", "embargo-passed"]);
        requested.AssertSucceeded();
        Assert.Matches("^EX-1: requested for 30 days \\(risk high\\); it waits for an approver\\. Id: [0-9a-f-]{36}$", requested.LastLine);
        var id = requested.LastLine[^36..];

        var approved = await Cli.RunAsync(app, sam.Token, "exceptions", "approve", id, "--comment", "Until the release ships.");
        var shown = await Cli.RunAsync(app, lee.Token, "exceptions", "show", id);
        var extended = await Cli.RunAsync(app, lee.Token, [.. Extend(id)]);
        var listed = await Cli.RunAsync(app, sam.Token, "exceptions", "list");
        var revoked = await Cli.RunAsync(app, sam.Token, "exceptions", "revoke", id, "--reason", "The fix shipped early.", "--json");

        approved.AssertSucceeded();
        Assert.Equal($"EX-1: approved; in force until {app.Time.GetUtcNow().AddDays(30):yyyy-MM-dd HH:mm} UTC.", approved.LastLine);
        shown.AssertSucceeded();
        Assert.Equal("EX-1: Disclosure only after the fix is released", shown.Lines[0]);
        Assert.Contains(shown.Lines, l => l.StartsWith("  status", StringComparison.Ordinal) && l.EndsWith(" approved (in force)", StringComparison.Ordinal));
        Assert.Contains(shown.Lines, l => l.StartsWith("  gates", StringComparison.Ordinal) && l.EndsWith(" fix-released, embargo-passed", StringComparison.Ordinal));
        Assert.Contains(shown.Lines, l => l.StartsWith("  communication", StringComparison.Ordinal) && l.Contains("SC-1 Release", StringComparison.Ordinal));
        Assert.Contains(shown.Lines, l => l.StartsWith("  decided", StringComparison.Ordinal) && l.EndsWith("by sam <sam@example.com>: Until the release ships.", StringComparison.Ordinal));
        Assert.Contains("--- Compensating controls ---", shown.Out, StringComparison.Ordinal);
        extended.AssertSucceeded();
        Assert.Matches("^EX-2: requested to extend EX-1 for 20 days \\(risk medium\\); it waits for an approver\\. Id: ", extended.LastLine);
        listed.AssertSucceeded();
        Assert.Matches("^REFERENCE +STATUS +RISK +EXPIRES +COMMUNICATION +RULE +ID$", listed.Lines[0]);
        Assert.Matches("^EX-2 +requested +medium +20 days once approved +SC-1 +Disclosure only after the fix is released +[0-9a-f-]{36}$", listed.Lines[1]);
        Assert.Matches("^EX-1 +approved +high +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC +SC-1 +Disclosure", listed.Lines[2]);
        revoked.AssertSucceeded();
        var json = JsonDocument.Parse(revoked.Out).RootElement;
        Assert.Equal("revoked", json.GetProperty("status").GetString());
        Assert.Equal("The fix shipped early.", json.GetProperty("revocationReason").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task List_filters_and_pages_and_json_keeps_the_api_shape(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (lee, sam, release) = await SetUpAsync(app);
        foreach (var risk in new[] { "low", "critical", "low" })
        {
            (await Cli.RunAsync(app, lee.Token, [.. Request(risk)])).AssertSucceeded();
        }
        (await Cli.RunAsync(app, sam.Token, [.. Request("critical"), "--communication", release])).AssertSucceeded();

        var firstPage = await Cli.RunAsync(app, lee.Token, "exceptions", "list", "--limit", "3");
        var everything = await Cli.RunAsync(app, lee.Token, "exceptions", "list", "--limit", "3", "--all", "--json");
        var filtered = await Cli.RunAsync(app, lee.Token, "exceptions", "list", "--mine", "--risk", "critical", "--status", "requested", "--json");
        var forRelease = await Cli.RunAsync(app, lee.Token, "exceptions", "list", "--communication", release, "--json");
        var none = await Cli.RunAsync(app, lee.Token, "exceptions", "list", "--expiring-within", "14");

        firstPage.AssertSucceeded();
        Assert.StartsWith("More exceptions follow: add --all, or --cursor ", firstPage.LastLine, StringComparison.Ordinal);
        Assert.Equal(["EX-4", "EX-3", "EX-2", "EX-1"], References(everything));
        Assert.Equal(["EX-2"], References(filtered));
        Assert.Equal(["EX-4"], References(forRelease));
        Assert.Equal("No exceptions match.", none.LastLine);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Refusals_are_one_line_on_stderr_with_the_exit_code_and_change_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (lee, sam, _) = await SetUpAsync(app);
        var requested = await Cli.RunAsync(app, lee.Token, [.. Request()]);
        var id = requested.LastLine[^36..];

        var tooLong = await Cli.RunAsync(app, lee.Token, [.. Request(days: "120")]);
        var outsider = await Cli.RunAsync(app, lee.Token, "exceptions", "approve", id);
        var noReason = await Cli.RunAsync(app, sam.Token, "exceptions", "reject", id);
        var missingCase = await Cli.RunAsync(app, lee.Token, "exceptions", "request", "--rule", "x");
        var badId = await Cli.RunAsync(app, sam.Token, "exceptions", "show", "EX-1");
        var badCommunication = await Cli.RunAsync(app, lee.Token, [.. Request(), "--communication", "SC-1"]);
        var unknown = await Cli.RunAsync(app, sam.Token, "exceptions", "show", Guid.NewGuid().ToString());
        var rejected = await Cli.RunAsync(app, sam.Token, "exceptions", "reject", id, "--reason", "Publish a mitigation post instead.");
        var twice = await Cli.RunAsync(app, sam.Token, "exceptions", "approve", id);

        tooLong.AssertFailed(ExitCodes.Refused, "periodDays may be at most 90");
        outsider.AssertFailed(ExitCodes.Refused, "Forbidden: Only a member of an exception approver team (security) may approve a policy exception");
        noReason.AssertFailed(ExitCodes.Usage, "--reason");
        missingCase.AssertFailed(ExitCodes.Usage, "--justification");
        badId.AssertFailed(ExitCodes.Usage, "'EX-1' is not an exception id");
        badCommunication.AssertFailed(ExitCodes.Usage, "--communication must be a communication id, not 'SC-1'.");
        unknown.AssertFailed(ExitCodes.Refused, "There is no policy exception");
        rejected.AssertSucceeded();
        Assert.Equal("EX-1: rejected; not in force.", rejected.LastLine);
        twice.AssertFailed(ExitCodes.Refused, "Only a requested exception can be approved; EX-1 is rejected.");
        var page = await lee.Client.GetFromJsonAsync<JsonElement>("/api/v1/exceptions");
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
    }

    private static string[] Request(string risk = "high", string days = "30") =>
    [
        "exceptions", "request",
        "--rule", "Disclosure only after the fix is released",
        "--justification", "Exploited in the wild; customers need the mitigation now.",
        "--alternatives-considered", "Waiting eight days for the release.",
        "--compensating-controls", "Mitigation only, no exploit details.",
        "--risk", risk,
        "--period-days", days,
    ];

    private static string[] Extend(string id) =>
    [
        "exceptions", "extend", id,
        "--justification", "The release slipped.",
        "--alternatives-considered", "None.",
        "--compensating-controls", "As before.",
        "--risk", "medium",
        "--period-days", "20",
    ];

    /// <summary>lee (legal) requests; sam (security) approves; a public release both can see.</summary>
    private static async Task<(TestUser Lee, TestUser Sam, string Release)> SetUpAsync(SecCommsApp app)
    {
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var created = await (await sam.Client.PostAsJsonAsync("/api/v1/communications", new { category = "security-release", title = "Release", content = WrittenContent.For("Release") }))
            .JsonAsync(HttpStatusCode.Created);
        return (lee, sam, created.GetProperty("id").GetString() ?? "");
    }

    private static string[] References(CliResult result)
    {
        result.AssertSucceeded();
        return [.. JsonDocument.Parse(result.Out).RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("reference").GetString() ?? "")];
    }
}
