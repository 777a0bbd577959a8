using System.CommandLine;

namespace SecComms.Cli.Exceptions;

/// <summary>The <c>id</c> argument every single-exception command takes.</summary>
internal static class ExceptionId
{
    public static Argument<string> Create() =>
        new("id") { Description = "The exception's id (the ID column of `seccomms exceptions list`)." };

    public static Guid Parse(ParseResult parsed, Argument<string> id)
    {
        var value = parsed.GetValue(id) ?? "";
        return Guid.TryParse(value, out var guid)
            ? guid
            : throw CliException.Usage($"'{value}' is not an exception id; ids look like 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b (see the ID column of `seccomms exceptions list`).");
    }
}
