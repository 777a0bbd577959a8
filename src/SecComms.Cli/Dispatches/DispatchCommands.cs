using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Communications;
using SecComms.Cli.Output;

namespace SecComms.Cli.Dispatches;

/// <summary><c>seccomms dispatches</c> (or <c>dispatch</c>): a communication's sendings of its email, their progress and delivery report.</summary>
internal static class DispatchCommands
{
    public static readonly IReadOnlyList<string> Headers = ["ID", "KIND", "REVISION", "CREATED", "RECIPIENTS", "SENT", "FAILED", "PENDING", "STATE"];

    public static Command Create(CliHost host)
    {
        var group = CommandGroup.Create<ApiConnectionOptions>("dispatches",
            "Follow the sending of a communication's email: its dispatches, their progress live, and the delivery report per organization " +
            "with the SecComms API (needs --url and --token).",
            api => [List(host, api), Show(host, api), WatchCommand.Create(host, api), ReportCommand.Create(host, api)]);
        group.Aliases.Add("dispatch");
        return group;
    }

    private static Command List(CliHost host, ApiConnectionOptions api)
    {
        var id = CommunicationId.CreateWithReference();
        var json = JsonOption.Create();
        var command = new Command("list", "List a communication's dispatches, its publication and its test sends, the newest first.") { id, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var guid = await CommunicationId.ResolveAsync(parsed, id, client, cancellationToken);
            var raw = await client.GetAsync($"api/v1/communications/{guid}/dispatches", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var dispatches = client.Read<List<DispatchDetail>>(raw);
            if (dispatches.Count == 0)
            {
                await host.Out.WriteLineAsync("No dispatches yet: one is made when it is published with an email audience, or by `communications test-send`.");
                return ExitCodes.Success;
            }
            TextTable.Write(host.Out, dispatches.Select(d => (IReadOnlyList<string>)
            [
                d.Id.ToString(),
                d.Kind,
                Formats.Number(d.Revision),
                Formats.Instant(d.CreatedAt),
                Formats.Number(d.Counts.Total),
                Formats.Number(d.Counts.Sent),
                Formats.Number(d.Counts.Failed),
                Formats.Number(d.Counts.Queued + d.Counts.Deferred),
                d.CompletedAt is null ? "sending" : "complete",
            ]), Headers);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliHost host, ApiConnectionOptions api)
    {
        var id = DispatchId.Create();
        var json = JsonOption.Create();
        var command = new Command("show", "Show a dispatch: who it goes to, how many are queued, deferred, sent, failed and acknowledged, and the last error.")
        {
            id, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var guid = DispatchId.Parse(parsed, id);
            using var client = api.Connect(parsed, host);
            var raw = await client.GetAsync($"api/v1/dispatches/{guid}", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var d = client.Read<DispatchDetail>(raw);
            await host.Out.WriteLineAsync($"Dispatch {d.Id}");
            TextTable.Write(host.Out,
            [
                ["  communication", $"{d.Communication}, revision {Formats.Number(d.Revision)}"],
                ["  kind", d.Kind + (d.Emergency ? " (emergency: not rate limited)" : "")],
                ["  audience", d.Audience + (d.Mandatory ? " (mandatory)" : "")],
                ["  created", Formats.Instant(d.CreatedAt)],
                ["  recipients", Formats.Number(d.Recipients)],
                ["  progress", $"{Formats.Percent(d.Progress)}; {DispatchOutput.Counts(d.Counts)}"],
                ["  acknowledged", d.RequiresAcknowledgement ? Formats.Number(d.Counts.Acknowledged) : "not asked"],
                ["  state", DispatchOutput.State(d)],
                ["  last error", d.LastError ?? "-"],
            ]);
            return ExitCodes.Success;
        });
        return command;
    }
}
