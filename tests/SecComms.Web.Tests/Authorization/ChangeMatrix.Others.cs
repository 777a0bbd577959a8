using static SecComms.Web.Tests.Authorization.Answers;

namespace SecComms.Web.Tests.Authorization;

/// <summary>Every other change under <c>/api/v1</c>: incidents, vulnerabilities and releases, exceptions, audiences, webhooks, people, the policy.</summary>
public static partial class ChangeMatrix
{
    private static readonly DateTimeOffset Earlier = new(2026, 11, 2, 8, 30, 0, TimeSpan.Zero);

    private static readonly object Extension = new
    {
        justification = "The fix slipped a week.",
        alternativesConsidered = "Waiting.",
        compensatingControls = "Monitoring.",
        risk = "high",
        periodDays = 7,
    };

    public static IEnumerable<Probe> Incidents(MatrixRecords r)
    {
        yield return new("POST", "/incidents", "", Create(May.ManageIncidents, 201),
            new { title = "Phishing of the support team", kind = "breach", severity = "s4", becameAwareAt = Earlier, personalData = false });
        foreach (var id in new[] { r.Incident, MatrixRecords.Nothing })
        {
            var done = id == r.Incident;
            yield return new("PATCH", "/incidents/{id:guid}", id, Incident(done, 200), new { title = "Credential stuffing, contained" });
            yield return new("POST", "/incidents/{id:guid}/status", id, Incident(done, 200), new { status = "identified" });
            yield return new("POST", "/incidents/{id:guid}/contain", id, Incident(done, 200), new { at = Earlier });
            yield return new("POST", "/incidents/{id:guid}/timeline", id, Incident(done, 200), new { kind = "note", text = "Blocked the source addresses." });
            yield return new("POST", "/incidents/{id:guid}/clocks/{key}/met", id, Incident(done, 200), new { evidence = "Filed with the regulator." }, Key: "gdpr-art-33");
            yield return new("POST", "/incidents/{id:guid}/engagements", id, Incident(done, 200), new { party = "legal" });
            yield return new("POST", "/incidents/{id:guid}/messages", id, Incident(done, 201), new { part = "initial-notice" });
            yield return new("PUT", "/incidents/{id:guid}/no-public-notification", id, Incident(done, 200), new { reason = "Nobody outside was affected." });
        }
        // Until a decision is proposed, the incident does not exist for the approving teams outside security.
        yield return new("POST", "/incidents/{id:guid}/no-public-notification/approve", r.Incident,
            p => p.Anonymous ? Outcome.Unchanged(401) : May.ManageIncidents(p) ? Outcome.Unchanged(409) : Outcome.Unchanged(p.In("security") ? 403 : 404));
        yield return new("POST", "/incidents/{id:guid}/no-public-notification/approve", MatrixRecords.Nothing, Incident(done: false, 0));
        yield return new("POST", "/incidents/{id:guid}/no-public-notification/approve", r.ProposedIncident,
            p => p.Anonymous ? Outcome.Unchanged(401) : !May.SeeIncidentDecision(p) ? Outcome.Unchanged(404)
                : May.ApproveIncidentDecision(p, People.Security) ? Outcome.Done(200) : Outcome.Unchanged(403));
    }

    /// <summary>An incident exists only for the security team: everyone else is answered 404, as for one that does not exist.</summary>
    private static Answer Incident(bool done, int status) =>
        p => p.Anonymous ? Outcome.Unchanged(401)
            : !May.SeeIncidents(p) ? Outcome.Unchanged(404)
            : !May.ManageIncidents(p) ? Outcome.Unchanged(403)
            : done ? Outcome.Done(status) : Outcome.Unchanged(404);

