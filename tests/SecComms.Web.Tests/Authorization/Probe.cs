using System.Text.RegularExpressions;

namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// One API request of the matrix: an endpoint's method and route pattern (as the application maps it, under
/// <c>/api/v1</c>), the record it is asked about, and the outcome each persona must get. <c>Key</c> fills a route's
/// <c>{key}</c> or <c>{tokenId:guid}</c>.
/// </summary>
public sealed partial record Probe(string Method, string Route, string Target, Answer Expected, object? Body = null, string Query = "",
    string Key = MatrixFixture.SegmentKey)
{
    public string Pattern => "/api/v1" + Route;

    public string Path => Pattern.Replace("{id:guid}", Target, StringComparison.Ordinal)
        .Replace("{tokenId:guid}", Key, StringComparison.Ordinal)
        .Replace("{number:int}", "1", StringComparison.Ordinal)
        .Replace("{format}", "csaf", StringComparison.Ordinal)
        .Replace("{key}", Key, StringComparison.Ordinal) + Query;

    public bool FillsEveryParameter => !RouteParameter().IsMatch(Path);

    public bool Changes => Method != "GET";

    public override string ToString() => $"{Method} {Path}";

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}

/// <summary>A body that is not JSON, such as the policy's YAML or a contacts CSV.</summary>
public sealed record RawBody(string Text, string MediaType);
