using static SecComms.Web.Tests.Authorization.Answers;

namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// Every POST, PUT, PATCH and DELETE under <c>/api/v1</c>, each with a minimal valid body, asked only as people who
/// must be refused: a change to a hidden record is answered as if it did not exist, and changes nothing.
/// </summary>
public static class ChangeMatrix
{
    private static readonly DateTimeOffset Later = new(2026, 12, 24, 9, 0, 0, TimeSpan.Zero);

    private static readonly object Extension = new
    {
        justification = "The fix slipped a week.",
        alternativesConsidered = "Waiting.",
        compensatingControls = "Monitoring.",
        risk = "high",
        periodDays = 7,
    };

    private static readonly (string Method, string Route, object? Body)[] CommunicationChanges =
    [
        ("POST", "/communications/{id:guid}/content", new { title = "Changed by an outsider" }),
        ("POST", "/communications/{id:guid}/submit", null),
        ("POST", "/communications/{id:guid}/approvals", new { decision = "approve", packageHash = new string('0', 64) }),
        ("POST", "/communications/{id:guid}/customers-affected", new { customersAffected = true }),
        ("POST", "/communications/{id:guid}/emergency", new { emergency = true }),
        ("POST", "/communications/{id:guid}/quorum-fallback", new { reason = "Nobody answers." }),
        ("PUT", "/communications/{id:guid}/safe", new { sensitive = false, accurate = true, financial = false, effect = false }),
        ("POST", "/communications/{id:guid}/schedule", new { at = Later }),
        ("POST", "/communications/{id:guid}/publish", new { }),
        ("POST", "/communications/{id:guid}/withdraw", new { reason = "Not needed." }),
        ("POST", "/communications/{id:guid}/decision", new { reason = "No public notification." }),
        ("PUT", "/communications/{id:guid}/links", new { embargoUntil = Later }),
        ("PUT", "/communications/{id:guid}/audience", new { segment = MatrixFixture.SegmentKey }),
        ("POST", "/communications/{id:guid}/test-send", null),
        ("PUT", "/communications/{id:guid}/ship-with-release", new { armed = true }),
    ];

    private static readonly (string Method, string Route, object? Body)[] IncidentChanges =
    [
        ("PATCH", "/incidents/{id:guid}", new { title = "Changed by an outsider" }),
        ("POST", "/incidents/{id:guid}/status", new { status = "contained" }),
        ("POST", "/incidents/{id:guid}/contain", new { at = Later }),
        ("POST", "/incidents/{id:guid}/timeline", new { kind = "note", text = "hello" }),
        ("POST", "/incidents/{id:guid}/clocks/{key}/met", new { evidence = "Filed." }),
        ("POST", "/incidents/{id:guid}/engagements", new { party = "legal" }),
        ("POST", "/incidents/{id:guid}/messages", new { part = "initial-notice" }),
        ("PUT", "/incidents/{id:guid}/no-public-notification", new { reason = "Nobody outside was affected." }),
        ("POST", "/incidents/{id:guid}/no-public-notification/approve", null),
    ];

    /// <summary>Changes to the confidential and embargoed communications, the incident, the vulnerability and the exception.</summary>
    public static IEnumerable<Probe> HiddenRecords(MatrixFixture f)
    {
        Persona[] outsiders = [People.Anonymous, .. People.Outsiders];
        foreach (var (method, route, body) in CommunicationChanges)
        {
            var refused = route.EndsWith("/quorum-fallback", StringComparison.Ordinal) ? When(May.InvokeQuorumFallback, 404, 403) : Hidden;
            foreach (var record in new[] { f.Confidential, f.Embargoed, f.Nothing })
            {
                yield return new(method, route, record, refused, body, AskedAs: outsiders);
            }
            yield return new(method, route, f.PublicDraft, Everyone(403), body, AskedAs: [People.Viewer]);
        }
        foreach (var (method, route, body) in IncidentChanges)
        {
            yield return new(method, route, f.Incident, Everyone(404), body, Key: "gdpr", AskedAs: outsiders);
            yield return new(method, route, f.Nothing, Everyone(404), body, Key: "gdpr", AskedAs: outsiders);
        }
        foreach (var record in new[] { f.Vulnerability, f.Nothing })
        {
            yield return new("PATCH", "/vulnerabilities/{id:guid}", record, When(May.SeeEmbargoed, 404, 403), new { title = "Changed" }, AskedAs: outsiders);
            yield return new("POST", "/vulnerabilities/{id:guid}/status", record, When(May.SeeEmbargoed, 404, 403), new { status = "disclosed" },
                AskedAs: outsiders);
        }
        yield return new("POST", "/exceptions", "", Hidden, Exceptions.ExceptionsApi.Request(f.Confidential), AskedAs: outsiders);
        foreach (var record in new[] { f.Exception, f.Nothing })
        {
            yield return new("POST", "/exceptions/{id:guid}/approve", record, Hidden, new { comment = "Fine." }, AskedAs: outsiders);
            yield return new("POST", "/exceptions/{id:guid}/reject", record, Hidden, new { reason = "No." }, AskedAs: outsiders);
            yield return new("POST", "/exceptions/{id:guid}/revoke", record, Hidden, new { reason = "No." }, AskedAs: outsiders);
            yield return new("POST", "/exceptions/{id:guid}/extend", record, Hidden, Extension, AskedAs: outsiders);
        }
    }

