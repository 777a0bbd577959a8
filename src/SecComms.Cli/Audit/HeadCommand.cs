using System.CommandLine;
using SecComms.Cli.Database;
using SecComms.Cli.Output;
using SecComms.Core.Audit;

namespace SecComms.Cli.Audit;

internal static class HeadCommand
{
    private sealed record HeadOutput(long Seq, string Hash, string Head);

    public static Command Create(CliHost host, DatabaseConnectionOptions database)
    {
        var json = JsonOption.Create();
        var command = new Command("head",
            "Print the latest event as SEQ:HASH. Keep it somewhere SecComms cannot change (a ticket, a log shipped elsewhere) " +
            "and check it later with 'audit verify --expect SEQ:HASH'.")
        {
            json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = database.Open(parsed, host);
            await session.EnsureMigratedAsync(cancellationToken);
            var head = await session.Get<AuditLog>().HeadAsync(cancellationToken)
                ?? throw CliException.Refused("the audit trail is empty: there is no head to anchor yet.");
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, new HeadOutput(head.Seq, head.Hash, head.ToString()));
            }
            else
            {
                await host.Out.WriteLineAsync(head.ToString());
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
