using System.CommandLine;
using System.Globalization;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Releases;

/// <summary><c>seccomms releases plan</c>: a new security release with its kind, product, versions and date.</summary>
internal static class PlanReleaseCommand
{
    public static readonly string[] Kinds = ["planned", "critical", "emergency"];

    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var kind = new Option<string>("--kind")
        {
            Description = "planned (the monthly security release), critical or emergency (outside the schedule, on emergency deadlines).",
            Required = true,
        };
        kind.AcceptOnlyFromAmong(Kinds);
        var product = new Option<string>("--product") { Description = "The product it ships, as its communications name it.", Required = true, HelpName = "name" };
        var versions = new Option<string[]>("--version")
        {
            Description = "A version it ships, such as 18.4.2; repeat for each minor line, newest first.",
            Required = true,
            HelpName = "version",
        };
        var date = new Option<string>("--date")
        {
            Description = "When it is planned to ship: a date (2026-12-10, midnight UTC) or a time with an offset (2026-12-10T14:00:00Z).",
            HelpName = "date",
        };
        var title = new Option<string>("--title") { Description = "What people call it [default: its versions, such as \"18.4.2, 18.3.5\"].", HelpName = "text" };
        var json = JsonOption.Create();
        var command = new Command("plan", "Plan a security release (security and appsec teams); bundle its vulnerabilities next.")
        {
            kind, product, versions, date, title, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var plannedFor = parsed.GetValue(date) is { } text ? ParseDate(text) : (DateTimeOffset?)null;
            using var client = api.Connect(parsed, host);
            var raw = await client.PostAsync("api/v1/releases", new
            {
                title = parsed.GetValue(title),
                kind = parsed.GetValue(kind),
                plannedFor,
                product = parsed.GetValue(product),
                versions = parsed.GetValue(versions),
            }, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
            }
            else
            {
                var r = client.Read<ReleaseSummary>(raw);
                var when = r.PlannedFor is { } at ? $" for {Formats.Instant(at)}" : "";
                await host.Out.WriteLineAsync($"{r.Reference}: {r.Title}, a {r.Kind} release of {r.Product}, is planned{when}. Id: {r.Id}");
                if (r.CalendarWarning is { } warning)
                {
                    await host.Out.WriteLineAsync($"Note: {warning}");
                }
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static DateTimeOffset ParseDate(string text) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day) ? day
        : text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw CliException.Usage($"--date '{text}' is not a date such as 2026-12-10 or a time such as 2026-12-10T14:00:00Z.");
}
