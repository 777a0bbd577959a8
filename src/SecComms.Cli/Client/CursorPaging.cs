using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace SecComms.Cli.Client;

/// <summary>
/// <c>--limit</c>, <c>--cursor</c> and <c>--all</c> for lists the API pages by cursor: reads the page asked for, or
/// follows <c>nextCursor</c> through every page, and says how to see more.
/// </summary>
/// <param name="noun">What is listed, such as "incidents".</param>
internal sealed class CursorPaging(string noun)
{
    private readonly Option<int?> _limit = new("--limit") { Description = $"{Capitalized(noun)} per page, 1 to 100 [default: 25].", HelpName = "n" };
    private readonly Option<string> _cursor = new("--cursor") { Description = "Start after this point: the nextCursor of a previous page." };
    private readonly Option<bool> _all = new("--all") { Description = "Follow nextCursor and list every page, not only the first." };

    public void AddTo(Command command)
    {
        command.Options.Add(_limit);
        command.Options.Add(_cursor);
        command.Options.Add(_all);
    }

    /// <summary>The pages read from <paramref name="path"/> (a query without the paging), as JSON items and as <typeparamref name="T"/>.</summary>
    public async Task<CursorPage<T>> ReadAsync<T>(ParseResult parsed, ApiClient client, Query query, string path, CancellationToken cancellationToken)
    {
        var raw = new List<JsonElement>();
        var items = new List<T>();
        var next = parsed.GetValue(_cursor);
        var limit = parsed.GetValue(_limit)?.ToString(CultureInfo.InvariantCulture);
        do
        {
            var json = await client.GetAsync(path + query.With("limit", limit).With("cursor", next), cancellationToken);
            var page = client.Read<ApiPage<T>>(json);
            raw.AddRange(json.GetProperty("items").EnumerateArray());
            items.AddRange(page.Items);
            next = page.NextCursor == next ? null : page.NextCursor;
        }
        while (parsed.GetValue(_all) && next is not null);
        return new(raw, items, next);
    }

    /// <summary>The page as the API writes one, for <c>--json</c>.</summary>
    public static object Json<T>(CursorPage<T> page) => new { items = page.Raw, nextCursor = page.NextCursor };

    public async Task WriteFooterAsync(TextWriter output, string? next)
    {
        if (next is not null)
        {
            await output.WriteLineAsync($"More {noun} follow: add --all, or --cursor {next} for the next page.");
        }
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private sealed record ApiPage<T>(List<T> Items, string? NextCursor);
}

/// <summary>What a list read: its items as the API wrote them and as read, and the cursor of the page after them.</summary>
internal sealed record CursorPage<T>(IReadOnlyList<JsonElement> Raw, IReadOnlyList<T> Items, string? NextCursor);
