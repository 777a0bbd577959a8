using System.CommandLine;
using SecComms.Cli.Client;

namespace SecComms.Cli.Releases;

/// <summary>A security release named by its id or by its reference (SR-3), as people say it.</summary>
internal static class ReleaseId
{
    private static readonly ReferenceId Reference = new("SR", "security release", "api/v1/releases", "seccomms releases list");

    public static string Help => Reference.Help;

    public static Argument<string> Create() => Reference.Argument();

    public static Task<Guid> ResolveAsync(ParseResult parsed, Argument<string> id, ApiClient client, CancellationToken cancellationToken) =>
        Reference.ResolveAsync(parsed, id, client, cancellationToken);

    public static Task<Guid> ResolveAsync(string value, ApiClient client, CancellationToken cancellationToken) =>
        Reference.ResolveAsync(value, client, cancellationToken);
}
