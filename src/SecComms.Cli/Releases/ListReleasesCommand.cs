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
        var status = new Option<string>("--status") { Description = "Only releases in this status: planned, preparing or published." };
        status.AcceptOnlyFromAmong("planned", "preparing", "published");
        var kind = new Option<string>("--kind") { Description = "Only releases of this kind: planned, critical or emergency." };
        kind.AcceptOnlyFromAmong("planned", "critical", "emergency");
        var search = new Option<string>("--search") { Description = "Only those whose title or product contains this text.", HelpName = "text" };
        var json = JsonOption.Create();
        var paging = new CursorPaging("releases");
        var command = new Command("list", "List the security releases, the most recent first, a page at a time.") { status, kind, search, json };
        paging.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var query = new Query().Add("status", parsed.GetValue(status)).Add("kind", parsed.GetValue(kind)).Add("q", parsed.GetValue(search));
            var page = await paging.ReadAsync<ReleaseSummary>(parsed, client, query, "api/v1/releases", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, CursorPaging.Json(page));
                return ExitCodes.Success;
            }
            if (page.Items.Count == 0)
            {
                await host.Out.WriteLineAsync(query.ToString().Length == 0 ? "No security releases yet." : "No security releases match.");
                return ExitCodes.Success;
            }
            TextTable.Write(host.Out, page.Items.Select(r => (IReadOnlyList<string>)
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
            await paging.WriteFooterAsync(host.Out, page.NextCursor);
            return ExitCodes.Success;
        });
        return command;
    }
}
