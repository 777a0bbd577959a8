using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Communications;

/// <summary><c>seccomms communications requirements</c>: each approval stage and what still stands before publication.</summary>
internal static class RequirementsCommand
{
    public static readonly IReadOnlyList<string> Headers = ["STAGE", "TEAM", "STATE", "APPROVED BY", "REVISION", "PURPOSE"];

    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var id = CommunicationId.Create();
        var json = JsonOption.Create();
        var command = new Command("requirements", "Show each approval stage (approved, waiting, not yet open, not required) and whether it is ready to publish.")
        {
            id, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var guid = CommunicationId.Parse(parsed, id);
            using var client = api.Connect(parsed, host);
            var raw = await client.GetAsync($"api/v1/communications/{guid}/requirements", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
            }
            else
            {
                await WriteAsync(host.Out, client.Read<RequirementsDetail>(raw));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, RequirementsDetail r)
    {
        await output.WriteLineAsync($"{r.Reference}: {r.Status}, revision {Formats.Number(r.Revision)} ({r.ContentHash})");
        TextTable.Write(output, r.Stages.Select(s => (IReadOnlyList<string>)
        [
            Formats.Number(s.Stage + 1),
            s.Team,
            s.State,
            s.Approval?.Approver.ToString() ?? "-",
            s.Approval is { } a ? Formats.Number(a.Revision) : "-",
            s.Purpose ?? (s.When == "always" ? "" : $"when {s.When}"),
        ]), Headers);
        foreach (var stage in r.Stages)
        {
            if (stage.DueAt is not { } due)
            {
                continue;
            }
            var backups = stage.Backup.Count == 0 ? ""
                : stage.BackupsEngaged ? $"; backup teams {string.Join(", ", stage.Backup)} may approve it now"
                : $"; backup teams {string.Join(", ", stage.Backup)} may approve it {(r.Emergency ? "once it is overdue" : "in emergency mode once it is overdue")}";
            await output.WriteLineAsync($"Due: stage {Formats.Number(stage.Stage + 1)} ({stage.Team}) by {Formats.Instant(due)}{backups}");
        }
        if (r.Emergency)
        {
            await output.WriteLineAsync("Emergency mode: on");
        }
        foreach (var advice in r.Consults)
        {
            await output.WriteLineAsync($"Advice from {advice.Team} by {advice.Approver} on revision {Formats.Number(advice.Revision)}: {advice.Comment}");
        }
        await GatesOutput.WriteAsync(output, r.Gates);
        foreach (var item in r.Outstanding)
        {
            await output.WriteLineAsync($"Outstanding: {item}");
        }
        await output.WriteLineAsync($"Ready to publish: {Formats.YesNo(r.ReadyToPublish)}");
    }
}
