using System.CommandLine;
using SecComms.Cli.Client;

namespace SecComms.Cli.People;

/// <summary>A person or service account named by its id or by its email, as people say it.</summary>
internal static class PersonArgument
{
    public static Argument<string> Create(string name = "person") =>
        new(name) { Description = "Their email, or their id (the ID column of `seccomms people list`)." };

    public static async Task<Guid> ResolveAsync(ParseResult parsed, Argument<string> argument, ApiClient client, CancellationToken cancellationToken)
    {
        var value = (parsed.GetValue(argument) ?? "").Trim();
        if (Guid.TryParse(value, out var id))
        {
            return id;
        }
        if (!value.Contains('@', StringComparison.Ordinal))
        {
            throw CliException.Usage($"'{value}' is neither an email nor an id; ids look like 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b (see `seccomms people list`).");
        }
        var everyone = client.Read<List<PersonSummary>>(await client.GetAsync("api/v1/people", cancellationToken));
        return everyone.FirstOrDefault(p => string.Equals(p.Email, value, StringComparison.OrdinalIgnoreCase))?.Id
            ?? throw CliException.Refused($"No one has the email {value} (see `seccomms people list`).");
    }
}
