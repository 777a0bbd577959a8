using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SecComms.Core;
using SecComms.Core.Data;
using Xunit;

namespace SecComms.Testing;

/// <summary>
/// A fresh, real database for one test: a SQLite file in a temporary folder, or a new database on the PostgreSQL server
/// named by <c>SECCOMMS_TEST_POSTGRES</c>. Dropped when disposed. A migrated one is a copy of a template migrated once
/// per test run, which takes milliseconds where migrating from zero takes about a second.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "SECCOMMS_TEST_POSTGRES";

    private readonly string? _sqlitePath;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseOptions options, string? sqlitePath, string? postgresName)
    {
        Options = options;
        _sqlitePath = sqlitePath;
        _postgresName = postgresName;
    }

    public DatabaseOptions Options { get; }

    public string Provider => Options.Provider;

    /// <summary>
    /// The providers to run a provider-dependent test on (data access, locking, migrations, concurrency): SQLite always,
    /// PostgreSQL when a server is configured. A test whose behaviour cannot differ between them runs on SQLite only.
    /// </summary>
    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { DatabaseOptions.Sqlite };
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresVariable)))
            {
                data.Add(DatabaseOptions.Postgres);
            }
            return data;
        }
    }

    /// <summary>SQLite alone, for a test whose behaviour the database cannot change: pages, rules, validation, bad input.</summary>
    public static TheoryData<string> SqliteOnly => new() { DatabaseOptions.Sqlite };

    /// <summary>A database with every migration applied, as the web host and the CLI find it once set up.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync(string provider)
    {
        var template = await Templates.GetOrAdd(provider, CreateTemplateAsync);
        if (provider == DatabaseOptions.Sqlite)
        {
            var database = await CreateAsync(provider);
            File.Copy(template._sqlitePath!, database._sqlitePath!);
            return database;
        }
        return await CreatePostgresAsync($"TEMPLATE {template._postgresName}");
    }

    /// <summary>An empty database, with no table yet.</summary>
    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == DatabaseOptions.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("seccomms-test-").FullName;
            var path = Path.Combine(folder, "seccomms.db");
            return new TestDatabase(new DatabaseOptions { Provider = provider, ConnectionString = $"Data Source={path}" }, path, null);
        }
        return await CreatePostgresAsync("");
    }

    private static async Task<TestDatabase> CreatePostgresAsync(string clauses)
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable)
            ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
        var name = "seccomms_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} {clauses}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestDatabase(new DatabaseOptions { Provider = DatabaseOptions.Postgres, ConnectionString = connectionString }, null, name);
    }

    private static readonly ConcurrentDictionary<string, Task<TestDatabase>> Templates = new();

    /// <remarks>
    /// Kept for the whole test run, and dropped when the process exits. Its pooled connections are closed after migrating:
    /// PostgreSQL copies a database only while nobody is connected to it, and SQLite's last connection folds the
    /// write-ahead log into the file that is copied.
    /// </remarks>
    private static async Task<TestDatabase> CreateTemplateAsync(string provider)
    {
        var template = await CreateAsync(provider);
        await template.MigrateAsync();
        if (template._sqlitePath is not null)
        {
            await template.ExecuteSqlAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            SqliteConnection.ClearAllPools();
        }
        else
        {
            using var connection = new NpgsqlConnection(template.Options.ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return template;
    }

    public SecCommsDb CreateContext() => DatabaseSetup.CreateContext(Options);

    /// <summary>The Core services on this database, without a web host, as the CLI and background work use them.</summary>
    /// <param name="settings">Further configuration, such as the <c>Mail</c> section.</param>
    /// <param name="time">The clock, instead of the system's.</param>
    public ServiceProvider CreateServices(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Options.Provider,
            ["Database:ConnectionString"] = Options.ConnectionString,
            ["SecComms:BaseUrl"] = "http://localhost",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection().AddLogging().AddSecCommsCore(configuration)
            .Configure<PasswordHasherOptions>(SecCommsApp.CheapPasswordHashes);
        if (time is not null)
        {
            services.AddSingleton(time);
        }
        return services.BuildServiceProvider(validateScopes: true);
    }

    public async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await DatabaseSetup.MigrateAsync(db);
    }

    /// <summary>Runs raw SQL, as an attacker with database access would, bypassing every rule of the application.</summary>
    public async Task<int> ExecuteSqlAsync(string sql)
    {
        await using var db = CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(_sqlitePath)!, recursive: true);
        }
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
