using System.CommandLine;

namespace SecComms.Cli.Database;

internal static class DatabaseCommands
{
    public static Command Create(CliHost host)
    {
        var database = new DatabaseConnectionOptions();
        var group = new Command("db", "Manage the database schema (directly, not through the API).")
        {
            MigrateCommand.Create(host, database),
        };
        database.AddTo(group);
        return group;
    }
}
