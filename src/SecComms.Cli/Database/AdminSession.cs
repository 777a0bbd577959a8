using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core;
using SecComms.Core.Data;
using SecComms.Core.Policy;

namespace SecComms.Cli.Database;

/// <summary>The Core services over the configured database, for admin commands that work without the web server.</summary>
internal sealed class AdminSession : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly AsyncServiceScope _scope;

    private AdminSession(ServiceProvider services)
    {
        _services = services;
        _scope = services.CreateAsyncScope();
    }

    public DatabaseOptions Options => Get<DatabaseOptions>();

    public SecCommsDb Db => Get<SecCommsDb>();

    public static AdminSession Open(IConfiguration configuration)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (database.Provider.ToLowerInvariant() is not (DatabaseOptions.Sqlite or DatabaseOptions.Postgres))
        {
            throw CliException.Usage(
                $"the database provider must be '{DatabaseOptions.Sqlite}' or '{DatabaseOptions.Postgres}', not '{database.Provider}' " +
                "(check --provider, SECCOMMS__Database__Provider, Database__Provider and ./appsettings.json).");
        }
        if (string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            throw CliException.Usage("the database connection string is empty (check --connection, SECCOMMS__Database__ConnectionString, Database__ConnectionString and ./appsettings.json).");
        }
        return new AdminSession(new ServiceCollection().AddSecCommsCore(configuration).BuildServiceProvider(validateScopes: true));
    }

    public T Get<T>()
        where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>
    /// Refuses to work on a database whose schema is behind this version of SecComms, then uses the policy in force there.
    /// </summary>
    public async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        var pending = (await Db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        if (pending > 0)
        {
            throw CliException.Refused(
                $"the {Options.Provider} database is not migrated ({pending} pending migration(s)); run `seccomms db migrate` first, with the same database options.");
        }
        await Get<PolicyVersions>().RefreshAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
    }
}
