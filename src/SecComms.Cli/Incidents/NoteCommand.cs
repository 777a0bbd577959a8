using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Incidents;

/// <summary><c>seccomms incidents note ID TEXT</c>: adds a note, or an internal update, to the incident's timeline.</summary>
internal static class NoteCommand
{
    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var id = IncidentId.Create();
        var text = new Argument<string>("text") { Description = "What happened or what was said." };
        var internalUpdate = new Option<bool>("--internal-update")
        {
            Description = "It is an internal status update, which restarts the severity's update cadence.",
        };
        var at = Instants.Option("--at", "When it happened [default: now]");
        var json = JsonOption.Create();
        var command = new Command("note", "Add a note, or with --internal-update an internal status update, to the incident's timeline.")
        {
            id, text, internalUpdate, at, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var when = Instants.Read(parsed, at);
            var update = parsed.GetValue(internalUpdate);
            using var client = api.Connect(parsed, host);
            var guid = await IncidentId.ResolveAsync(parsed, id, client, cancellationToken);
            var raw = await client.PostAsync($"api/v1/incidents/{guid}/timeline",
                new { kind = update ? "internal-update" : "note", text = parsed.GetValue(text), at = when }, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var entry = client.Read<TimelineEntryDetail>(raw);
            if (!update)
            {
                await host.Out.WriteLineAsync($"Note added to the timeline at {Formats.Instant(entry.At)}.");
                return ExitCodes.Success;
            }
            var incident = client.Read<IncidentDetail>(await client.GetAsync($"api/v1/incidents/{guid}", cancellationToken));
            var next = incident.NextInternalUpdateDue is { } due ? $"; the next is due by {Formats.Instant(due)}" : "";
            await host.Out.WriteLineAsync($"{incident.Reference}: internal update recorded at {Formats.Instant(entry.At)}{next}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
