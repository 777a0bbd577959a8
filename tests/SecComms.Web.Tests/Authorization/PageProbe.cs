using System.Text.RegularExpressions;

namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// One page request of the matrix: a page's route (as the application maps it) and handler, the record it is asked
/// about (what fills the route's one parameter: an id, a segment key, an advisory reference or a token), the form it
/// posts, and the outcome each persona must get.
/// </summary>
public sealed partial record PageProbe(string Method, string Route, string? Handler, string Target, Answer Expected, PageForm? Form = null,
    string Query = "")
{
    public string Key => AppEndpoints.PageKey(Method, Route, Handler);

    /// <summary>The page as it is opened, whose form the post is sent from.</summary>
    public string PagePath => RouteParameter().Replace(Route, p => p.Value == "{n:int}" ? "1" : Target) + Query;

    public string Path => Handler is null ? PagePath : $"{PagePath}{(Query == "" ? "?" : "&")}handler={Handler}";

    public bool FillsEveryParameter => !RouteParameter().IsMatch(Path);

    public bool Changes => Method == "POST";

    public override string ToString() => $"{Method} {Path}";

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}

/// <summary>
/// A request to an endpoint that is neither the API nor a page: the public site's documents, feeds and probes, and the
/// single sign-on endpoints. A <c>POST</c> sends <c>Form</c> with no antiforgery token, as the provider's back channel does.
/// </summary>
public sealed record PublicProbe(string Route, string Path, Answer Expected, string Method = "GET", IReadOnlyDictionary<string, string>? Form = null)
{
    public string Key => AppEndpoints.Key(Method, Route);

    public bool Changes => Method == "POST";

    public override string ToString() => $"{Method} {Path}";
}
