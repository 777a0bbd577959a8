using static SecComms.Web.Tests.Authorization.Answers;

namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// Every POST, PUT, PATCH and DELETE under <c>/api/v1</c> to a communication, each with a minimal valid body, asked of
/// every record it can name and of one in the state it needs: who it is carried out for, and how everyone else is
/// refused. Each call is made on a fresh copy of the fixtures.
/// </summary>
public static partial class ChangeMatrix
{
    private static readonly DateTimeOffset Later = new(2026, 12, 24, 9, 0, 0, TimeSpan.Zero);

    private static readonly string NoHash = new('0', 64);

    /// <summary>The drafts a rule hides or shows, each with who sees it and who wrote it.</summary>
    private static IEnumerable<(string Id, Func<Persona, bool> Sees, Persona Author, bool Incident, bool Email)> Drafts(MatrixRecords r) =>
    [
        (r.Confidential, May.SeeConfidential, People.Author, Incident: true, Email: true),
        (r.Embargoed, May.SeeEmbargoed, People.Appsec, Incident: false, Email: false),
        (r.PublicDraft, May.SeePublic, People.Author, Incident: false, Email: false),
    ];

    public static IEnumerable<Probe> All(MatrixFixture f) =>
    [
        .. Communications(f.Records), .. Incidents(f.Records), .. VulnerabilitiesAndReleases(f.Records), .. Exceptions(f.Records),
        .. Distribution(f.Records, f.Webhooks.Url("/second")), .. IdentityAndPolicy(f.Records),
    ];

    public static IEnumerable<Probe> Communications(MatrixRecords r)
    {
        yield return new("POST", "/communications", "", Create(May.Write, 201), new { category = "security-blog-post", title = "A new post" });
        foreach (var (id, sees, author, incident, email) in Drafts(r))
        {
            var confidential = id == r.Confidential;
            var generated = id == r.Embargoed;
            yield return new("POST", "/communications/{id:guid}/content", id, Change(sees, May.Write, 200), new { title = "Changed" });
            yield return new("POST", "/communications/{id:guid}/submit", id, Change(sees, May.Write, 200));
            yield return new("POST", "/communications/{id:guid}/approvals", id, Conflict(sees, May.Write), new { decision = "approve", packageHash = NoHash });
            // No document says who decides whether customers are affected: any member who sees it may, as for an edit.
            yield return new("POST", "/communications/{id:guid}/customers-affected", id, Change(sees, May.Write, 200), new { customersAffected = true });
            yield return new("POST", "/communications/{id:guid}/emergency", id, Change(sees, May.Publish, 200), new { emergency = true });
            yield return new("POST", "/communications/{id:guid}/quorum-fallback", id, QuorumFallback(sees), new { reason = "Nobody answers." });
            yield return new("PUT", "/communications/{id:guid}/safe", id,
                confidential ? Conflict(sees, May.Write) : Change(sees, p => May.AnswerSafe(p, author), 200),
                new { sensitive = false, accurate = true, financial = true, effect = false });
            yield return new("POST", "/communications/{id:guid}/schedule", id, Conflict(sees, May.Publish), new { at = Later });
            yield return new("POST", "/communications/{id:guid}/publish", id, Conflict(sees, May.Publish), new { });
            yield return new("POST", "/communications/{id:guid}/withdraw", id, Change(sees, May.Publish, 200), new { reason = "Not needed." });
            // Only an incident's message is closed with no public notification, and only once the incident's decision stands.
            yield return new("POST", "/communications/{id:guid}/decision", id, Conflict(sees, incident ? May.InvokeQuorumFallback : May.Write),
                new { reason = "No public notification." });
            // What a release generated stays linked to it.
            yield return new("PUT", "/communications/{id:guid}/links", id, generated ? Conflict(sees, May.Publish) : Change(sees, May.Publish, 200),
                new { embargoUntil = Later });
            yield return new("PUT", "/communications/{id:guid}/audience", id,
                email ? Change(sees, May.Publish, 200) : Conflict(sees, May.Publish, status: 400), new { segment = MatrixFixture.SegmentKey });
            yield return new("POST", "/communications/{id:guid}/test-send", id, email ? Change(sees, May.Publish, 201) : Conflict(sees, May.Publish));
            yield return new("PUT", "/communications/{id:guid}/ship-with-release", id, Conflict(sees, May.Publish), new { armed = true });
        }
        foreach (var probe in CommunicationChangesOf(MatrixRecords.Nothing))
        {
            yield return probe;
        }
        yield return new("POST", "/communications/{id:guid}/approvals", r.InReview, Change(May.SeePublic, p => May.DecideSecurityStage(p, People.Author), 201),
            new { decision = "approve", packageHash = r.InReviewHash });
        yield return new("POST", "/communications/{id:guid}/approvals", r.InReview, Change(May.SeePublic, p => May.DecideSecurityStage(p, People.Author), 201),
            new { decision = "reject", packageHash = r.InReviewHash, comment = "Say which apps." });
        yield return new("POST", "/communications/{id:guid}/approvals", r.Consulted, Change(May.SeePublic, May.GiveSecurityAdvice, 201),
            new { decision = "advice", packageHash = r.ConsultedHash, comment = "Name no researcher." });
        yield return new("POST", "/communications/{id:guid}/schedule", r.Approved, Change(May.SeePublic, May.Publish, 200), new { at = Later });
        yield return new("POST", "/communications/{id:guid}/publish", r.Approved, Change(May.SeePublic, May.Publish, 200), new { });
        yield return new("PUT", "/communications/{id:guid}/ship-with-release", r.Armable, Change(May.SeePublic, May.Publish, 200), new { armed = true });
        yield return new("POST", "/communications/{id:guid}/quorum-fallback", r.QuorumMessage, Create(May.InvokeQuorumFallback, 200),
            new { reason = "The S1 message is overdue." });
        yield return new("POST", "/communications/{id:guid}/decision", r.DecidedMessage, Change(May.SeeIncidentMessage, May.InvokeQuorumFallback, 200),
            new { reason = "The incident's decision stands." });
    }

    /// <summary>Every change to a communication that does not exist: refused as for one the person may not see.</summary>
    private static IEnumerable<Probe> CommunicationChangesOf(string id) =>
        from change in new (string Method, string Route, object? Body)[]
        {
            ("POST", "/communications/{id:guid}/content", new { title = "Changed" }),
            ("POST", "/communications/{id:guid}/submit", null),
            ("POST", "/communications/{id:guid}/approvals", new { decision = "approve", packageHash = NoHash }),
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
        }
        select new Probe(change.Method, change.Route, id, change.Route.EndsWith("/quorum-fallback", StringComparison.Ordinal) ? QuorumFallback(_ => false) : Hidden,
            change.Body);

    /// <summary>
    /// Only the security team invokes the quorum fallback, so everyone else is refused before anything is looked up; for
    /// the security team it is available only to a message in review whose nearest clock is due within the hour.
    /// </summary>
    private static Answer QuorumFallback(Func<Persona, bool> sees) =>
        p => p.Anonymous ? Outcome.Unchanged(401) : !May.InvokeQuorumFallback(p) ? Outcome.Unchanged(403) : Outcome.Unchanged(sees(p) ? 409 : 404);
}
