using System.CommandLine;
using System.Globalization;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Releases;

/// <summary><c>seccomms releases calendar</c>: GET /api/v1/releases/calendar as a table, or as JSON for scripts.</summary>
internal static class CalendarCommand
{
    public static readonly IReadOnlyList<string> Headers = ["DATE", "DAY", "KIND", "LOCAL TIME", "UTC", "MOVED FROM"];

    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var count = new Option<int?>("--count") { Description = "How many releases, 1 to 100 [default: 12].", HelpName = "n" };
        var from = new Option<string>("--from") { Description = "Start on this date (yyyy-MM-dd, in the calendar's time zone) instead of now.", HelpName = "date" };
        var json = JsonOption.Create();
        var command = new Command("calendar", "List the next regular and security releases the calendar rules give.")
        {
            count, from, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var raw = await client.GetAsync(Path(parsed.GetValue(count), parsed.GetValue(from)), cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
            }
            else
            {
                await WriteAsync(host.Out, client.Read<CalendarDetail>(raw));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Path(int? count, string? from)
    {
        var query = new List<string>();
        if (count is { } n)
        {
            query.Add("count=" + n.ToString(CultureInfo.InvariantCulture));
        }
        if (!string.IsNullOrEmpty(from))
        {
            query.Add("from=" + Uri.EscapeDataString(from));
        }
        return "api/v1/releases/calendar" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }

    private static async Task WriteAsync(TextWriter output, CalendarDetail calendar)
    {
        await output.WriteLineAsync(
            $"Releases at {calendar.TimeOfDay} {calendar.TimeZone}; regular: {calendar.Regular}; security: {calendar.Security}.");
        if (calendar.Entries.Count == 0)
        {
            await output.WriteLineAsync("No releases.");
            return;
        }
        TextTable.Write(output, calendar.Entries.Select(e => (IReadOnlyList<string>)
        [
            Date(e.Date),
            e.Date.ToString("ddd", CultureInfo.InvariantCulture),
            e.Kind,
            e.LocalTime.ToString("HH:mm zzz", CultureInfo.InvariantCulture),
            Formats.Instant(e.At),
            e.MovedFrom is { } moved ? Date(moved) : "",
        ]), Headers);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
