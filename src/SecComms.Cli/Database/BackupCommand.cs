using System.CommandLine;
using SecComms.Cli.Output;
using SecComms.Core.Data;

namespace SecComms.Cli.Database;

/// <summary><c>seccomms backup FILE</c>: an online copy of the SQLite database, verified before it is kept.</summary>
internal static class BackupCommand
{
    public static Command Create(CliHost host, DatabaseConnectionOptions database)
    {
        var file = new Argument<string>("file") { Description = "Where to write the copy; a file that exists is never overwritten." };
        var json = JsonOption.Create();
        var command = new Command("backup",
            "Copy the SQLite database while the server runs, then open the copy and verify its audit chain (exit 1 if it does not verify; " +
            "nothing is kept). On PostgreSQL use pg_dump (see docs/operations.md).")
        {
            file, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = database.Open(parsed, host);
            await session.EnsureMigratedAsync(cancellationToken);
            var report = await SqliteBackups.BackUpAsync(session.Db, parsed.GetValue(file)!, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, report);
                return ExitCodes.Success;
            }
            await host.Out.WriteLineAsync($"Backed up {DatabaseTarget.Describe(session.Options)} to {report.Path} ({Formats.Number(report.Bytes)} bytes).");
            await host.Out.WriteLineAsync(
                $"The copy opens and its audit chain verifies: {Formats.Number(report.Audit.EventCount)} events, head {report.Audit.Head ?? "none"}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
