using System.Data.Common;
using SecComms.Core.Data;

namespace SecComms.Cli.Database;

internal static class DatabaseTarget
{
    private static readonly string[] SecretKeys = ["Password", "Pwd"];

    /// <summary>"sqlite (Data Source=…)": which database a command worked on, with any password left out.</summary>
    public static string Describe(DatabaseOptions options)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = options.ConnectionString;
        }
        catch (ArgumentException)
        {
            return options.Provider;
        }
        foreach (var key in SecretKeys)
        {
            builder.Remove(key);
        }
        return $"{options.Provider} ({builder.ConnectionString})";
    }
}
