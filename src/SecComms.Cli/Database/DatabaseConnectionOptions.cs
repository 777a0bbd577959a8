using System.CommandLine;
using Microsoft.Extensions.Configuration;
using SecComms.Core.Data;

namespace SecComms.Cli.Database;

/// <summary>
/// <c>--provider</c> and <c>--connection</c>, which win over <c>SECCOMMS__Database__*</c> environment variables, which win
/// over plain <c>Database__*</c> ones, which win over <c>./appsettings.json</c>, which wins over the built-in SQLite default.
/// </summary>
/// <remarks>
/// The same order as the web host, which reads unprefixed variables through ASP.NET's default environment provider, so
/// the CLI works on the database the server uses however the operator configured it.
/// </remarks>
internal sealed class DatabaseConnectionOptions : IGroupOptions
{
    public const string EnvironmentPrefix = "SECCOMMS__";

    private readonly Option<string> _provider = new("--provider")
    {
        Description = "Database engine [env: SECCOMMS__Database__Provider or Database__Provider; default: sqlite].",
        Recursive = true,
    };

    private readonly Option<string> _connection = new("--connection")
    {
        Description = "ADO.NET connection string [env: SECCOMMS__Database__ConnectionString or Database__ConnectionString; " +
            "default: Data Source=data/seccomms.db].",
        HelpName = "connection-string",
        Recursive = true,
    };

    public DatabaseConnectionOptions() => _provider.AcceptOnlyFromAmong(DatabaseOptions.Sqlite, DatabaseOptions.Postgres);

    public void AddTo(Command group)
    {
        group.Options.Add(_provider);
        group.Options.Add(_connection);
    }

    public AdminSession Open(ParseResult parsed, CliHost host) => AdminSession.Open(Configuration(parsed, host));

    private IConfiguration Configuration(ParseResult parsed, CliHost host)
    {
        var fromOptions = new Dictionary<string, string?>();
        if (parsed.GetValue(_provider) is { } provider)
        {
            fromOptions[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"] = provider;
        }
        if (parsed.GetValue(_connection) is { } connection)
        {
            fromOptions[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.ConnectionString)}"] = connection;
        }
        return new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(host.WorkingDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddInMemoryCollection(FromEnvironment(host, prefix: ""))
            .AddInMemoryCollection(FromEnvironment(host, EnvironmentPrefix))
            .AddInMemoryCollection(fromOptions)
            .Build();
    }

    /// <summary>The variables whose names start with <paramref name="prefix"/>, as configuration keys: <c>__</c> means <c>:</c>.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> FromEnvironment(CliHost host, string prefix) => host.Variables
        .Where(v => v.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        .Select(v => KeyValuePair.Create(v.Key[prefix.Length..].Replace("__", ":", StringComparison.Ordinal), v.Value));
}
