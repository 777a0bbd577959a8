using System.CommandLine;
using System.Globalization;
using SecComms.Cli.Output;

namespace SecComms.Cli.Client;

/// <summary><c>--offset</c> and <c>--limit</c> for lists the API pages by offset, and the line that says how to see more.</summary>
/// <param name="noun">What is listed, such as "contacts".</param>
internal sealed class Paging(string noun)
{
    private readonly Option<int?> _offset = new("--offset") { Description = $"Skip this many {noun} [default: 0].", HelpName = "n" };
    private readonly Option<int?> _limit = new("--limit") { Description = $"How many {noun} to list, 1 to 500 [default: 100].", HelpName = "n" };

    public void AddTo(Command command)
    {
        command.Options.Add(_offset);
        command.Options.Add(_limit);
    }

    public void Apply(ParseResult parsed, Query query) =>
        query.Add("offset", parsed.GetValue(_offset)?.ToString(CultureInfo.InvariantCulture))
            .Add("limit", parsed.GetValue(_limit)?.ToString(CultureInfo.InvariantCulture));

    public async Task WriteFooterAsync(TextWriter output, ParseResult parsed, int shown, int total)
    {
        var offset = parsed.GetValue(_offset) ?? 0;
        if (offset + shown < total)
        {
            await output.WriteLineAsync(
                $"{Formats.Number(offset + 1)} to {Formats.Number(offset + shown)} of {Formats.Number(total)} {noun}; --offset {Formats.Number(offset + shown)} lists the next.");
        }
    }
}
