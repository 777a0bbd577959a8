using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Communications;

/// <summary><c>seccomms communications emergency ID --on|--off</c>: switches emergency mode and shows the deadline that now applies.</summary>
internal static class EmergencyCommand
{
    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var id = CommunicationId.Create();
        var on = new Option<bool>("--on") { Description = "Emergency deadlines apply, and backup teams may approve a stage once its deadline passes." };
        var off = new Option<bool>("--off") { Description = "The normal deadlines apply again." };
        var json = JsonOption.Create();
        var command = new Command("emergency", "Switch emergency mode on or off (the security team or the category's owner team), before publication.")
        {
            id, on, off, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var guid = CommunicationId.Parse(parsed, id);
            var emergency = (parsed.GetValue(on), parsed.GetValue(off)) switch
            {
                (true, false) => true,
                (false, true) => false,
                _ => throw CliException.Usage("give exactly one of --on or --off."),
            };
            using var client = api.Connect(parsed, host);
            var raw = await client.PostAsync($"api/v1/communications/{guid}/emergency", new { emergency }, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
            }
            else
            {
                var r = client.Read<RequirementsDetail>(raw);
                var due = r.Stages.FirstOrDefault(s => s.DueAt is not null) is { DueAt: { } at } stage
                    ? $"; stage {Formats.Number(stage.Stage + 1)} ({stage.Team}) is due by {Formats.Instant(at)}"
                    : "";
                await host.Out.WriteLineAsync($"{r.Reference}: emergency mode {(r.Emergency ? "on" : "off")}{due}.");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
