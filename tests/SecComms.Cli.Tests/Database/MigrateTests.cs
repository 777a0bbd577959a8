using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Database;

public sealed class MigrateTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_applies_every_migration_to_an_empty_database_and_then_reports_it_is_up_to_date(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var first = await Cli.RunAsync(database, "db", "migrate");
        var second = await Cli.RunAsync(database, "db", "migrate");
        var asJson = await Cli.RunAsync(database, "db", "migrate", "--json");

        first.AssertSucceeded();
        await using var db = database.CreateContext();
        var migrations = db.Database.GetMigrations().ToList();
        Assert.Contains($"Applied {migrations.Count} migration(s):", first.Out, StringComparison.Ordinal);
        Assert.All(migrations, m => Assert.Contains(m, first.Out, StringComparison.Ordinal));
        second.AssertSucceeded();
        Assert.Contains("up to date", second.Out, StringComparison.Ordinal);
        asJson.AssertSucceeded();
        var report = JsonDocument.Parse(asJson.Out).RootElement;
        Assert.Equal(provider, report.GetProperty("provider").GetString());
        Assert.Equal(0, report.GetProperty("applied").GetArrayLength());
    }

    [Fact]
    public async Task The_printed_database_never_shows_its_password()
    {
        var result = await Cli.RunAsync(["db", "migrate", "--provider", "postgres",
            "--connection", "Host=127.0.0.1;Port=1;Database=nowhere;Username=u;Password=hunter2;Timeout=2"]);

        result.AssertFailed(ExitCodes.Unavailable, "database error");
        Assert.DoesNotContain("hunter2", result.Out + result.Error, StringComparison.Ordinal);
    }
}
