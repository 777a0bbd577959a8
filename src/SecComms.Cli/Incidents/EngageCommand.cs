using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Incidents;

/// <summary><c>seccomms incidents engage ID PARTY</c>: records that a party was engaged and shows who still must be.</summary>
internal static class EngageCommand
{
    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var id = IncidentId.Create();
        var party = new Argument<string>("party")
        {
            Description = "The party's key from the policy, such as vp-security or legal (the PARTY column of `seccomms incidents show`).",
        };
        var note = new Option<string>("--note") { Description = "How they were engaged, such as \"paged\" or \"phone call\".", HelpName = "text" };
        var json = JsonOption.Create();
        var command = new Command("engage", "Record that a party the engagement rules name was engaged.")
        {
            id, party, note, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var guid = await IncidentId.ResolveAsync(parsed, id, client, cancellationToken);
            var raw = await client.PostAsync($"api/v1/incidents/{guid}/engagements",
                new { party = parsed.GetValue(party), note = parsed.GetValue(note) }, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var engagements = client.Read<List<EngagementDetail>>(raw);
            var engaged = engagements.FirstOrDefault(e => e.Party == parsed.GetValue(party));
            await host.Out.WriteLineAsync(engaged?.EngagedAt is { } at
                ? $"{engaged.Name} engaged at {Formats.Instant(at)}."
                : $"{parsed.GetValue(party)} engaged.");
            var waiting = engagements.Where(e => e.EngagedAt is null).Select(e => e.Name).ToList();
            await host.Out.WriteLineAsync(waiting.Count == 0 ? "Everyone the rules name is engaged." : $"Still to engage: {string.Join(", ", waiting)}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
