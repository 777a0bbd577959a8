using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Communications;

/// <summary><c>seccomms communications list</c>: GET /api/v1/communications as a table, or as JSON for scripts.</summary>
internal static class ListCommunicationsCommand
{
    public const int TitleWidth = 60;

    public static readonly IReadOnlyList<string> Headers = ["REFERENCE", "STATUS", "CATEGORY", "TITLE", "REVISION", "ID"];

    private sealed record Filters(string? Status, string? Category, bool Mine, string? Search, int? Limit);

    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var status = new Option<string>("--status") { Description = "Only communications in this status, e.g. draft." };
        var category = new Option<string>("--category") { Description = "Only this category, by its policy key, e.g. security-release." };
        var mine = new Option<bool>("--mine") { Description = "Only communications you created." };
        var search = new Option<string>("--search") { Description = "Only titles containing this text (case-insensitive).", HelpName = "text" };
        var limit = new Option<int?>("--limit") { Description = "Communications per page, 1 to 100 [default: 25].", HelpName = "n" };
        var cursor = new Option<string>("--cursor") { Description = "Start after this point: the nextCursor of a previous page." };
        var all = new Option<bool>("--all") { Description = "Follow nextCursor and list every page, not only the first." };
        var json = JsonOption.Create();
        var command = new Command("list", "List the communications you may see, newest first.")
        {
            status, category, mine, search, limit, cursor, all, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var filters = new Filters(parsed.GetValue(status), parsed.GetValue(category), parsed.GetValue(mine), parsed.GetValue(search), parsed.GetValue(limit));
            var rawItems = new List<JsonElement>();
            var items = new List<CommunicationSummary>();
            var next = parsed.GetValue(cursor);
            do
            {
                var raw = await client.GetAsync(Path(filters, next), cancellationToken);
                var page = client.Read<CommunicationPage>(raw);
                rawItems.AddRange(raw.GetProperty("items").EnumerateArray());
                items.AddRange(page.Items);
                next = page.NextCursor == next ? null : page.NextCursor;
            }
            while (parsed.GetValue(all) && next is not null);

            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, new { items = rawItems, nextCursor = next });
            }
            else
            {
                await WriteTableAsync(host.Out, items, next);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Path(Filters filters, string? cursor)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
        Add("status", filters.Status);
        Add("category", filters.Category);
        Add("mine", filters.Mine ? "true" : null);
        Add("q", filters.Search);
        Add("limit", filters.Limit?.ToString(CultureInfo.InvariantCulture));
        Add("cursor", cursor);
        return "api/v1/communications" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }

    private static async Task WriteTableAsync(TextWriter output, List<CommunicationSummary> items, string? next)
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
        if (next is not null)
        {
            await output.WriteLineAsync($"More communications follow: add --all, or --cursor {next} for the next page.");
        }
    }
}
