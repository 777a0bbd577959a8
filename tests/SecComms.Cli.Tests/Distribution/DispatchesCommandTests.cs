using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Distribution;

/// <remarks>A test send goes to the communication's approvers (alice and sam, security), personalized for its first recipient, Ada at Acme Corp.</remarks>
public sealed class DispatchesCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_test_send_is_watched_to_the_end_listed_shown_and_reported_per_organization(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (alice, _) = await Customers.NoticeToEnterpriseEuAsync(app);
        var csv = Path.Combine(Directory.CreateTempSubdirectory("seccomms-deliveries-").FullName, "deliveries.csv");

        var sent = await Cli.RunAsync(app, alice.Token, "communications", "test-send", "SC-1");
        var id = sent.Lines[0][^36..];
        var result = await Customers.SendDueAsync(app);
        var watched = await Cli.RunAsync(app, alice.Token, "dispatches", "watch", id);
        var listed = await Cli.RunAsync(app, alice.Token, "dispatch", "list", "SC-1");
        var shown = await Cli.RunAsync(app, alice.Token, "dispatch", "show", id);
        var report = await Cli.RunAsync(app, alice.Token, "dispatches", "report", id, "--csv", csv);
        using var terminal = new StringWriter();
        var interactive = await CliApp.RunAsync(["dispatches", "watch", id, "--url", "http://localhost", "--token", alice.Token],
            new CliHost(terminal, TextWriter.Null, TextReader.Null, new Dictionary<string, string?>(), Cli.EmptyFolder, app.Server.CreateHandler(), Interactive: true));

        sent.AssertSucceeded();
        Assert.Matches("^SC-1: test send of revision 1 queued to 2 recipients\\. Dispatch: [0-9a-f-]{36}$", sent.Lines[0]);
        Assert.Equal($"Follow it with `seccomms dispatches watch {id}`.", sent.LastLine);
        Assert.Equal(2, result.Sent);
        Assert.Equal(2, Directory.GetFiles(app.MailFolder, "*.eml").Length);

        watched.AssertSucceeded();
        Assert.Equal(
        [
            "SC-1 test: 2 of 2 done (100%); queued 0, deferred 0, sent 2, failed 0.",
            "SC-1 test to the approvers of SC-1: complete at 2026-11-02 09:00 UTC.",
            "Sent 2 of 2, failed 0.",
        ], watched.Lines);
        Assert.Equal(ExitCodes.Success, interactive);
        Assert.Contains("SC-1 test: queued 0, deferred 0, sent 2, failed 0", terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains("\u001b[", terminal.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("SC-1 test to the approvers of SC-1: complete at 2026-11-02 09:00 UTC.\nSent 2 of 2, failed 0.", terminal.ToString().TrimEnd(),
            StringComparison.Ordinal);
        listed.AssertSucceeded();
        Assert.Matches("^ID +KIND +REVISION +CREATED +RECIPIENTS +SENT +FAILED +PENDING +STATE$", listed.Lines[0]);
        Assert.Matches($"^{id} +test +1 +2026-11-02 09:00 UTC +2 +2 +0 +0 +complete$", listed.Lines[1]);
        shown.AssertSucceeded();
        Assert.Equal($"Dispatch {id}", shown.Lines[0]);
        Assert.Matches("(?m)^  kind +test \\(emergency: not rate limited\\)$", shown.Out);
        Assert.Matches("(?m)^  progress +100%; queued 0, deferred 0, sent 2, failed 0$", shown.Out);
        Assert.Matches("(?m)^  last error +-$", shown.Out);

        report.AssertSucceeded();
        Assert.Equal("SC-1 test to the approvers of SC-1: 0 organizations, 0 reached, 0 acknowledged.", report.Lines[0]);
        Assert.Equal("A test send goes to the approvers, not to customers.", report.Lines[1]);
        Assert.StartsWith($"Wrote every recipient's outcome to {csv} (", report.LastLine, StringComparison.Ordinal);
        var rows = await File.ReadAllLinesAsync(csv);
        Assert.Equal("email,name,organization,status,attempts,sent_at,acknowledged_at,last_error", rows[0]);
        Assert.Equal(["alice@example.com", "sam@example.com"], rows.Skip(1).Select(r => r.Split(',')[0]).Order(StringComparer.Ordinal));
        Assert.All(rows.Skip(1), r => Assert.Contains(",Acme Corp,sent,1,", r, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Watch_with_json_prints_one_object_a_line_while_the_dispatch_runs_and_stops_when_it_is_complete(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (alice, _) = await Customers.NoticeToEnterpriseEuAsync(app);
        var sent = await Cli.RunAsync(app, alice.Token, "communications", "test-send", "SC-1", "--json");
        var id = JsonDocument.Parse(sent.Out).RootElement.GetProperty("id").GetString()!;
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        var host = new CliHost(synchronized, TextWriter.Null, TextReader.Null, new Dictionary<string, string?>(), Cli.EmptyFolder, app.Server.CreateHandler());

        var watching = CliApp.RunAsync(["dispatches", "watch", id, "--json", "--url", "http://localhost", "--token", alice.Token], host);
        // Send only once the watch has seen the dispatch queued.
        for (var waited = 0; !synchronized.ToString()!.Contains('\n', StringComparison.Ordinal) && waited < 200; waited++)
        {
            await Task.Delay(50);
        }
        await Customers.SendDueAsync(app);
        var exitCode = await watching.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.Success, exitCode);
        var looks = output.ToString().TrimEnd('\n').Split('\n').Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.True(looks.Count >= 2, output.ToString());
        Assert.Equal(2, looks[0].GetProperty("counts").GetProperty("queued").GetInt32());
        Assert.Equal(JsonValueKind.Null, looks[0].GetProperty("completedAt").ValueKind);
        Assert.All(looks, look => Assert.Equal(id, look.GetProperty("id").GetString()));
        Assert.Equal(2, looks[^1].GetProperty("counts").GetProperty("sent").GetInt32());
        Assert.Equal(1.0, looks[^1].GetProperty("progress").GetDouble());
        Assert.Equal("2026-11-02T09:00:00+00:00", looks[^1].GetProperty("completedAt").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_dispatch_that_fails_a_recipient_ends_the_watch_with_exit_code_5_and_the_relay_s_reason(string provider)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var app = await SecCommsApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Mail:Mode"] = "smtp",
            ["Mail:Host"] = "127.0.0.1",
            ["Mail:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Security"] = "none",
            // A temporary refusal is then final, so that the dispatch completes with a failure at once.
            ["Distribution:MaxAttempts"] = "1",
        });
        var (alice, _) = await Customers.NoticeToEnterpriseEuAsync(app);
        var sent = await Cli.RunAsync(app, alice.Token, "communications", "test-send", "SC-1");
        var id = sent.Lines[0][^36..];
        smtp.RefuseNext(1);
        await Customers.SendDueAsync(app);

        var watched = await Cli.RunAsync(app, alice.Token, "dispatches", "watch", id);
        var json = await Cli.RunAsync(app, alice.Token, "dispatches", "watch", id, "--json");
        var unreached = await Cli.RunAsync(app, alice.Token, "dispatches", "report", id, "--unreached");

        Assert.Single(smtp.Received);
        Assert.Equal(ExitCodes.Partial, watched.ExitCode);
        Assert.Equal("SC-1 test: 2 of 2 done (100%); queued 0, deferred 0, sent 1, failed 1.", watched.Lines[0]);
        Assert.Equal("Sent 1 of 2, failed 1.", watched.Lines[2]);
        Assert.StartsWith("Last error: 127.0.0.1 refused the message to the recipient: 451 ", watched.Lines[3], StringComparison.Ordinal);
        Assert.StartsWith($"1 recipients were not reached: `seccomms dispatches report {id} --unreached`", watched.LastLine, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Partial, json.ExitCode);
        Assert.Equal(1, JsonDocument.Parse(json.Out).RootElement.GetProperty("counts").GetProperty("failed").GetInt32());
        unreached.AssertSucceeded();
        Assert.Equal("A test send goes to the approvers, not to customers.", unreached.LastLine);
    }
}
