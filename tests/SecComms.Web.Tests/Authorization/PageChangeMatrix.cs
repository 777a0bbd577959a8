using static SecComms.Web.Tests.Authorization.PageAnswers;

namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// Every POST handler of the communication pages, each with the fields its form sends, asked of every record it can
/// name and of one in the state it needs. Each call is made on a fresh copy of the fixtures, with an antiforgery token
/// from the page as the persona sees it.
/// </summary>
public static partial class PageChangeMatrix
{
    private const string Details = "/communications/{id:guid}";

    private static readonly Dictionary<string, string> Safe = new() { ["Sensitive"] = "false", ["Accurate"] = "true", ["Financial"] = "true", ["Effect"] = "false" };

    private static readonly Dictionary<string, string> Text = new()
    {
        ["Revision"] = "1",
        ["Title"] = "Changed on the page",
        ["Body"] = "# Changed on the page",
        ["EmailSubject"] = "Changed on the page",
        ["EmailBody"] = "Changed on the page.",
        ["ShortText"] = "Changed on the page.",
        ["SupportFaq"] = "Q: What changed?\nA: The page.",
    };

    public static IEnumerable<PageProbe> All(MatrixFixture f) =>
    [
        .. Communications(f.Records), .. Incidents(f.Records), .. Exceptions(f.Records), .. ReleasesAndVulnerabilities(f.Records), .. Audiences(f.Records),
        .. Webhooks(f.Records, f.Webhooks.Url("/second")), .. PeoplePages(f.Records), .. Policy(f.Records), .. Accounts(f.Records),
    ];

    public static IEnumerable<PageProbe> Communications(MatrixRecords r)
    {
        yield return Post("/communications/new", null, "", Changes(_ => true, May.Write).WritersOnly(),
            new() { ["Category"] = "security-blog-post", ["Title"] = "A new post" });
        foreach (var (id, sees, author, email) in new (string, Func<Persona, bool>, Persona, bool)[]
        {
            (r.Confidential, May.SeeConfidential, People.Author, true),
            (r.Embargoed, May.SeeEmbargoed, People.Appsec, false),
            (r.PublicDraft, May.SeePublic, People.Author, false),
        })
        {
            var confidential = id == r.Confidential;
            var generated = id == r.Embargoed;
            yield return Post("/communications/{id:guid}/edit", "Preview", id, Computes(sees).WritersOnly(), new() { ["Body"] = "# Preview" });
            yield return Post("/communications/{id:guid}/edit", "Save", id, Changes(sees, May.Write).WritersOnly(), Text);
            yield return Post(Details, "Submit", id, Changes(sees, May.Write));
            yield return Post(Details, "Approve", id, Refused(sees), new() { ["PackageHash"] = new string('0', 64) });
            yield return Post(Details, "Reject", id, Refused(sees), new() { ["PackageHash"] = new string('0', 64), ["Comment"] = "No." });
            yield return Post(Details, "Advice", id, Refused(sees), new() { ["PackageHash"] = new string('0', 64), ["Comment"] = "Fine." });
            yield return Post(Details, "Schedule", id, Refused(sees), new() { ["At"] = "2026-12-24T09:00" });
            yield return Post(Details, "Publish", id, Refused(sees), new() { ["Confirm"] = "true" });
            yield return Post(Details, "Links", id, generated ? Refused(sees) : Changes(sees, May.Publish), new() { ["EmbargoUntil"] = "2026-12-24T09:00" });
            yield return Post(Details, "Audience", id, email ? Changes(sees, May.Publish) : Refused(sees), new() { ["Audience"] = "segment:" + MatrixFixture.SegmentKey });
            yield return Post(Details, "TestSend", id, email ? Changes(sees, May.Publish) : Refused(sees));
            yield return Post(Details, "Safe", id, confidential ? Refused(sees) : Changes(sees, p => May.AnswerSafe(p, author)), Safe);
            yield return Post(Details, "Withdraw", id, Changes(sees, May.Publish), new() { ["Reason"] = "Not needed.", ["Confirm"] = "true" });
            yield return Post(Details, "NoPublicNotification", id, Refused(sees), new() { ["Reason"] = "No public notification.", ["Confirm"] = "true" });
            yield return Post(Details, "QuorumFallback", id, Refused(sees), Confirmed(new() { ["Reason"] = "Nobody answers." }));
            yield return Post(Details, "ShipWithRelease", id, Refused(sees), new() { ["armed"] = "true" });
        }
        foreach (var handler in new[] { "Submit", "Approve", "Reject", "Advice", "Schedule", "Publish", "Links", "Audience", "TestSend", "Safe", "Withdraw",
            "NoPublicNotification", "QuorumFallback", "ShipWithRelease" })
        {
            yield return Post(Details, handler, MatrixRecords.Nothing, Refused(_ => false), Confirmed(new() { ["Reason"] = "Why not.", ["Comment"] = "Why not." }));
        }
        yield return Post("/communications/{id:guid}/edit", "Preview", MatrixRecords.Nothing, Computes(_ => false).WritersOnly(), new() { ["Body"] = "# Preview" });
        yield return Post("/communications/{id:guid}/edit", "Save", MatrixRecords.Nothing, Refused(_ => false).WritersOnly(), Text);

        yield return Post(Details, "Approve", r.InReview, Changes(May.SeePublic, p => May.DecideSecurityStage(p, People.Author)),
            new() { ["PackageHash"] = r.InReviewHash });
        yield return Post(Details, "Reject", r.InReview, Changes(May.SeePublic, p => May.DecideSecurityStage(p, People.Author)),
            new() { ["PackageHash"] = r.InReviewHash, ["Comment"] = "Say which apps." });
        yield return Post(Details, "Advice", r.Consulted, Changes(May.SeePublic, May.GiveSecurityAdvice), new() { ["PackageHash"] = r.ConsultedHash, ["Comment"] = "Name no researcher." });
        yield return Post(Details, "Schedule", r.Approved, Changes(May.SeePublic, May.Publish), new() { ["At"] = "2026-12-24T09:00" });
        yield return Post(Details, "Publish", r.Approved, Changes(May.SeePublic, May.Publish), new() { ["Confirm"] = "true" });
        yield return Post(Details, "Publish", r.Approved, Changes(May.SeePublic, _ => false));
        yield return Post(Details, "ShipWithRelease", r.Armable, Changes(May.SeePublic, May.Publish), new() { ["armed"] = "true" });
        yield return Post(Details, "QuorumFallback", r.QuorumMessage, Changes(May.SeeIncidentMessage, May.InvokeQuorumFallback),
            Confirmed(new() { ["Reason"] = "The S1 message is overdue." }));
        yield return Post(Details, "QuorumFallback", r.QuorumMessage, Changes(May.SeeIncidentMessage, _ => false), new() { ["Reason"] = "The S1 message is overdue." });
        yield return Post(Details, "NoPublicNotification", r.DecidedMessage, Changes(May.SeeIncidentMessage, May.InvokeQuorumFallback),
            new() { ["Reason"] = "The incident's decision stands.", ["Confirm"] = "true" });
    }

    /// <summary>The fields of a form whose step cannot be undone, with its confirmation ticked.</summary>
    private static Dictionary<string, string> Confirmed(Dictionary<string, string>? fields = null) => new(fields ?? []) { ["Confirm"] = "true" };

    private static PageProbe Post(string route, string? handler, string target, Answer expected, Dictionary<string, string>? fields = null,
        string query = "") =>
        new("POST", route, handler, target, expected, fields is null ? null : new PageForm(fields), query);
}