    public static IEnumerable<Probe> VulnerabilitiesAndReleases(MatrixRecords r)
    {
        yield return new("POST", "/vulnerabilities", "", Create(May.ManageVulnerabilities, 201), Releases.ReleaseApi.Xss("CVE-2026-20001"));
        foreach (var id in new[] { r.Vulnerability, MatrixRecords.Nothing })
        {
            var done = id == r.Vulnerability;
            yield return new("PATCH", "/vulnerabilities/{id:guid}", id, VulnerabilityTeams(done, 200), new { title = "Remote code execution through imports" });
            yield return new("POST", "/vulnerabilities/{id:guid}/status", id, VulnerabilityTeams(done, 200), new { status = "fixing" });
        }
        yield return new("POST", "/releases", "", Create(May.ManageVulnerabilities, 201), new { kind = "planned", product = "Acme Platform", versions = new[] { "18.5.1" }, plannedFor = Later });
        yield return new("PUT", "/releases/{id:guid}/vulnerabilities", r.PlannedRelease, Create(May.ManageVulnerabilities, 200),
            new { vulnerabilityIds = new[] { r.TriageVulnerability } });
        yield return new("PUT", "/releases/{id:guid}/vulnerabilities", r.Release, Everyone(403).Refuses(May.ManageVulnerabilities, 409),
            new { vulnerabilityIds = Array.Empty<string>() });
        yield return new("POST", "/releases/{id:guid}/prepare", r.PlannedRelease, Create(May.ManageVulnerabilities, 200));
        yield return new("POST", "/releases/{id:guid}/publish", r.Release, Create(May.ManageVulnerabilities, 200));
        // The package steps: a viewer changes nothing; whoever may not see what the release generated finds nothing to act on.
        yield return new("PUT", "/releases/{id:guid}/safe", r.Release, Package(done: true, status: 200), new { sensitive = false, accurate = true, financial = false, effect = false });
        yield return new("POST", "/releases/{id:guid}/submit", r.Release, Package(done: false, status: 409));
        yield return new("POST", "/releases/{id:guid}/ship-with-release", r.Release,
            Package(done: false, status: 409).Refuses(p => May.SeeEmbargoed(p) && p.IsWriter && !May.Publish(p), 403));
        yield return new("POST", "/releases/{id:guid}/approvals", r.Release, p => Outcome.Unchanged(p.Anonymous ? 401 : p.IsViewer ? 403 : 409),
            new { decisions = new[] { new { communicationId = r.Embargoed, packageHash = new string('0', 64) } } });
        yield return new("POST", "/releases/{id:guid}/submit", r.AnsweredRelease, Package(done: true, status: 200));
        // Those who see none of what the release generated name communications that are not theirs to see (409); of the
        // others, only a member of the stage's team who wrote none of it approves.
        yield return new("POST", "/releases/{id:guid}/approvals", r.ReviewRelease,
            p => p.Anonymous ? Outcome.Unchanged(401) : p.IsViewer ? Outcome.Unchanged(403)
                : May.DecideSecurityStage(p, People.Appsec) ? Outcome.Done(200)
                : Outcome.Unchanged(May.SeeEmbargoed(p) ? 403 : 409),
            new { decisions = r.ReviewDecisions.Select(d => new { communicationId = d.Id, packageHash = d.Hash }) });
        yield return new("POST", "/releases/{id:guid}/ship-with-release", r.ApprovedRelease,
            Package(done: true, status: 200).Refuses(p => May.SeeEmbargoed(p) && p.IsWriter && !May.Publish(p), 403));
        foreach (var route in new[] { "/releases/{id:guid}/submit", "/releases/{id:guid}/ship-with-release" })
        {
            yield return new("POST", route, MatrixRecords.Nothing, p => Outcome.Unchanged(p.Anonymous ? 401 : p.IsViewer ? 403 : 404));
        }
    }

    /// <summary>Only the vulnerability teams change vulnerabilities; everyone else is refused before anything is looked up.</summary>
    /// <summary>
    /// A package step on the prepared release: those who see what it generated get <paramref name="status"/> (a change when
    /// <paramref name="done"/>), other writers an unchanged 200, viewers 403.
    /// </summary>
    private static Answer Package(bool done, int status) => p =>
        p.Anonymous ? Outcome.Unchanged(401)
        : p.IsViewer ? Outcome.Unchanged(403)
        : May.SeeEmbargoed(p) ? (done ? Outcome.Done(status) : Outcome.Unchanged(status))
        : Outcome.Unchanged(200);

    private static Answer VulnerabilityTeams(bool done, int status) =>
        Everyone(403).Refuses(p => May.ManageVulnerabilities(p) && !done, 404).Allows(p => May.ManageVulnerabilities(p) && done, status);

