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
        Assert.Matches("^Audit chain valid: 2 events, last hash [0-9a-f]{64}$", intact.LastLine);
        Assert.Equal(ExitCodes.AuditChainBroken, tampered.ExitCode);
        Assert.Equal("Audit chain BROKEN at event 1: Event 1 was altered: its content does not match its hash.", tampered.LastLine);
        Assert.Equal(ExitCodes.AuditChainBroken, tamperedJson.ExitCode);
        var report = JsonDocument.Parse(tamperedJson.Out).RootElement;
        Assert.False(report.GetProperty("valid").GetBoolean());
        Assert.Equal(1, report.GetProperty("firstBrokenSeq").GetInt64());
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
