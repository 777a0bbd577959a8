using System.Data.Common;
using SecComms.Core.Data;

namespace SecComms.Cli.Database;

internal static class DatabaseTarget
{
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
        var secrets = builder.Keys.Cast<string>().Where(IsSecret).ToList();
        if (secrets.Count == 0)
        {
            return $"{options.Provider} ({options.ConnectionString})";
        }
        secrets.ForEach(key => builder.Remove(key));
        return $"{options.Provider} ({builder.ConnectionString})";
    }

    private static bool IsSecret(string key) =>
        key.Equals("Password", StringComparison.OrdinalIgnoreCase) || key.Equals("Pwd", StringComparison.OrdinalIgnoreCase);
}
