using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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
                return builder.UseSqlite(options.ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
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

    /// <summary>Applies pending migrations; on SQLite also switches the file to write-ahead logging so readers never wait.</summary>
    public static async Task MigrateAsync(SecCommsDb db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
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
