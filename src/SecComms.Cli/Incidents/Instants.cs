using System.CommandLine;
using System.Globalization;

namespace SecComms.Cli.Incidents;

/// <summary>The times incident commands take: ISO 8601 with a date and a time, UTC unless an offset is given.</summary>
internal static class Instants
{
    public const string Help = "ISO 8601, such as 2026-11-02T08:30:00Z (UTC unless an offset is given)";

    public static Option<string> Option(string name, string description) =>
        new(name) { Description = $"{description}, {Help}.", HelpName = "time" };

    public static DateTimeOffset? Read(ParseResult parsed, Option<string> option) =>
        parsed.GetValue(option) is { } text ? Parse(option.Name, text) : null;

    /// <remarks>A bare date is refused: for a regulatory clock the hour matters, so it is never guessed.</remarks>
    public static DateTimeOffset Parse(string name, string text) =>
        text.Contains('T', StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw CliException.Usage($"{name} '{text}' is not a time such as 2026-11-02T08:30:00Z.");
}