    /// <summary>Every other change, asked without a token and as a signed-in person it must refuse.</summary>
    public static IEnumerable<Probe> Others(MatrixFixture f)
    {
        Persona[] product = [People.Anonymous, People.Product];
        Persona[] viewer = [People.Anonymous, People.Viewer];
        yield return new("POST", "/communications", "", Everyone(403), new { category = "security-blog-post", title = "By a viewer" }, AskedAs: viewer);
        yield return new("PUT", "/policy", "", Everyone(403), new RawBody("categories: {}\n", "application/yaml"), AskedAs: product);
        yield return new("POST", "/tokens", "", Everyone(201), new { name = "matrix" }, AskedAs: viewer);
        yield return new("DELETE", "/tokens/{id:guid}", f.Nothing, Everyone(404), AskedAs: product);
        yield return new("POST", "/users", "", Everyone(403), new { email = "new@example.com", name = "New", teams = new[] { "product" } }, AskedAs: product);
        yield return new("POST", "/incidents", "", Everyone(403), new { title = "By product", kind = "breach", severity = "s4", becameAwareAt = Later },
            AskedAs: product);
        yield return new("POST", "/releases", "", Everyone(403), new { kind = "planned", product = "Acme Platform", plannedFor = Later }, AskedAs: product);
        yield return new("PUT", "/releases/{id:guid}/vulnerabilities", f.Release, Everyone(403), new { vulnerabilityIds = Array.Empty<Guid>() },
            AskedAs: product);
        yield return new("POST", "/releases/{id:guid}/prepare", f.Release, Everyone(403), AskedAs: product);
        yield return new("POST", "/releases/{id:guid}/publish", f.Release, Everyone(403), AskedAs: product);
        yield return new("POST", "/vulnerabilities", "", Everyone(403), Releases.ReleaseApi.Xss(), AskedAs: product);
        yield return new("POST", "/cvss/score", "", Everyone(200), new { vector = Releases.ReleaseApi.Critical31 }, AskedAs: product);
        yield return new("POST", "/organizations", "", Everyone(403), new { name = "Initech" }, AskedAs: product);
        yield return new("PUT", "/organizations/{id:guid}", f.Nothing, Everyone(403), new { name = "Initech" }, AskedAs: product);
        yield return new("POST", "/contacts", "", Everyone(403), new { email = "bill@initech.example", name = "Bill", organization = "Initech" },
            AskedAs: product);
        yield return new("POST", "/contacts/import", "", Everyone(403), new RawBody("email,name,organization\nbill@initech.example,Bill,Initech\n", "text/csv"),
            AskedAs: product);
        yield return new("POST", "/audiences", "", Everyone(403), new { key = "by-product", name = "By product" }, AskedAs: product);
        yield return new("PUT", "/audiences/{key}", "", Everyone(403), new { key = MatrixFixture.SegmentKey, name = "Changed" }, AskedAs: product);
        yield return new("DELETE", "/audiences/{key}", "", Everyone(403), AskedAs: product);
        yield return new("POST", "/webhooks", "", Everyone(403), new { name = "Hook", url = "https://hooks.example/in" }, AskedAs: product);
        yield return new("PUT", "/webhooks/{id:guid}", f.Nothing, Everyone(403), new { name = "Hook", url = "https://hooks.example/in" }, AskedAs: product);
        yield return new("DELETE", "/webhooks/{id:guid}", f.Nothing, Everyone(403), AskedAs: product);
    }
}
