using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// The fixtures as built, kept as a copy of the app's SQLite file. Before each state-changing call the app's file is
/// replaced by that copy, so every call starts from the same records however the one before it ended, and what a call
/// changed is read by comparing every table with the copy.
/// </summary>
/// <remarks>
/// The app keeps running: its pooled connections are closed first, so the next request opens the restored file. The
/// background services wait on the test's clock, which the matrix never moves, so none holds the file meanwhile. The
/// database is in write-ahead-log mode, and a restored file starts with no log: while the log stays empty and the file
/// keeps the time it was restored at (a checkpoint, when the last connection closes, moves the log into the file)
/// nothing was committed, so the file is still the fixtures as built and needs neither restoring nor comparing.
/// </remarks>
public sealed class FreshFixtures
{
    private readonly string _connectionString;
    private readonly string _live;
    private readonly string _frozen;
    private readonly Dictionary<string, string> _tables;
    private DateTime _restoredAt;

    private FreshFixtures(string connectionString, string live, Dictionary<string, string> tables)
    {
        _connectionString = connectionString;
        _live = live;
        _frozen = live + ".fixtures";
        _tables = tables;
    }

    /// <summary>Keeps the records the app's database holds now as the fixtures every later call starts from.</summary>
    public static async Task<FreshFixtures> FreezeAsync(string connectionString)
    {
        var live = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var fixtures = new FreshFixtures(connectionString, live, await ReadTablesAsync(connectionString));
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }
        CloseConnections(connectionString);
        File.Copy(live, fixtures._frozen, overwrite: true);
        fixtures._restoredAt = File.GetLastWriteTimeUtc(live);
        return fixtures;
    }

    /// <summary>Puts the fixtures back, as built, under the running app.</summary>
    public void Restore()
    {
        if (!Written)
        {
            return;
        }
        CloseConnections(_connectionString);
        File.Delete(_live + "-wal");
        File.Delete(_live + "-shm");
        File.Copy(_frozen, _live, overwrite: true);
        _restoredAt = File.GetLastWriteTimeUtc(_live);
    }

    /// <summary>The tables whose rows differ from the fixtures', by name.</summary>
    public async Task<IReadOnlyList<string>> ChangedTablesAsync()
    {
        if (!Written)
        {
            return [];
        }
        var now = await ReadTablesAsync(_connectionString);
        return [.. now.Keys.Union(_tables.Keys).Where(t => now.GetValueOrDefault(t) != _tables.GetValueOrDefault(t)).Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether anything was committed since the fixtures were restored: in the write-ahead log, or checkpointed into the file.</summary>
    private bool Written => new FileInfo(_live + "-wal") is { Exists: true, Length: > 0 } || File.GetLastWriteTimeUtc(_live) != _restoredAt;

    private static void CloseConnections(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>A hash of every row of every table, in row order.</summary>
    private static async Task<Dictionary<string, string>> ReadTablesAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }
        var tables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT * FROM \"{name}\" ORDER BY rowid";
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i) switch
                    {
                        byte[] bytes => Convert.ToHexString(bytes),
                        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
                    };
                    hash.AppendData(Encoding.UTF8.GetBytes(value + "\u001f"));
                }
                hash.AppendData("\u001e"u8);
            }
            tables[name] = Convert.ToHexString(hash.GetHashAndReset());
        }
        return tables;
    }
}
