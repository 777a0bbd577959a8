using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Incidents;

/// <summary><c>seccomms incidents message ID --part …</c>: drafts a message of the incident's communication set from its template.</summary>
internal static class MessageCommand
{
    public static readonly string[] Parts = ["initial-notice", "update", "resolution-notice"];

    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var id = IncidentId.Create();
        var part = new Option<string>("--part") { Description = "initial-notice, update or resolution-notice.", Required = true };
        part.AcceptOnlyFromAmong(Parts);
        var category = new Option<string>("--category")
        {
            Description = "incident-response or customer-security-notice [default: incident-response].",
            HelpName = "category",
        };
        var title = new Option<string>("--title") { Description = "The message's title [default: one made from the part and the incident's title].", HelpName = "text" };
        var json = JsonOption.Create();
        var command = new Command("message",
            "Draft the initial notice, an update or the resolution notice from its category's template, linked to the incident and on its severity's approval windows.")
        {
            id, part, category, title, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var guid = await IncidentId.ResolveAsync(parsed, id, client, cancellationToken);
            var raw = await client.PostAsync($"api/v1/incidents/{guid}/messages",
                new { part = parsed.GetValue(part), category = parsed.GetValue(category), title = parsed.GetValue(title) }, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var m = client.Read<IncidentMessageDetail>(raw);
            await host.Out.WriteLineAsync($"{m.Reference}: {m.Part} drafted in {m.Category}: {m.Title}. Id: {m.Id}");
            return ExitCodes.Success;
        });
        return command;
    }
}
