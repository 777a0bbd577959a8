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
/// named by <c>SECCOMMS_TEST_POSTGRES</c>. Dropped when disposed.
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

    /// <summary>The providers to run database tests on: SQLite always, PostgreSQL when a server is configured.</summary>
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

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == DatabaseOptions.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("seccomms-test-").FullName;
            var path = Path.Combine(folder, "seccomms.db");
            return new TestDatabase(new DatabaseOptions { Provider = provider, ConnectionString = $"Data Source={path}" }, path, null);
        }
        var server = Environment.GetEnvironmentVariable(PostgresVariable)
            ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
        var name = "seccomms_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestDatabase(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }, null, name);
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
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection().AddLogging().AddSecCommsCore(configuration);
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
