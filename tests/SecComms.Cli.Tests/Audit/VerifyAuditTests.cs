using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Audit;

public sealed class VerifyAuditTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_intact_chain_verifies_and_a_tampered_event_is_named(string provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        (await Cli.RunAsync(database, "users", "add", "--email", "ada@example.com", "--name", "Ada", "--team", "security", "--token"))
            .AssertSucceeded();

        var intact = await Cli.RunAsync(database, "audit", "verify");
        await database.ExecuteSqlAsync("""UPDATE audit_events SET "Data" = '{}' WHERE "Seq" = 1""");
        var tampered = await Cli.RunAsync(database, "audit", "verify");
        var tamperedJson = await Cli.RunAsync(database, "audit", "verify", "--json");

        intact.AssertSucceeded();
        Assert.Matches("^Audit chain valid: 2 events, head 2:[0-9a-f]{64}$", intact.LastLine);
        Assert.Equal(ExitCodes.AuditChainBroken, tampered.ExitCode);
        Assert.Equal("Audit chain BROKEN at event 1: Event 1 was altered: its content does not match its hash.", tampered.LastLine);
        Assert.Equal(ExitCodes.AuditChainBroken, tamperedJson.ExitCode);
        var report = JsonDocument.Parse(tamperedJson.Out).RootElement;
        Assert.False(report.GetProperty("valid").GetBoolean());
        Assert.Equal(1, report.GetProperty("firstBrokenSeq").GetInt64());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cutting_the_newest_events_fails_verify_against_the_head_printed_before_while_plain_verify_passes(string provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        foreach (var email in new[] { "ada@example.com", "bo@example.com" })
        {
            (await Cli.RunAsync(database, "users", "add", "--email", email, "--name", "Someone", "--team", "security", "--token")).AssertSucceeded();
        }
        var printed = await Cli.RunAsync(database, "audit", "head");
        printed.AssertSucceeded();
        Assert.Matches("^4:[0-9a-f]{64}$", printed.LastLine);
        var head = printed.LastLine;
        var intact = await Cli.RunAsync(database, "audit", "verify", "--expect", head);
        intact.AssertSucceeded();
        Assert.Equal($"Audit chain valid: 4 events, head {head}; the anchor {head} matches.", intact.LastLine);

        await database.ExecuteSqlAsync("""DELETE FROM audit_events WHERE "Seq" >= 3""");
        var plain = await Cli.RunAsync(database, "audit", "verify");
        var anchored = await Cli.RunAsync(database, "audit", "verify", "--expect", head);
        var anchoredJson = await Cli.RunAsync(database, "audit", "verify", "--expect", head, "--json");

        plain.AssertSucceeded();
        Assert.StartsWith("Audit chain valid: 2 events", plain.LastLine, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.AuditChainBroken, anchored.ExitCode);
        Assert.Equal($"Audit chain CUT SHORT: Event 4 of the anchor {head} is missing: the chain ends at event 2. Events were removed from the end.",
            anchored.LastLine);
        Assert.Equal(ExitCodes.AuditChainBroken, anchoredJson.ExitCode);
        var report = JsonDocument.Parse(anchoredJson.Out).RootElement;
        Assert.False(report.GetProperty("valid").GetBoolean());
        Assert.Equal("missing", report.GetProperty("anchor").GetProperty("outcome").GetString());

        (await Cli.RunAsync(database, "users", "add", "--email", "cy@example.com", "--name", "Cy", "--team", "security", "--token")).AssertSucceeded();
        var rewritten = await Cli.RunAsync(database, "audit", "verify", "--expect", head);
        Assert.Equal(ExitCodes.AuditChainBroken, rewritten.ExitCode);
        Assert.StartsWith("Audit chain BROKEN at event 4: Event 4 has hash ", rewritten.LastLine, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_expected_head_that_is_not_SEQ_colon_HASH_is_a_usage_error_and_an_empty_trail_has_no_head(string provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);

        var malformed = await Cli.RunAsync(database, "audit", "verify", "--expect", "4:not-a-hash");
        var noHead = await Cli.RunAsync(database, "audit", "head");

        malformed.AssertFailed(ExitCodes.Usage, "--expect must be SEQ:HASH, the sequence number and the 64 hex digits of its hash");
        Assert.Contains("not '4:not-a-hash'", malformed.Error, StringComparison.Ordinal);
        noHead.AssertFailed(ExitCodes.Refused, "the audit trail is empty: there is no head to anchor yet.");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_empty_trail_is_valid(string provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);

        var result = await Cli.RunAsync(database, "audit", "verify");

        result.AssertSucceeded();
        Assert.Equal("Audit chain valid: 0 events (the trail is empty).", result.LastLine);
    }
}
