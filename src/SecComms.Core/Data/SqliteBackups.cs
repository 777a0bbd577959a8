using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Errors;

namespace SecComms.Core.Data;

/// <summary>A copy of the database, checked the way an auditor would: it opens, and its audit chain verifies.</summary>
/// <param name="Path">The copy's full path.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Audit">Its audit chain, verified in the copy itself.</param>
public sealed record BackupReport(string Path, long Bytes, AuditVerification Audit);

/// <summary>
/// Online backups of a SQLite database and their restoration. PostgreSQL is backed up with its own tools
/// (<c>pg_dump</c>, <c>pg_restore</c>), which these refuse to stand in for.
/// </summary>
public static class SqliteBackups
{
    /// <summary>
    /// Writes a consistent copy of <paramref name="db"/> to <paramref name="destination"/> while it stays in use, then
    /// opens the copy and verifies its audit chain; a copy that does not verify is deleted and refused.
    /// </summary>
    public static async Task<BackupReport> BackUpAsync(SecCommsDb db, string destination, CancellationToken cancellationToken)
    {
        RequireSqlite(db, "backup");
        var path = Path.GetFullPath(destination);
        if (File.Exists(path))
        {
            throw new ConflictException($"{path} already exists; name a new file, so no earlier backup is overwritten.");
        }
        if (Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder))
        {
            throw ValidationException.For("destination", $"the folder {folder} does not exist.");
        }
        // VACUUM INTO writes a consistent copy, write-ahead log included, while other connections read and write.
        await db.Database.ExecuteSqlAsync($"VACUUM INTO {path}", cancellationToken);
        var audit = await VerifyFileAsync(path, cancellationToken);
        if (!audit.Valid)
        {
            File.Delete(path);
            throw new ConflictException($"the copy's audit chain does not verify ({audit.Problem}); nothing was kept. Run `seccomms audit verify` on the database.");
        }
        return new BackupReport(path, new FileInfo(path).Length, audit);
    }

    /// <summary>
    /// Replaces <paramref name="target"/>'s content with the backup at <paramref name="source"/>, once the backup opens
    /// as a SecComms database no newer than this version and its audit chain verifies. A target that holds anything is
    /// replaced only when <paramref name="replace"/> says so. The server must be stopped: its open connections would
    /// keep reading what was there.
    /// </summary>
    public static async Task<BackupReport> RestoreAsync(string source, SecCommsDb target, bool replace, CancellationToken cancellationToken)
    {
        RequireSqlite(target, "restore");
        var path = Path.GetFullPath(source);
        if (!File.Exists(path))
        {
            throw ValidationException.For("backup", $"there is no file {path}.");
        }
        await RequireKnownSchemaAsync(path, target, cancellationToken);
        var audit = await VerifyFileAsync(path, cancellationToken);
        if (!audit.Valid)
        {
            throw new ConflictException($"the backup's audit chain does not verify ({audit.Problem}); the database was left as it was.");
        }
        if (!replace && await HoldsAnythingAsync(target, cancellationToken))
        {
            throw new ConflictException("the database holds data; pass --force to replace it with the backup (stop the server first).");
        }
        await using (var from = new SqliteConnection(ReadOnly(path)))
        {
            await from.OpenAsync(cancellationToken);
            var to = (SqliteConnection)target.Database.GetDbConnection();
            await target.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                from.BackupDatabase(to);
            }
            finally
            {
                await target.Database.CloseConnectionAsync();
            }
        }
        var restored = await new AuditVerifier(target).VerifyAsync(null, cancellationToken);
        var dataSource = new SqliteConnectionStringBuilder(target.Database.GetConnectionString()).DataSource;
        return new BackupReport(Path.GetFullPath(dataSource), new FileInfo(dataSource).Length, restored);
    }

    /// <summary>Opens the SQLite file at <paramref name="path"/> read-only and verifies its audit chain.</summary>
    public static async Task<AuditVerification> VerifyFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var copy = DatabaseSetup.CreateContext(new DatabaseOptions { Provider = DatabaseOptions.Sqlite, ConnectionString = ReadOnly(path) });
        return await new AuditVerifier(copy).VerifyAsync(null, cancellationToken);
    }

    private static async Task RequireKnownSchemaAsync(string path, SecCommsDb target, CancellationToken cancellationToken)
    {
        await using var backup = DatabaseSetup.CreateContext(new DatabaseOptions { Provider = DatabaseOptions.Sqlite, ConnectionString = ReadOnly(path) });
        IReadOnlyList<string> applied;
        try
        {
            applied = [.. await backup.Database.GetAppliedMigrationsAsync(cancellationToken)];
        }
        catch (SqliteException e)
        {
            throw ValidationException.For("backup", $"{path} is not a SQLite database SecComms can read ({e.SqliteErrorCode}: {e.Message.TrimEnd('.')}).");
        }
        if (applied.Count == 0)
        {
            throw ValidationException.For("backup", $"{path} is not a SecComms database: it has no schema migrations.");
        }
        var known = target.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        if (applied.FirstOrDefault(m => !known.Contains(m)) is { } newer)
        {
            throw new ConflictException($"the backup was made by a newer version of SecComms (migration {newer}); restore it with that version.");
        }
    }

    private static async Task<bool> HoldsAnythingAsync(SecCommsDb db, CancellationToken cancellationToken)
    {
        if (!(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any())
        {
            return false;
        }
        return await db.Users.AnyAsync(cancellationToken) || await db.AuditEvents.AnyAsync(cancellationToken);
    }

    private static void RequireSqlite(SecCommsDb db, string what)
    {
        if (!db.Database.IsSqlite())
        {
            throw new ConflictException(
                $"{what} works on a SQLite database; on PostgreSQL use pg_dump and pg_restore (see docs/operations.md).");
        }
    }

    private static string ReadOnly(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
}
