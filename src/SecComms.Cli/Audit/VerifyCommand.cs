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
        var expect = new Option<string>("--expect")
        {
            Description = "A head kept from before (SEQ:HASH, as 'audit head' or this command prints it): also exit 3 when that event " +
                "is missing, as when events were cut from the end, or has another hash.",
            HelpName = "SEQ:HASH",
        };
        var command = new Command("verify",
            "Walk the audit chain and recompute every hash. Exits 0 when intact, 3 at the first edited, missing or reordered event. " +
            "Keep the printed head elsewhere and pass it as --expect later: events cut from the end leave a shorter chain that " +
            "verifies without it.")
        {
            expect, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var anchor = parsed.GetValue(expect) is { } text
                ? AuditHead.TryParse(text, out var head) ? head : throw CliException.Usage($"--expect must be {AuditHead.Format}, not '{text}'.")
                : null;
            await using var session = database.Open(parsed, host);
            await session.EnsureMigratedAsync(cancellationToken);
            var result = await session.Get<AuditVerifier>().VerifyAsync(anchor, cancellationToken);
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
        { Valid: false, Anchor.Outcome: AnchorOutcome.Missing } => $"Audit chain CUT SHORT: {result.Problem}",
        { Valid: false } => $"Audit chain BROKEN at event {result.FirstBrokenSeq}: {result.Problem}",
        { EventCount: 0 } => "Audit chain valid: 0 events (the trail is empty).",
        { Anchor: { } anchor } => $"Audit chain valid: {Formats.Number(result.EventCount)} events, head {result.Head}; the anchor {anchor.Expected} matches.",
        _ => $"Audit chain valid: {Formats.Number(result.EventCount)} events, head {result.Head}",
    };
}
