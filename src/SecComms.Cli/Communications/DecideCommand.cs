using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Communications;

/// <summary>
/// <c>seccomms communications approve</c> and <c>reject</c>: reads the communication first and decides on the content hash it
/// read, so the decision lands only on the text that was current a moment ago, and says which revision that was.
/// </summary>
internal static class DecideCommand
{
    public static Command Approve(CliHost host, ApiConnectionOptions api)
    {
        var comment = new Option<string>("--comment") { Description = "A note kept with the approval." };
        return Create(host, api, "approve", "Approve the current revision for your open stage (or --stage).", comment, "approved");
    }

    public static Command Reject(CliHost host, ApiConnectionOptions api)
    {
        var reason = new Option<string>("--reason") { Description = "Why; the author reads it.", Required = true };
        return Create(host, api, "reject", "Reject the current revision, with a reason; the communication goes back to its author as a draft.", reason, "rejected");
    }

    private static Command Create(CliHost host, ApiConnectionOptions api, string decision, string description, Option<string> comment, string done)
    {
        var id = CommunicationId.Create();
        var stage = new Option<string>("--stage") { Description = "The team of the stage to decide for [default: your first open stage].", HelpName = "team" };
        var json = JsonOption.Create();
        var command = new Command(decision, description) { id, stage, comment, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var guid = CommunicationId.Parse(parsed, id);
            using var client = api.Connect(parsed, host);
            var current = client.Read<CommunicationDetail>(await client.GetAsync($"api/v1/communications/{guid}", cancellationToken));
            var raw = await client.PostAsync($"api/v1/communications/{guid}/approvals", new
            {
                stage = parsed.GetValue(stage),
                decision,
                contentHash = current.Revision.ContentHash,
                comment = parsed.GetValue(comment),
            }, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
            }
            else
            {
                var approval = client.Read<ApprovalDetail>(raw);
                var stageName = approval.Stage is { } n ? $"stage {Formats.Number(n + 1)} ({approval.Team})" : approval.Team;
                await host.Out.WriteLineAsync(
                    $"{current.Reference}: {done} revision {Formats.Number(approval.Revision)} ({approval.ContentHash}) for {stageName}.");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
