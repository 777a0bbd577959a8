using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Communications;

/// <summary><c>seccomms communications link</c>: sets what disclosure waits for and prints each gate.</summary>
internal static class LinkCommand
{
    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var id = CommunicationId.Create();
        var release = new Option<Guid?>("--release") { Description = "The security release that ships the fix (adds the fix-released gate).", HelpName = "release-id" };
        var incident = new Option<Guid?>("--incident") { Description = "The incident it is about (adds the incident-contained gate).", HelpName = "incident-id" };
        var embargo = new Option<DateTimeOffset?>("--embargo-until")
        {
            Description = "Not to be published before this time, ISO 8601 with an offset (adds the embargo-passed gate).",
            HelpName = "time",
        };
        var json = JsonOption.Create();
        var command = new Command("link", "Replace the release, incident and embargo a communication waits for; an option left out is cleared.")
        {
            id, release, incident, embargo, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var guid = CommunicationId.Parse(parsed, id);
            using var client = api.Connect(parsed, host);
            var raw = await client.PutAsync($"api/v1/communications/{guid}/links", new
            {
                releaseId = parsed.GetValue(release),
                incidentId = parsed.GetValue(incident),
                embargoUntil = parsed.GetValue(embargo),
            }, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var links = client.Read<DisclosureDetail>(raw);
            await host.Out.WriteLineAsync($"{links.Reference}: links saved.");
            await GatesOutput.WriteAsync(host.Out, links.Gates);
            await host.Out.WriteLineAsync($"Gates open: {Formats.YesNo(links.Open)}");
            return ExitCodes.Success;
        });
        return command;
    }
}

internal static class GatesOutput
{
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<GateDetail> gates)
    {
        foreach (var gate in gates)
        {
            await output.WriteLineAsync($"Gate {gate.Gate}: {(gate.Passed ? "open" : "closed")}, {gate.Detail}");
        }
    }
}
