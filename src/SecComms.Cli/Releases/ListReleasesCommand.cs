using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Releases;

/// <summary><c>seccomms releases list</c>: GET /api/v1/releases as a table, or as JSON for scripts.</summary>
internal static class ListReleasesCommand
{
    public const int TitleWidth = 40;

    public static readonly IReadOnlyList<string> Headers = ["REFERENCE", "KIND", "STATUS", "PLANNED FOR", "PUBLISHED", "PRODUCT", "TITLE", "ID"];

    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var json = JsonOption.Create();
        var command = new Command("list", "List the security releases, the most recent first (the hundred newest).") { json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var raw = await client.GetAsync("api/v1/releases", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var releases = client.Read<List<ReleaseSummary>>(raw);
            if (releases.Count == 0)
            {
                await host.Out.WriteLineAsync("No security releases yet.");
                return ExitCodes.Success;
            }
            TextTable.Write(host.Out, releases.Select(r => (IReadOnlyList<string>)
            [
                r.Reference,
                r.Kind,
                r.Status,
                r.PlannedFor is { } planned ? Formats.Instant(planned) : "-",
                r.PublishedAt is { } published ? Formats.Instant(published) : "-",
                r.Product ?? "-",
                TextTable.Shorten(r.Title, TitleWidth),
                r.Id.ToString(),
            ]), Headers);
            return ExitCodes.Success;
        });
        return command;
    }
}