    public static IEnumerable<Probe> Exceptions(MatrixRecords r)
    {
        yield return new("POST", "/exceptions", "", Change(May.SeeConfidential, May.Write, 201), SecComms.Web.Tests.Exceptions.ExceptionsApi.Request(r.Confidential));
        yield return new("POST", "/exceptions/{id:guid}/approve", r.Exception, Change(May.SeeConfidential, p => May.DecideException(p, People.Author), 200),
            new { comment = "Fine." });
        yield return new("POST", "/exceptions/{id:guid}/reject", r.Exception, Change(May.SeeConfidential, p => May.DecideException(p, People.Author), 200),
            new { reason = "Wait for containment." });
        yield return new("POST", "/exceptions/{id:guid}/revoke", r.Exception, Conflict(May.SeeConfidential, May.RevokeException), new { reason = "No longer needed." });
        yield return new("POST", "/exceptions/{id:guid}/extend", r.Exception, Conflict(May.SeeConfidential, p => May.ExtendException(p, People.Author)), Extension);
        yield return new("POST", "/exceptions/{id:guid}/approve", r.ApprovedException, Conflict(May.SeeConfidential, p => May.DecideException(p, People.Author)),
            new { comment = "Fine." });
        yield return new("POST", "/exceptions/{id:guid}/reject", r.ApprovedException, Conflict(May.SeeConfidential, p => May.DecideException(p, People.Author)),
            new { reason = "Wait for containment." });
        yield return new("POST", "/exceptions/{id:guid}/revoke", r.ApprovedException, Change(May.SeeConfidential, May.RevokeException, 200),
            new { reason = "No longer needed." });
        yield return new("POST", "/exceptions/{id:guid}/extend", r.ApprovedException, Change(May.SeeConfidential, p => May.ExtendException(p, People.Author), 201),
            Extension);
        foreach (var action in new[] { "approve", "reject", "revoke", "extend" })
        {
            object body = action switch
            {
                "extend" => Extension,
                "approve" => new { comment = "Fine." },
                _ => new { reason = "No." },
            };
            yield return new("POST", $"/exceptions/{{id:guid}}/{action}", MatrixRecords.Nothing, Hidden, body);
        }
    }

    public static IEnumerable<Probe> Distribution(MatrixRecords r, string receiver)
    {
        yield return new("POST", "/organizations", "", Create(May.ManageAudiences, 201), new { name = "Globex", tier = "enterprise" });
        yield return new("PUT", "/organizations/{id:guid}", r.Organization, Create(May.ManageAudiences, 200), new { name = "Initech Ltd", tier = "enterprise" });
        yield return new("PUT", "/organizations/{id:guid}", MatrixRecords.Nothing, Everyone(403).Refuses(May.ManageAudiences, 404), new { name = "Globex" });
        yield return new("POST", "/contacts", "", Create(May.ManageAudiences, 200), new { email = "peter@initech.example", name = "Peter", organization = "Initech" });
        yield return new("POST", "/contacts/import", "", Create(May.ManageAudiences, 200),
            new RawBody("email,name,organization\nmilton@initech.example,Milton,Initech\n", "text/csv"));
        yield return new("POST", "/audiences", "", Create(May.ManageAudiences, 201), new { key = "matrix-eu", name = "Europe", regions = new[] { "eu" } });
        yield return new("PUT", "/audiences/{key}", "", Create(May.ManageAudiences, 200), new { key = MatrixFixture.SegmentKey, name = "Enterprise customers", tiers = new[] { "enterprise" } });
        yield return new("DELETE", "/audiences/{key}", "", Create(May.ManageAudiences, 204));
        yield return new("POST", "/webhooks", "", Create(May.ManageWebhooks, 201), new { name = "Second receiver", url = receiver });
        yield return new("PUT", "/webhooks/{id:guid}", r.Webhook, Create(May.ManageWebhooks, 200), new { name = "Matrix receiver", url = receiver, active = false });
        yield return new("DELETE", "/webhooks/{id:guid}", r.Webhook, Create(May.ManageWebhooks, 204));
        yield return new("PUT", "/webhooks/{id:guid}", MatrixRecords.Nothing, Everyone(403).Refuses(May.ManageWebhooks, 404), new { name = "Hook", url = receiver });
        yield return new("DELETE", "/webhooks/{id:guid}", MatrixRecords.Nothing, Everyone(403).Refuses(May.ManageWebhooks, 404));
    }

