using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Incidents;

/// <summary><c>seccomms incidents list</c>: GET /api/v1/incidents as a table, or as JSON for scripts.</summary>
internal static class ListIncidentsCommand
{
    public const int TitleWidth = 50;

    public static readonly IReadOnlyList<string> Headers = ["REFERENCE", "SEVERITY", "STATUS", "KIND", "AWARE SINCE", "CONTAINED", "TITLE", "ID"];

    public static readonly string[] Statuses = ["investigating", "identified", "contained", "resolved", "post-incident-review"];

    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var open = new Option<bool>("--open") { Description = "Only incidents not yet resolved." };
        var severity = new Option<string>("--severity") { Description = "Only incidents of this severity: s1 to s4." };
        severity.AcceptOnlyFromAmong(IncidentFields.Severities);
        var status = new Option<string>("--status") { Description = "Only incidents in this status: investigating, identified, contained, resolved or post-incident-review." };
        status.AcceptOnlyFromAmong(Statuses);
        var search = new Option<string>("--search") { Description = "Only those whose title or summary contains this text.", HelpName = "text" };
        var json = JsonOption.Create();
        var paging = new CursorPaging("incidents");
        var command = new Command("list", "List the incidents, newest first, a page at a time (only the security team sees any).")
        {
            open, severity, status, search, json,
        };
        paging.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var query = new Query().Add("open", parsed.GetValue(open) ? "true" : null).Add("severity", parsed.GetValue(severity))
                .Add("status", parsed.GetValue(status)).Add("search", parsed.GetValue(search));
            var page = await paging.ReadAsync<IncidentSummary>(parsed, client, query, "api/v1/incidents", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, CursorPaging.Json(page));
            }
            else
            {
                await WriteTableAsync(host.Out, page.Items);
                await paging.WriteFooterAsync(host.Out, page.NextCursor);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<IncidentSummary> items)
    {
        if (items.Count == 0)
        {
            await output.WriteLineAsync("No incidents match.");
            return;
        }
        TextTable.Write(output, items.Select(i => (IReadOnlyList<string>)
        [
            i.Reference,
            i.Severity,
            i.Status,
            i.Kind,
            Formats.Instant(i.BecameAwareAt),
            i.ContainedAt is { } contained ? Formats.Instant(contained) : "-",
            TextTable.Shorten(i.Title, TitleWidth),
            i.Id.ToString(),
        ]), Headers);
    }
}
