using System.CommandLine;
using SecComms.Cli.Client;

namespace SecComms.Cli.Communications;

internal static class CommunicationsCommands
{
    public static Command Create(CliHost host)
    {
        var api = new ApiConnectionOptions();
        var group = new Command("communications", "Read communications through the SecComms API (needs --url and --token).")
        {
            ListCommunicationsCommand.Create(host, api),
            ShowCommunicationCommand.Create(host, api),
        };
        api.AddTo(group);
        return group;
    }
}
