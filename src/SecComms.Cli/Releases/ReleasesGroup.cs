using System.CommandLine;
using SecComms.Cli.Client;

namespace SecComms.Cli.Releases;

/// <summary><c>seccomms releases</c>: the release calendar and security releases, through the API.</summary>
internal static class ReleasesGroup
{
    public const string Name = "releases";

    public const string Description = "See the release calendar with the SecComms API (needs --url and --token).";

    /// <remarks>Every <c>releases</c> subcommand is listed here, over the group's --url and --token.</remarks>
    public static IEnumerable<Command> Subcommands(CliHost host, ApiConnectionOptions api) =>
    [
        CalendarCommand.Create(host, api),
    ];
}
