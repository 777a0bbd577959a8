using static SecComms.Web.Tests.Authorization.PageAnswers;

namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// Every endpoint that is neither the API nor a page: the public site's feed, exports, CSAF directory, calendar and
/// security.txt, the OpenAPI document and the health probes. They answer everyone alike, and an advisory held for its
/// release is not there. So do the single sign-on endpoints, open to anyone by design: the start of a sign-in sends
/// everyone to the provider, and the back-channel logout acts on the provider's signed logout token alone, whoever
/// posts it (a forged one changes nothing; a real one naming no one here, nothing either).
/// </summary>
public static class PublicReadMatrix
{
    public static IEnumerable<PublicProbe> For(MatrixFixture f)
    {
        var r = f.Records;
        var held = r.EmbargoedReference;
        yield return new("/advisories/feed.atom", "/advisories/feed.atom", Anyone(200));
        yield return new("/advisories/feed.atom", "/advisories/feed.atom?product=Acme%20Platform", Anyone(400));
        yield return new("/advisories/{reference}/{file}", $"/advisories/{held}/csaf.json", Anyone(404));
        yield return new("/advisories/{reference}/{file}", $"/advisories/{held}/osv.json", Anyone(404));
        yield return new("/.well-known/csaf/provider-metadata.json", "/.well-known/csaf/provider-metadata.json", Anyone(200));
        yield return new("/.well-known/csaf/white/feed-tlp-white.json", "/.well-known/csaf/white/feed-tlp-white.json", Anyone(200));
        yield return new("/.well-known/csaf/white/index.txt", "/.well-known/csaf/white/index.txt", Anyone(200));
        yield return new("/.well-known/csaf/white/changes.csv", "/.well-known/csaf/white/changes.csv", Anyone(200));
        yield return new("/.well-known/csaf/white/{year}/{file}", $"/.well-known/csaf/white/2026/{held.ToLowerInvariant()}.json", Anyone(404));
        yield return new("/.well-known/security.txt", "/.well-known/security.txt", Anyone(200));
        yield return new("/security.txt", "/security.txt", Anyone(301));
        yield return new("/releases/calendar.ics", "/releases/calendar.ics", Anyone(200));
        yield return new("/openapi/{documentName}.json", "/openapi/v1.json", Anyone(200));
        yield return new("/healthz", "/healthz", Anyone(200));
        yield return new("/readyz", "/readyz", Anyone(200));
        yield return new("/signin/provider", "/signin/provider?returnUrl=%2Ftokens", Anyone(302));
        yield return new("/signin-oidc/backchannel-logout", "/signin-oidc/backchannel-logout", Anyone(400), "POST",
            new Dictionary<string, string> { ["logout_token"] = f.ForgedLogoutToken });
        yield return new("/signin-oidc/backchannel-logout", "/signin-oidc/backchannel-logout", Anyone(200), "POST",
            new Dictionary<string, string> { ["logout_token"] = f.LogoutTokenOfNoOne });
    }
}
