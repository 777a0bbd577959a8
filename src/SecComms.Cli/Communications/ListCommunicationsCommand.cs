using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Communications;

/// <summary><c>seccomms communications list</c>: GET /api/v1/communications as a table, or as JSON for scripts.</summary>
internal static class ListCommunicationsCommand
{
    public const int TitleWidth = 60;

    public static readonly IReadOnlyList<string> Headers = ["REFERENCE", "STATUS", "CATEGORY", "TITLE", "REVISION", "ID"];

    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var status = new Option<string>("--status") { Description = "Only communications in this status, e.g. draft." };
        var category = new Option<string>("--category") { Description = "Only this category, by its policy key, e.g. security-release." };
        var mine = new Option<bool>("--mine") { Description = "Only communications you created." };
        var search = new Option<string>("--search") { Description = "Only titles containing this text (case-insensitive).", HelpName = "text" };
        var json = JsonOption.Create();
        var paging = new CursorPaging("communications");
        var command = new Command("list", "List the communications you may see, newest first.")
        {
            status, category, mine, search, json,
        };
        paging.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var query = new Query().Add("status", parsed.GetValue(status)).Add("category", parsed.GetValue(category))
                .Add("mine", parsed.GetValue(mine) ? "true" : null).Add("q", parsed.GetValue(search));
            var page = await paging.ReadAsync<CommunicationSummary>(parsed, client, query, "api/v1/communications", cancellationToken);
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

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<CommunicationSummary> items)
    {
        if (items.Count == 0)
        {
            await output.WriteLineAsync("No communications match.");
            return;
        }
        TextTable.Write(output, items.Select(c => (IReadOnlyList<string>)
        [
            c.Reference,
            c.Status,
            c.Category,
            TextTable.Shorten(c.Title, TitleWidth),
            Formats.Number(c.CurrentRevision),
            c.Id.ToString(),
        ]), Headers);
    }
}
