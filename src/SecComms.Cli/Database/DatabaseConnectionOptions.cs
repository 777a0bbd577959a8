using System.CommandLine;
using Microsoft.Extensions.Configuration;
using SecComms.Core.Data;

namespace SecComms.Cli.Database;

/// <summary>
/// <c>--provider</c> and <c>--connection</c>, which win over <c>SECCOMMS__Database__*</c> environment variables, which win
/// over <c>./appsettings.json</c>, which wins over the built-in SQLite default.
/// </summary>
internal sealed class DatabaseConnectionOptions
{
    public const string EnvironmentPrefix = "SECCOMMS__";

    private readonly Option<string> _provider = new("--provider")
    {
        Description = "Database engine [env: SECCOMMS__Database__Provider; default: sqlite].",
        Recursive = true,
    };

    private readonly Option<string> _connection = new("--connection")
    {
        Description = "ADO.NET connection string [env: SECCOMMS__Database__ConnectionString; default: Data Source=data/seccomms.db].",
        HelpName = "connection-string",
        Recursive = true,
    };

    public DatabaseConnectionOptions() => _provider.AcceptOnlyFromAmong(DatabaseOptions.Sqlite, DatabaseOptions.Postgres);

    /// <summary>Adds both options to a command group; its subcommands inherit them.</summary>
    public void AddTo(Command group)
    {
        group.Options.Add(_provider);
        group.Options.Add(_connection);
    }

    public AdminSession Open(ParseResult parsed, CliHost host) => AdminSession.Open(Configuration(parsed, host));

    private IConfiguration Configuration(ParseResult parsed, CliHost host)
    {
        var fromEnvironment = host.Variables
            .Where(v => v.Key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(v => KeyValuePair.Create(v.Key[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), v.Value));
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
            .AddInMemoryCollection(fromEnvironment)
            .AddInMemoryCollection(fromOptions)
            .Build();
    }
}
