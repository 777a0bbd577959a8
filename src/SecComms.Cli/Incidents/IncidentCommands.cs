using System.CommandLine;
using SecComms.Cli.Client;

namespace SecComms.Cli.Incidents;

/// <summary><c>seccomms incidents</c>: incidents and their communications plan through the API (security team).</summary>
internal static class IncidentCommands
{
    public static Command Create(CliHost host) => CommandGroup.Create<ApiConnectionOptions>("incidents",
        "Open incidents, keep their facts and status, engage the people the rules name, watch their notification clocks and draft their messages with the SecComms API (security team; needs --url and --token).",
        api =>
        [
            ListIncidentsCommand.Create(host, api),
            ShowIncidentCommand.Create(host, api),
            OpenIncidentCommand.Open(host, api),
            OpenIncidentCommand.Update(host, api),
            IncidentStatusCommand.Contain(host, api),
            IncidentStatusCommand.Resolve(host, api),
            IncidentStatusCommand.Status(host, api),
            NoteCommand.Create(host, api),
            EngageCommand.Create(host, api),
            ClocksCommand.Clocks(host, api),
            ClocksCommand.Met(host, api),
            MessageCommand.Create(host, api),
        ]);
}
