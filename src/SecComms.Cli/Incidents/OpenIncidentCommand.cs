using System.CommandLine;
using System.Text.Json;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Incidents;

/// <summary>
/// <c>seccomms incidents open</c> and <c>update</c>: opens an incident or changes its facts, printing its reference,
/// severity and status; its clocks and engagement rules follow on the server.
/// </summary>
internal static class OpenIncidentCommand
{
    public static Command Open(CliHost host, ApiConnectionOptions api)
    {
        var fields = new IncidentFields(creating: true);
        var json = JsonOption.Create();
        var command = new Command("open", "Open an incident (security team): its clocks start and its engagement rules apply; only the security team sees it.");
        fields.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var body = fields.Read(parsed, creating: true);
            using var client = api.Connect(parsed, host);
            var raw = await client.PostAsync("api/v1/incidents", body, cancellationToken);
            await WriteAsync(host, parsed.GetValue(json), client, raw, "opened");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Update(CliHost host, ApiConnectionOptions api)
    {
        var id = IncidentId.Create();
        var fields = new IncidentFields(creating: false);
        var json = JsonOption.Create();
        var command = new Command("update",
            "Change an incident's facts: an option left out keeps its value. Clocks start, move or are withdrawn to match.") { id };
        fields.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (!fields.AnyGiven(parsed))
            {
                throw CliException.Usage("give at least one fact to change, such as --severity or --regions (see `seccomms incidents update --help`).");
            }
            var body = fields.Read(parsed, creating: false);
            using var client = api.Connect(parsed, host);
            var guid = await IncidentId.ResolveAsync(parsed, id, client, cancellationToken);
            var raw = await client.PatchAsync($"api/v1/incidents/{guid}", body, cancellationToken);
            await WriteAsync(host, parsed.GetValue(json), client, raw, "saved");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteAsync(CliHost host, bool json, ApiClient client, JsonElement raw, string done)
    {
        if (json)
        {
            CliJson.Write(host.Out, raw);
            return;
        }
        var i = client.Read<IncidentDetail>(raw);
        await host.Out.WriteLineAsync($"{i.Reference}: {done}; {i.Kind}, severity {i.Severity} ({i.SeverityName}), status {i.Status}. Id: {i.Id}");
    }
}
