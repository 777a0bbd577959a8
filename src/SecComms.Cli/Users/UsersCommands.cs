using System.CommandLine;
using SecComms.Cli.Database;

namespace SecComms.Cli.Users;

internal static class UsersCommands
{
    public static Command Create(CliHost host)
    {
        var database = new DatabaseConnectionOptions();
        var group = new Command("users", "Manage people directly in the database; use this to create the first administrator.")
        {
            AddUserCommand.Create(host, database),
        };
        database.AddTo(group);
        return group;
    }
}
