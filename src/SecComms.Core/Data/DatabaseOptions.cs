namespace SecComms.Core.Data;

/// <summary>Which database SecComms keeps its records in; bound from the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (embedded, the default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    public string ConnectionString { get; set; } = "Data Source=data/seccomms.db";

    /// <summary>
    /// Apply pending migrations when the web host starts. Unset means: yes for the embedded SQLite file, no for
    /// PostgreSQL, where the operator runs <c>seccomms db migrate</c>.
    /// </summary>
    public bool? MigrateOnStartup { get; set; }

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? IsSqlite;

    public bool IsSqlite => string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase);
}
