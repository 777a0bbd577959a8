using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using SecComms.Cli.Output;
using SecComms.Core.Data;

namespace SecComms.Cli.Database;

internal static class MigrateCommand
{
    private sealed record MigrationReport(string Provider, IReadOnlyList<string> Applied);

    public static Command Create(CliHost host, DatabaseConnectionOptions database)
    {
        var json = JsonOption.Create();
        var command = new Command("migrate",
            "Apply the schema migrations this version needs, creating the database if it does not exist. Safe to run again.")
        {
            json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = database.Open(parsed, host);
            var db = session.Db.Database;
            var pending = await db.CanConnectAsync(cancellationToken)
                ? [.. await db.GetPendingMigrationsAsync(cancellationToken)]
                : db.GetMigrations().ToList();
            var backup = await DatabaseSetup.MigrateAsync(session.Db, cancellationToken);

            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, new MigrationReport(session.Options.Provider, pending));
                return ExitCodes.Success;
            }
            await host.Out.WriteLineAsync($"Database: {DatabaseTarget.Describe(session.Options)}");
            if (pending.Count == 0)
            {
                await host.Out.WriteLineAsync("The database is up to date; no migrations were pending.");
                return ExitCodes.Success;
            }
            if (backup is not null)
            {
                await host.Out.WriteLineAsync($"Copied the database to {backup} first; restore it if a migration is interrupted.");
            }
            await host.Out.WriteLineAsync($"Applied {pending.Count} migration(s):");
            foreach (var migration in pending)
            {
                await host.Out.WriteLineAsync($"  {migration}");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
