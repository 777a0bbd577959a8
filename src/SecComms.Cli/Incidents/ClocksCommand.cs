using System.CommandLine;
using System.Text.RegularExpressions;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Incidents;

/// <summary>
/// <c>seccomms incidents clocks [ID]</c>: one incident's clocks, or the running clocks across incidents, soonest due
/// first; and <c>met</c>, which records the notification that met one.
/// </summary>
internal static partial class ClocksCommand
{
    public static Command Clocks(CliHost host, ApiConnectionOptions api)
    {
        var id = new Argument<string?>("id")
        {
            Description = "The incident's id or reference, such as INC-3; without it, the running clocks of every incident.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = JsonOption.Create();
        var command = new Command("clocks",
            "Show an incident's notification clocks, or without an id every running clock across incidents: when each is due, the time left and its state.")
        {
            id, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            if (parsed.GetValue(id) is not { } value)
            {
                var running = await client.GetAsync("api/v1/incidents/clocks", cancellationToken);
                if (parsed.GetValue(json))
                {
                    CliJson.Write(host.Out, running);
                    return ExitCodes.Success;
                }
                var all = client.Read<List<RunningClockDetail>>(running);
                if (all.Count == 0)
                {
                    await host.Out.WriteLineAsync("No clocks are running.");
                    return ExitCodes.Success;
                }
                IncidentOutput.WriteRunningClocks(host.Out, all, host.Colour);
                return ExitCodes.Success;
            }
            var guid = await IncidentId.ResolveAsync(value, client, cancellationToken);
            var raw = await client.GetAsync($"api/v1/incidents/{guid}/clocks", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var clocks = client.Read<List<ClockDetail>>(raw);
            if (clocks.Count == 0)
            {
                await host.Out.WriteLineAsync("No clocks apply to this incident.");
                return ExitCodes.Success;
            }
            IncidentOutput.WriteClocks(host.Out, clocks, host.Colour);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Met(CliHost host, ApiConnectionOptions api)
    {
        var id = IncidentId.Create();
        var key = new Argument<string>("clock") { Description = "The clock's key, such as gdpr-art-33 (the KEY column of `seccomms incidents clocks`)." };
        var communication = new Option<string>("--communication")
        {
            Description = "The published communication about the incident that met it, by id or reference (SC-12).",
            HelpName = "id",
        };
        var evidence = new Option<string>("--evidence")
        {
            Description = "The reference of a notification sent outside SecComms, such as a regulator's case number.",
            HelpName = "text",
        };
        var at = Instants.Option("--at", "When the notification was sent [default: the communication's publication time, or now]");
        var json = JsonOption.Create();
        var command = new Command("met", "Mark a clock met by the notification sent: a published communication (--communication) or evidence of a filing (--evidence).")
        {
            id, key, communication, evidence, at, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (byCommunication, byEvidence) = (parsed.GetValue(communication), parsed.GetValue(evidence));
            if (byCommunication is null == byEvidence is null)
            {
                throw CliException.Usage("give exactly one of --communication or --evidence.");
            }
            var when = Instants.Read(parsed, at);
            using var client = api.Connect(parsed, host);
            var guid = await IncidentId.ResolveAsync(parsed, id, client, cancellationToken);
            var communicationId = byCommunication is null ? (Guid?)null : await CommunicationAsync(guid, byCommunication, client, cancellationToken);
            var raw = await client.PostAsync($"api/v1/incidents/{guid}/clocks/{Uri.EscapeDataString(parsed.GetValue(key) ?? "")}/met",
                new { communicationId, evidence = byEvidence, at = when }, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var clock = client.Read<ClockDetail>(raw);
            var by = clock.MetBy ?? clock.Evidence;
            var met = clock.MetAt is { } metAt ? $" at {Formats.Instant(metAt)}" : "";
            await host.Out.WriteLineAsync($"{clock.Name}: {IncidentOutput.State(clock, colour: false)}{met}{(by is null ? "" : $" by {by}")}.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <remarks>Only a communication about the incident can meet its clock, so a reference is looked up among the incident's messages.</remarks>
    private static async Task<Guid> CommunicationAsync(Guid incident, string value, ApiClient client, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(value, out var guid))
        {
            return guid;
        }
        if (!CommunicationReference().IsMatch(value))
        {
            throw CliException.Usage($"--communication '{value}' is not a communication id or reference such as SC-12.");
        }
        var messages = client.Read<List<IncidentMessageDetail>>(await client.GetAsync($"api/v1/incidents/{incident}/messages", cancellationToken));
        return messages.FirstOrDefault(m => string.Equals(m.Reference, value, StringComparison.OrdinalIgnoreCase))?.Id
            ?? throw CliException.Refused($"{value.ToUpperInvariant()} is not one of this incident's communications (see `seccomms incidents show`).");
    }

    [GeneratedRegex("^SC-[1-9][0-9]{0,8}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CommunicationReference();
}