    public static IEnumerable<Probe> IdentityAndPolicy(MatrixRecords r)
    {
        yield return new("POST", "/tokens", "", Create(p => !p.Anonymous, 201), new { name = "matrix" });
        // A token is its owner's alone: to anyone else it does not exist.
        yield return new("DELETE", "/tokens/{id:guid}", r.AuthorToken, Everyone(404).Allows(p => p == People.Author, 200));
        yield return new("DELETE", "/tokens/{id:guid}", MatrixRecords.Nothing, Everyone(404));
        // An administrator gives only the teams they are in: the one in the matrix is in legal.
        yield return new("POST", "/users", "", Create(May.ManagePeople, 201), new { email = "new@example.com", name = "New", teams = new[] { "legal" } });
        yield return new("POST", "/users", "", Everyone(403), new { email = "new@example.com", name = "New", teams = new[] { "security" } });
        foreach (var probe in PeopleAndServiceAccounts(r))
        {
            yield return probe;
        }
        yield return new("PUT", "/policy", "", Create(May.ReplacePolicy, 200), new RawBody(r.PolicyYaml.Replace("name: Default", "name: Amended", StringComparison.Ordinal), "application/yaml"));
        yield return new("POST", "/cvss/score", "", Everyone(200), new { vector = Releases.ReleaseApi.Critical31 });
    }

    /// <summary>
    /// Administrators manage people; the one in the matrix is in legal, so gives only legal, and hands out a way in (a
    /// password link, a reactivation, a token) only to accounts whose teams are all legal. No one deactivates themselves.
    /// </summary>
    private static IEnumerable<Probe> PeopleAndServiceAccounts(MatrixRecords r)
    {
        var admin = r.PersonIds[People.AdminOutsideSecurity];
        var participant = r.PersonIds[People.Participant];
        var security = r.PersonIds[People.Security];
        yield return new("POST", "/people", "", Create(May.ManagePeople, 201), new { email = "new-person@example.com", name = "New", teams = new[] { "legal" } });
        yield return new("POST", "/people", "", Everyone(403), new { email = "new-person@example.com", name = "New", teams = new[] { "security" } });
        yield return new("POST", "/people/service-accounts", "", Create(May.ManagePeople, 201),
            new { email = "new-bot@example.com", name = "New bot", teams = new[] { "legal" } });
        yield return new("PATCH", "/people/{id:guid}", r.Colleague, Create(May.ManagePeople, 200), new { teams = Array.Empty<string>(), role = "viewer" });
        yield return new("PATCH", "/people/{id:guid}", r.Colleague, Everyone(403), new { teams = new[] { "legal", "security" } });
        // Taking a team away needs no grant: the administrator in legal takes security from its member.
        yield return new("PATCH", "/people/{id:guid}", security, Create(May.ManagePeople, 200), new { teams = Array.Empty<string>() });
        // The answer lists what the participant holds: the confidential communication naming them is not shown to an administrator outside it.
        yield return new("POST", "/people/{id:guid}/deactivate", participant, Create(May.ManagePeople, 200));
        yield return new("POST", "/people/{id:guid}/deactivate", admin, Everyone(403).Refuses(May.ManagePeople, 409));
        yield return new("POST", "/people/{id:guid}/reactivate", r.Departed, Create(May.ManagePeople, 200));
        yield return new("POST", "/people/{id:guid}/reset-password", r.Colleague, Create(May.ManagePeople, 200));
        yield return new("POST", "/people/{id:guid}/reset-password", security, Everyone(403));
        yield return new("POST", "/people/{id:guid}/reset-password", r.ServiceAccount, Everyone(403).Refuses(May.ManagePeople, 400));
        yield return new("POST", "/people/{id:guid}/tokens", r.ServiceAccount, Create(May.ManagePeople, 201), new { name = "deploy" });
        yield return new("POST", "/people/{id:guid}/tokens", r.Colleague, Everyone(403).Refuses(May.ManagePeople, 400), new { name = "deploy" });
        yield return new("DELETE", "/people/{id:guid}/tokens/{tokenId:guid}", r.ServiceAccount, Create(May.ManagePeople, 200), Key: r.ServiceAccountToken);
        var absent = Everyone(403).Refuses(May.ManagePeople, 404);
        yield return new("PATCH", "/people/{id:guid}", MatrixRecords.Nothing, absent, new { role = "viewer" });
        foreach (var action in new[] { "deactivate", "reactivate", "reset-password" })
        {
            yield return new("POST", $"/people/{{id:guid}}/{action}", MatrixRecords.Nothing, absent);
        }
        yield return new("POST", "/people/{id:guid}/tokens", MatrixRecords.Nothing, absent, new { name = "deploy" });
        yield return new("DELETE", "/people/{id:guid}/tokens/{tokenId:guid}", MatrixRecords.Nothing, absent, Key: r.ServiceAccountToken);
    }
}
