using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Communications;

/// <summary>
/// <c>seccomms communications approve</c> and <c>reject</c>: a decision covers the package hash the person was shown,
/// never one fetched and sent back unseen. <c>--package-hash</c> names it (from <c>show</c>); without it, on a terminal,
/// the command prints the text and its hash and asks before deciding.
/// </summary>
internal static class DecideCommand
{
    public static Command Approve(CliHost host, ApiConnectionOptions api)
    {
        var comment = new Option<string>("--comment") { Description = "A note kept with the approval." };
        return Create(host, api, "approve", "Approve the package you read for your open stage (or --stage).", comment, "approved");
    }

    public static Command Reject(CliHost host, ApiConnectionOptions api)
    {
        var reason = new Option<string>("--reason") { Description = "Why; the author reads it.", Required = true };
        return Create(host, api, "reject", "Reject the package you read, with a reason; the communication goes back to its author as a draft.", reason, "rejected");
    }

    private static Command Create(CliHost host, ApiConnectionOptions api, string decision, string description, Option<string> comment, string done)
    {
        var id = CommunicationId.Create();
        var stage = new Option<string>("--stage") { Description = "The team of the stage to decide for [default: your first open stage].", HelpName = "team" };
        var packageHash = new Option<string>("--package-hash")
        {
            Description = "The package hash `communications show` printed with the text you read; without it, a terminal shows the text and asks.",
            HelpName = "hash",
        };
        var json = JsonOption.Create();
        var command = new Command(decision, description) { id, stage, packageHash, comment, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var guid = CommunicationId.Parse(parsed, id);
            using var client = api.Connect(parsed, host);
            var current = client.Read<CommunicationDetail>(await client.GetAsync($"api/v1/communications/{guid}", cancellationToken));
            var hash = parsed.GetValue(packageHash) ?? await ConfirmAsync(host, current, decision);
            if (hash is null)
            {
                await host.Error.WriteLineAsync($"Nothing was {done}.");
                return ExitCodes.Cancelled;
            }
            var raw = await client.PostAsync($"api/v1/communications/{guid}/approvals", new
            {
                stage = parsed.GetValue(stage),
                decision,
                packageHash = hash,
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
                    $"{current.Reference}: {done} revision {Formats.Number(approval.Revision)} (package {approval.PackageHash}) for {stageName}.");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <returns>The hash of the package shown, once the person typed yes; null when they did not.</returns>
    private static async Task<string?> ConfirmAsync(CliHost host, CommunicationDetail current, string decision)
    {
        if (!host.Interactive)
        {
            throw CliException.Usage(
                $"--package-hash is required: read the text with `seccomms communications show {current.Reference}` and pass the package hash it prints.");
        }
        await ShowCommunicationCommand.WriteAsync(host.Out, current);
        await host.Out.WriteLineAsync();
        await host.Out.WriteAsync($"{char.ToUpperInvariant(decision[0])}{decision[1..]} {current.Reference}, package {current.PackageHash}? Type yes to confirm: ");
        var answer = await host.In.ReadLineAsync();
        return string.Equals(answer?.Trim(), "yes", StringComparison.OrdinalIgnoreCase) ? current.PackageHash : null;
    }
}
