using System.CommandLine;
using SecComms.Cli.Client;

namespace SecComms.Cli.Releases;

/// <summary><c>seccomms releases</c>: security releases through the API, from plan to publication, and the release calendar.</summary>
internal static class ReleaseCommands
{
    public static Command Create(CliHost host) => CommandGroup.Create<ApiConnectionOptions>("releases",
        "Plan security releases, bundle their vulnerabilities, generate their communications, publish them and see the release calendar with the SecComms API (needs --url and --token).",
        api =>
        [
            ListReleasesCommand.Create(host, api),
            ShowReleaseCommand.Create(host, api),
            PlanReleaseCommand.Create(host, api),
            BundleReleaseCommand.Create(host, api),
            ReleaseStepCommand.Prepare(host, api),
            ReleasePackageCommands.Show(host, api),
            ReleasePackageCommands.Safe(host, api),
            ReleasePackageCommands.Submit(host, api),
            ReleasePackageCommands.Approve(host, api),
            ReleasePackageCommands.Arm(host, api),
            ReleaseStepCommand.Publish(host, api),
            CalendarCommand.Create(host, api),
        ]);
}
