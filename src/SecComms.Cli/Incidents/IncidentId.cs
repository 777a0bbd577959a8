using System.CommandLine;
using SecComms.Cli.Client;

namespace SecComms.Cli.Incidents;

/// <summary>A incident named by its id or by its reference (INC-3), as people say it.</summary>
internal static class IncidentId
{
    private static readonly ReferenceId Reference = new("INC", "incident", "api/v1/incidents", "seccomms incidents list");

    public static string Help => Reference.Help;

    public static Argument<string> Create() => Reference.Argument();

    public static Task<Guid> ResolveAsync(ParseResult parsed, Argument<string> id, ApiClient client, CancellationToken cancellationToken) =>
        Reference.ResolveAsync(parsed, id, client, cancellationToken);

    public static Task<Guid> ResolveAsync(string value, ApiClient client, CancellationToken cancellationToken) =>
        Reference.ResolveAsync(value, client, cancellationToken);
}
