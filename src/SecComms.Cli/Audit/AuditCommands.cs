using System.CommandLine;
using SecComms.Cli.Database;

namespace SecComms.Cli.Audit;

internal static class AuditCommands
{
    public static Command Create(CliHost host)
    {
        var database = new DatabaseConnectionOptions();
        var group = new Command("audit", "Check the hash-chained audit trail directly in the database.")
        {
            VerifyCommand.Create(host, database),
        };
        database.AddTo(group);
        return group;
    }
}
