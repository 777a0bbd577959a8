using System.CommandLine;
using SecComms.Cli.Output;
using SecComms.Core.Data;

namespace SecComms.Cli.Database;

/// <summary><c>seccomms restore FILE</c>: puts a verified backup in place of the SQLite database.</summary>
internal static class RestoreCommand
{
    public static Command Create(CliHost host, DatabaseConnectionOptions database)
    {
        var file = new Argument<string>("file") { Description = "A copy `seccomms backup` wrote." };
        var force = new Option<bool>("--force") { Description = "Replace a database that holds data." };
        var json = JsonOption.Create();
        var command = new Command("restore",
            "Replace the SQLite database with a backup, once the backup opens as a SecComms database no newer than this version and " +
            "its audit chain verifies. Stop the server first. On PostgreSQL use pg_restore (see docs/operations.md).")
        {
            file, force, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = database.Open(parsed, host);
            var report = await SqliteBackups.RestoreAsync(parsed.GetValue(file)!, session.Db, parsed.GetValue(force), cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, report);
                return ExitCodes.Success;
            }
            await host.Out.WriteLineAsync($"Restored {DatabaseTarget.Describe(session.Options)} from {Path.GetFullPath(parsed.GetValue(file)!)}.");
            await host.Out.WriteLineAsync(
                $"Its audit chain verifies: {Formats.Number(report.Audit.EventCount)} events, head {report.Audit.Head ?? "none"}. Run `seccomms db migrate` if this version needs newer migrations.");
            return ExitCodes.Success;
        });
        return command;
    }
}
