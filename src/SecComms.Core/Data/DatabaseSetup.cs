using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace SecComms.Core.Data;

public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "SecComms.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "SecComms.Migrations.Postgres";

    public static IServiceCollection AddSecCommsDatabase(this IServiceCollection services, DatabaseOptions options) =>
        services.AddDbContext<SecCommsDb>(builder => Configure(builder, options));

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        switch (options.Provider.ToLowerInvariant())
        {
            case DatabaseOptions.Sqlite:
                EnsureSqliteFolder(options.ConnectionString);
                // Some SQLite migrations rebuild tables with foreign keys off, which cannot run inside their transaction;
                // MigrateAsync copies the file first whenever there is data to lose, so EF's warning about it is settled.
                return builder.UseSqlite(options.ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
                    .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug)));
            case DatabaseOptions.Postgres:
                return builder.UseNpgsql(options.ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
            default:
                throw new InvalidOperationException(
                    $"Database:Provider must be '{DatabaseOptions.Sqlite}' or '{DatabaseOptions.Postgres}', not '{options.Provider}'.");
        }
    }

    public static SecCommsDb CreateContext(DatabaseOptions options)
    {
        var builder = new DbContextOptionsBuilder<SecCommsDb>();
        Configure(builder, options);
        return new SecCommsDb(builder.Options);
    }

    /// <summary>
    /// Applies pending migrations; on SQLite also switches the file to write-ahead logging so readers never wait. Before
    /// migrating a SQLite database that already holds data, it copies it beside itself, because a migration that rebuilds
    /// a table cannot be rolled back if the process stops halfway: the copy is what to restore. Returns the copy's path.
    /// </summary>
    public static async Task<string?> MigrateAsync(SecCommsDb db, CancellationToken cancellationToken = default)
    {
        var backup = db.Database.IsSqlite() ? await BackUpBeforeMigratingAsync(db, cancellationToken) : null;
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        return backup;
    }

    private static async Task<string?> BackUpBeforeMigratingAsync(SecCommsDb db, CancellationToken cancellationToken)
    {
        var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || !File.Exists(dataSource)
            || !(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any()
            || !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return null;
        }
        var last = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Last();
        var backup = Path.GetFullPath($"{dataSource}.before-migrating-from-{last}");
        File.Delete(backup);
        // VACUUM INTO writes a consistent copy, write-ahead log included, while the file stays open.
        await db.Database.ExecuteSqlAsync($"VACUUM INTO {backup}", cancellationToken);
        return backup;
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(dataSource) && dataSource != ":memory:" && folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
    }
}
