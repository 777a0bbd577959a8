using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Incidents;

/// <summary><c>seccomms incidents show</c>: an incident's facts, when the next internal update is due, who must be engaged, its clocks and its messages.</summary>
internal static class ShowIncidentCommand
{
    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var id = IncidentId.Create();
        var json = JsonOption.Create();
        var command = new Command("show",
            "Show an incident: its facts and roles, when the next internal update is due, its engagements, its clocks and its messages.")
        {
            id, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var guid = await IncidentId.ResolveAsync(parsed, id, client, cancellationToken);
            var path = $"api/v1/incidents/{guid}";
            var incident = await client.GetAsync(path, cancellationToken);
            var engagements = await client.GetAsync($"{path}/engagements", cancellationToken);
            var clocks = await client.GetAsync($"{path}/clocks", cancellationToken);
            var messages = await client.GetAsync($"{path}/messages", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, new { incident, engagements, clocks, messages });
                return ExitCodes.Success;
            }
            await WriteAsync(host, client.Read<IncidentDetail>(incident), client.Read<List<EngagementDetail>>(engagements),
                client.Read<List<ClockDetail>>(clocks), client.Read<List<IncidentMessageDetail>>(messages));
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteAsync(
        CliHost host, IncidentDetail i, List<EngagementDetail> engagements, List<ClockDetail> clocks, List<IncidentMessageDetail> messages)
    {
        var output = host.Out;
        await output.WriteLineAsync($"{i.Reference}: {i.Title}");
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "  id", i.Id.ToString() },
            new[] { "  severity", $"{i.Severity} ({i.SeverityName})" },
            new[] { "  kind", i.Kind },
            new[] { "  status", i.Status },
            new[] { "  became aware", Formats.Instant(i.BecameAwareAt) },
            new[] { "  detected", When(i.DetectedAt) },
            new[] { "  contained", When(i.ContainedAt) },
            new[] { "  resolved", When(i.ResolvedAt) },
            new[] { "  personal data", Formats.YesNo(i.PersonalData) },
            new[] { "  actively exploited", Formats.YesNo(i.ActivelyExploited) },
            new[] { "  publicly reported", Formats.YesNo(i.PubliclyReported) },
            new[] { "  regions", List(i.Regions) },
            new[] { "  customer tiers", List(i.CustomerTiers) },
            new[] { "  data categories", List(i.DataCategories) },
            new[] { "  comms manager", i.Roles.CommunicationsManager?.ToString() ?? "-" },
            new[] { "  incident manager", i.Roles.IncidentManager?.ToString() ?? "-" },
            new[] { "  engineer", i.Roles.Engineer?.ToString() ?? "-" },
            new[] { "  last update", When(i.LastInternalUpdateAt) },
            new[] { "  next update due", i.NextInternalUpdateDue is { } due ? Formats.Instant(due) : "-" },
        };
        TextTable.Write(output, rows);
        if (i.Summary.Length > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("--- Summary ---");
            await output.WriteLineAsync(i.Summary.TrimEnd('\n'));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(engagements.Count == 0 ? "Engagements: none required" : $"Engagements: {Formats.Number(engagements.Count)}");
        if (engagements.Count > 0)
        {
            IncidentOutput.WriteEngagements(output, engagements);
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(clocks.Count == 0 ? "Clocks: none apply" : $"Clocks: {Formats.Number(clocks.Count)}");
        if (clocks.Count > 0)
        {
            IncidentOutput.WriteClocks(output, clocks, host.Colour);
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(messages.Count == 0
            ? "Messages: none yet; `seccomms incidents message` drafts the initial notice."
            : $"Messages: {Formats.Number(messages.Count)}");
        if (messages.Count > 0)
        {
            IncidentOutput.WriteMessages(output, messages);
        }
    }

    private static string When(DateTimeOffset? at) => at is { } value ? Formats.Instant(value) : "-";

    private static string List(IReadOnlyList<string> values) => values.Count == 0 ? "-" : string.Join(", ", values);
}
