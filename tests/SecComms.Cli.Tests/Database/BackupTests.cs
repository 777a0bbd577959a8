using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Data;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Database;

public sealed class BackupTests
{
    [Fact]
    public async Task A_backup_taken_while_in_use_restores_into_a_fresh_database_whose_chain_verifies()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseOptions.Sqlite);
        (await Cli.RunAsync(database, "users", "add", "--email", "ada@example.com", "--name", "Ada", "--team", "security", "--token")).AssertSucceeded();
        var head = (await Cli.RunAsync(database, "audit", "head")).LastLine;
        var file = Path.Combine(Directory.CreateTempSubdirectory("seccomms-backup-").FullName, "seccomms-backup.db");

        var backup = await Cli.RunAsync(database, "backup", file);
        var again = await Cli.RunAsync(database, "backup", file);
        await using var fresh = await TestDatabase.CreateAsync(DatabaseOptions.Sqlite);
        var restored = await Cli.RunAsync(fresh, "restore", file, "--json");
        var verified = await Cli.RunAsync(fresh, "audit", "verify", "--expect", head);
        var users = await Cli.RunAsync(fresh, "users", "add", "--email", "bo@example.com", "--name", "Bo", "--team", "security");

        backup.AssertSucceeded();
        Assert.Matches($"^The copy opens and its audit chain verifies: 2 events, head {head}\\.$", backup.LastLine);
        again.AssertFailed(ExitCodes.Refused, "already exists; name a new file");
        restored.AssertSucceeded();
        using (var report = JsonDocument.Parse(restored.Out))
        {
            Assert.True(report.RootElement.GetProperty("audit").GetProperty("valid").GetBoolean());
            Assert.Equal(2, report.RootElement.GetProperty("audit").GetProperty("eventCount").GetInt64());
        }
        verified.AssertSucceeded();
        users.AssertSucceeded();
    }

    [Fact]
    public async Task A_restore_refuses_a_tampered_backup_a_foreign_file_and_a_database_in_use_and_changes_nothing()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseOptions.Sqlite);
        (await Cli.RunAsync(database, "users", "add", "--email", "ada@example.com", "--name", "Ada", "--team", "security")).AssertSucceeded();
        var folder = Directory.CreateTempSubdirectory("seccomms-backup-").FullName;
        var good = Path.Combine(folder, "good.db");
        (await Cli.RunAsync(database, "backup", good)).AssertSucceeded();
        var tampered = Path.Combine(folder, "tampered.db");
        File.Copy(good, tampered);
        await using (var copy = DatabaseSetup.CreateContext(new DatabaseOptions { ConnectionString = $"Data Source={tampered};Pooling=False" }))
        {
            await copy.Database.ExecuteSqlRawAsync("""UPDATE audit_events SET "Actor" = 'mallory@example.com' WHERE "Seq" = 1""");
        }
        var foreign = Path.Combine(folder, "notes.txt");
        await File.WriteAllTextAsync(foreign, "not a database");
        await using var other = await TestDatabase.CreateMigratedAsync(DatabaseOptions.Sqlite);
        (await Cli.RunAsync(other, "users", "add", "--email", "cy@example.com", "--name", "Cy", "--team", "legal")).AssertSucceeded();
        var before = (await Cli.RunAsync(other, "audit", "head")).LastLine;

        var fromTampered = await Cli.RunAsync(other, "restore", tampered, "--force");
        var fromForeign = await Cli.RunAsync(other, "restore", foreign, "--force");
        var fromNowhere = await Cli.RunAsync(other, "restore", Path.Combine(folder, "missing.db"));
        var overData = await Cli.RunAsync(other, "restore", good);

        fromTampered.AssertFailed(ExitCodes.Refused, "the backup's audit chain does not verify");
        fromForeign.AssertFailed(ExitCodes.Refused, "is not a SQLite database SecComms can read");
        fromNowhere.AssertFailed(ExitCodes.Refused, "there is no file");
        overData.AssertFailed(ExitCodes.Refused, "the database holds data; pass --force");
        Assert.Equal(before, (await Cli.RunAsync(other, "audit", "head")).LastLine);
        (await Cli.RunAsync(other, "audit", "verify")).AssertSucceeded();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Backup_copies_a_sqlite_file_and_points_postgresql_to_pg_dump(string provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var file = Path.Combine(Directory.CreateTempSubdirectory("seccomms-backup-").FullName, "copy.db");

        var backup = await Cli.RunAsync(database, "backup", file);

        if (provider == DatabaseOptions.Postgres)
        {
            backup.AssertFailed(ExitCodes.Refused, "on PostgreSQL use pg_dump and pg_restore");
            Assert.False(File.Exists(file));
        }
        else
        {
            backup.AssertSucceeded();
            Assert.True(File.Exists(file));
        }
    }
}
