using System.CommandLine;
using SecComms.Cli.Database;
using SecComms.Cli.Output;
using SecComms.Core.Audit;

namespace SecComms.Cli.Audit;

internal static class VerifyCommand
{
    public static Command Create(CliHost host, DatabaseConnectionOptions database)
    {
        var json = JsonOption.Create();
        var command = new Command("verify",
            "Walk the audit chain and recompute every hash. Exits 0 when intact, 3 at the first edited, missing or reordered event. " +
            "Keep the printed last hash elsewhere: events cut from the end leave a shorter chain that still verifies.")
        {
            json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = database.Open(parsed, host);
            await session.EnsureMigratedAsync(cancellationToken);
            var result = await session.Get<AuditVerifier>().VerifyAsync(cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, result);
            }
            else
            {
                await host.Out.WriteLineAsync(Describe(result));
            }
            return result.Valid ? ExitCodes.Success : ExitCodes.AuditChainBroken;
        });
        return command;
    }

    private static string Describe(AuditVerification result) => result switch
    {
        { Valid: false } => $"Audit chain BROKEN at event {result.FirstBrokenSeq}: {result.Problem}",
        { EventCount: 0 } => "Audit chain valid: 0 events (the trail is empty).",
        _ => $"Audit chain valid: {Formats.Number(result.EventCount)} events, last hash {result.LastHash}",
    };
}
