using static SecComms.Web.Tests.Authorization.PageAnswers;

namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// Every other POST handler of a page: incidents, exceptions, releases and vulnerabilities, audiences, webhooks, people,
/// the policy, tokens, signing in and out, choosing a password.
/// </summary>
public static partial class PageChangeMatrix
{
    /// <summary>Stands for the email of the persona posting the form.</summary>
    public const string OwnEmail = "{own-email}";

    private static Func<Persona, bool> Everyone => _ => true;

    public static IEnumerable<PageProbe> Incidents(MatrixRecords r)
    {
        yield return Post("/incidents/new", null, "", Changes(Everyone, May.ManageIncidents).WritersOnly().Only(May.SeeIncidents, 404), new()
        {
            ["Form.Title"] = "Phishing of the support team",
            ["Form.Kind"] = "Breach",
            ["Form.Severity"] = "S4",
            ["Form.BecameAwareAt"] = "2026-11-02T08:30",
            ["Form.PersonalData"] = "false",
        });
        foreach (var id in new[] { r.Incident, MatrixRecords.Nothing })
        {
            Func<Persona, bool> sees = id == r.Incident ? May.SeeIncidents : _ => false;
            yield return Post("/incidents/{id:guid}", "Status", id, Incident(sees), Confirmed(new() { ["Status"] = "Identified" }));
            yield return Post("/incidents/{id:guid}", "Facts", id, Incident(sees), new() { ["Form.Title"] = "Credential stuffing, contained" });
            yield return Post("/incidents/{id:guid}", "AffectedCustomers", id, Incident(sees), new() { ["AffectedCustomers"] = "Initech" });
            yield return Post("/incidents/{id:guid}", "Met", id, Incident(sees), Confirmed(new() { ["Key"] = "gdpr-art-33", ["Evidence"] = "Filed with the regulator." }));
            yield return Post("/incidents/{id:guid}", "Engage", id, Incident(sees), new() { ["Party"] = "legal" });
            yield return Post("/incidents/{id:guid}", "Timeline", id, Incident(sees), new() { ["Kind"] = "Note", ["Text"] = "Blocked the source addresses." });
            yield return Post("/incidents/{id:guid}", "Message", id, Incident(sees), new() { ["Part"] = "InitialNotice" });
            yield return Post("/incidents/{id:guid}", "Propose", id, Incident(sees), new() { ["Reason"] = "Nobody outside was affected." });
            yield return Post("/incidents/{id:guid}", "Approve", id, Refused(sees).Only(May.SeeIncidents, 404), Confirmed());
        }
        // The incident pages admit only the security team: the legal approvers of a decision approve it through the API.
        yield return Post("/incidents/{id:guid}", "Approve", r.ProposedIncident,
            Changes(May.SeeIncidents, p => May.ApproveIncidentDecision(p, People.Security)).Only(May.SeeIncidents, 404), Confirmed());
    }

    private static Answer Incident(Func<Persona, bool> sees) => Changes(sees, May.ManageIncidents).Only(May.SeeIncidents, 404);

    public static IEnumerable<PageProbe> Exceptions(MatrixRecords r)
    {
        yield return Post("/exceptions/new", null, "", Changes(Everyone, May.SeeConfidential).WritersOnly(), new()
        {
            ["Rule"] = "Disclosure before containment",
            ["Gates"] = "incident-contained",
            ["Justification"] = "Customers must change their passwords now.",
            ["AlternativesConsidered"] = "Waiting for containment.",
            ["CompensatingControls"] = "Forced password resets.",
            ["Risk"] = "high",
            ["PeriodDays"] = "14",
        }, query: $"?communication={r.Confidential}");
        var extension = new Dictionary<string, string>
        {
            ["Justification"] = "The fix slipped a week.",
            ["AlternativesConsidered"] = "Waiting.",
            ["CompensatingControls"] = "Monitoring.",
            ["Risk"] = "high",
            ["PeriodDays"] = "7",
        };
        Func<Persona, bool> decides = p => May.DecideException(p, People.Author);
        Func<Persona, bool> extends = p => May.ExtendException(p, People.Author);
        yield return Post("/exceptions/{id:guid}", "Approve", r.Exception, Changes(May.SeeConfidential, decides), new() { ["Comment"] = "Fine." });
        yield return Post("/exceptions/{id:guid}", "Reject", r.Exception, Changes(May.SeeConfidential, decides), Confirmed(new() { ["Comment"] = "Wait for containment." }));
        yield return Post("/exceptions/{id:guid}", "Reject", r.Exception, Changes(May.SeeConfidential, _ => false), new() { ["Comment"] = "Wait for containment." });
        yield return Post("/exceptions/{id:guid}", "Revoke", r.Exception, Refused(May.SeeConfidential), Confirmed(new() { ["Reason"] = "No longer needed." }));
        yield return Post("/exceptions/{id:guid}", "Extend", r.Exception, Refused(May.SeeConfidential), extension);
        yield return Post("/exceptions/{id:guid}", "Approve", r.ApprovedException, Refused(May.SeeConfidential), new() { ["Comment"] = "Fine." });
        yield return Post("/exceptions/{id:guid}", "Reject", r.ApprovedException, Refused(May.SeeConfidential), Confirmed(new() { ["Comment"] = "Too late." }));
        yield return Post("/exceptions/{id:guid}", "Revoke", r.ApprovedException, Changes(May.SeeConfidential, May.RevokeException),
            Confirmed(new() { ["Reason"] = "No longer needed." }));
        yield return Post("/exceptions/{id:guid}", "Extend", r.ApprovedException, Changes(May.SeeConfidential, extends), extension);
        foreach (var handler in new[] { "Approve", "Reject", "Revoke", "Extend" })
        {
            yield return Post("/exceptions/{id:guid}", handler, MatrixRecords.Nothing, Refused(_ => false), Confirmed(extension));
        }
    }

    public static IEnumerable<PageProbe> ReleasesAndVulnerabilities(MatrixRecords r)
    {
        yield return Post("/releases", null, "", Changes(Everyone, May.ManageVulnerabilities), new()
        {
            ["Kind"] = "Planned",
            ["Product"] = "Acme Platform",
            ["Versions"] = "18.5.1",
            ["PlannedFor"] = "2026-12-24",
        });
        yield return Post("/releases/{id:guid}", "Vulnerabilities", r.PlannedRelease, Changes(Everyone, May.ManageVulnerabilities),
            new() { ["VulnerabilityIds"] = r.TriageVulnerability });
        yield return Post("/releases/{id:guid}", "Prepare", r.PlannedRelease, Changes(Everyone, May.ManageVulnerabilities));
        // Addressing the customer email while preparing is the owner team's and the publishers' (security): for anyone else nothing is prepared.
        yield return Post("/releases/{id:guid}", "Prepare", r.PlannedRelease, Changes(Everyone, p => May.ManageVulnerabilities(p) && May.Publish(p)), new()
        {
            ["Safe.Sensitive"] = "false",
            ["Safe.Accurate"] = "true",
            ["Safe.Financial"] = "false",
            ["Safe.Effect"] = "false",
            ["Segment"] = MatrixFixture.SegmentKey,
            ["SubmitAll"] = "true",
        });
        yield return Post("/releases/{id:guid}", "Publish", r.Release, Changes(Everyone, May.ManageVulnerabilities), new() { ["Confirm"] = "true" });
        yield return Post("/releases/{id:guid}", "Publish", r.Release, Changes(Everyone, _ => false));
        foreach (var handler in new[] { "Vulnerabilities", "Prepare", "Publish" })
        {
            yield return Post("/releases/{id:guid}", handler, MatrixRecords.Nothing, Refused(_ => false), new() { ["Confirm"] = "true" });
        }

        const string Package = "/releases/{id:guid}/package";
        yield return Post(Package, "Safe", r.Release, PackageStep(May.Write), new()
        {
            ["Safe.Sensitive"] = "false",
            ["Safe.Accurate"] = "true",
            ["Safe.Financial"] = "false",
            ["Safe.Effect"] = "false",
        });
        yield return Post(Package, "Submit", r.AnsweredRelease, PackageStep(May.Write));
        yield return Post(Package, "Submit", r.Release, PackageStep(_ => false));
        var decisions = r.ReviewDecisions.SelectMany((d, i) => new[]
        {
            KeyValuePair.Create($"Decisions[{i}].CommunicationId", d.Id), KeyValuePair.Create($"Decisions[{i}].PackageHash", d.Hash),
        }).ToDictionary();
        decisions["Comment"] = "Checked against the records.";
        yield return Post(Package, "Approve", r.ReviewRelease, Changes(Everyone, p => May.DecideSecurityStage(p, People.Appsec)), decisions);
        yield return Post(Package, "Approve", r.Release, Changes(Everyone, _ => false),
            new() { ["Decisions[0].CommunicationId"] = r.Embargoed, ["Decisions[0].PackageHash"] = new string('0', 64) });
        yield return Post(Package, "Ship", r.ApprovedRelease, PackageStep(May.Publish));
        yield return Post(Package, "Ship", r.Release, PackageStep(_ => false));
        foreach (var handler in new[] { "Safe", "Submit", "Approve", "Ship" })
        {
            yield return Post(Package, handler, MatrixRecords.Nothing, Refused(_ => false), decisions);
        }

        var vulnerability = new Dictionary<string, string>
        {
            ["Form.Title"] = "Path traversal in exports",
            ["Form.Description"] = "A crafted export name writes outside the export folder.",
            ["Form.Product"] = "Acme Platform",
            ["Form.Cvss31Vector"] = Releases.ReleaseApi.Medium31,
            ["Form.Source"] = "internal",
            ["Form.Affected[0].Introduced"] = "18.0.0",
            ["Form.Affected[0].Fixed"] = "18.4.2",
        };
        var editor = new[] { "Score", "AddRange", "AddCredit" };
        yield return Post("/vulnerabilities/new", null, "", Changes(Everyone, May.ManageVulnerabilities).WritersOnly().Only(May.SeeEmbargoed, 404), vulnerability);
        foreach (var handler in editor)
        {
            yield return Post("/vulnerabilities/new", handler, "", Computes(Everyone).WritersOnly().Only(May.SeeEmbargoed, 404), vulnerability);
        }
        yield return Post("/vulnerabilities/new", "LiveScore", "", Computes(Everyone).WritersOnly().Only(May.SeeEmbargoed, 404),
            new() { ["vector"] = Releases.ReleaseApi.Medium31, ["version"] = "3.1" });
        foreach (var id in new[] { r.Vulnerability, MatrixRecords.Nothing })
        {
            Func<Persona, bool> sees = id == r.Vulnerability ? May.SeeEmbargoed : _ => false;
            yield return Post("/vulnerabilities/{id:guid}", "Save", id, Changes(sees, May.ManageVulnerabilities).Only(May.SeeEmbargoed, 404), vulnerability);
            yield return Post("/vulnerabilities/{id:guid}", "Status", id, Changes(sees, May.ManageVulnerabilities).Only(May.SeeEmbargoed, 404),
                new() { ["status"] = "Fixing" });
            foreach (var handler in editor)
            {
                yield return Post("/vulnerabilities/{id:guid}", handler, id, Computes(sees).Only(May.SeeEmbargoed, 404), vulnerability);
            }
            yield return Post("/vulnerabilities/{id:guid}", "LiveScore", id, Computes(Everyone).Only(May.SeeEmbargoed, 404),
                new() { ["vector"] = Releases.ReleaseApi.Medium31, ["version"] = "3.1" });
        }
    }

    /// <summary>
    /// A step on a release's whole package: carried out for those who <paramref name="may"/> take it, refused on the page
    /// for a viewer and for others who see what the release generated. Someone who sees none of it has nothing to act
    /// on: the page goes on (302) and nothing changes.
    /// </summary>
    private static Answer PackageStep(Func<Persona, bool> may) => p =>
        p.Anonymous ? Outcome.SignIn
        : p.IsViewer ? Outcome.Unchanged(200)
        : !May.SeeEmbargoed(p) ? Outcome.Unchanged(302)
        : may(p) ? Outcome.Done(302) : Outcome.Unchanged(200);

    public static IEnumerable<PageProbe> Audiences(MatrixRecords r)
    {
        yield return Post("/audiences", null, "", Changes(Everyone, May.ManageAudiences).Only(May.ReadAudiences, 403),
            new() { ["Form.Key"] = "matrix-eu", ["Form.Name"] = "Europe", ["Form.Regions"] = "eu" });
        yield return Post("/audiences/{key}", "Save", MatrixFixture.SegmentKey, Changes(Everyone, May.ManageAudiences).Only(May.ReadAudiences, 403),
            new() { ["Form.Key"] = MatrixFixture.SegmentKey, ["Form.Name"] = "Enterprise customers", ["Form.Tiers"] = "enterprise" });
        yield return Post("/audiences/{key}", "Delete", MatrixFixture.SegmentKey, Changes(Everyone, May.ManageAudiences).Only(May.ReadAudiences, 403), Confirmed());
        yield return Post("/audiences/contacts", null, "", Changes(Everyone, May.ManageAudiences).Only(May.ReadAudiences, 403),
            new() { ["Contact.Email"] = "peter@initech.example", ["Contact.Name"] = "Peter", ["Contact.Organization"] = "Initech" });
        yield return new("POST", "/audiences/import", null, "", Changes(Everyone, May.ManageAudiences, done: 200).WritersOnly().Only(May.ReadAudiences, 403),
            PageForm.Empty with { File = new("contacts.csv", "email,name,organization\nmilton@initech.example,Milton,Initech\n") });
        yield return Post("/audiences/organizations", null, "", Changes(Everyone, May.ManageAudiences).Only(May.ReadAudiences, 403),
            new() { ["Organization.Name"] = "Globex", ["Organization.Tier"] = "enterprise" });
        yield return Post("/audiences/organizations/{id:guid}", null, r.Organization, Changes(Everyone, May.ManageAudiences).Only(May.ReadAudiences, 403),
            new() { ["Organization.Name"] = "Initech Ltd", ["Organization.Tier"] = "enterprise" });
    }

    public static IEnumerable<PageProbe> Webhooks(MatrixRecords r, string receiver)
    {
        Func<Persona, bool> manages = May.ManageWebhooks;
        yield return Post("/webhooks", "Create", "", Changes(Everyone, manages, done: 200).Only(manages, 403),
            new() { ["Name"] = "Second receiver", ["Address"] = receiver, ["Format"] = "Json" });
        foreach (var handler in new[] { "Activate", "Deactivate", "Delete" })
        {
            yield return Post("/webhooks", handler, "", Changes(Everyone, manages).Only(manages, 403), Confirmed(new() { ["id"] = r.Webhook }));
            yield return Post("/webhooks", handler, "", Refused(_ => false).Only(manages, 403), Confirmed(new() { ["id"] = MatrixRecords.Nothing }));
        }
    }

    /// <summary>The people pages admit administrators only; the one in the matrix is in legal.</summary>
    public static IEnumerable<PageProbe> PeoplePages(MatrixRecords r)
    {
        Func<Persona, bool> manages = May.ManagePeople;
        const string Person = "/people/{id:guid}";
        yield return Post("/people", "Add", "", Changes(Everyone, manages, done: 200).Only(manages, 403), new()
        {
            ["Person.Email"] = "new-person@example.com",
            ["Person.Name"] = "New",
            ["Person.Role"] = "Member",
            ["Person.Teams"] = "legal",
            ["Person.Invite"] = "true",
        });
        yield return Post("/people", "Add", "", Refused(Everyone).Only(manages, 403), new()
        {
            ["Person.Email"] = "new-person@example.com",
            ["Person.Name"] = "New",
            ["Person.Teams"] = "security",
        });
        yield return Post("/people", "ServiceAccount", "", Changes(Everyone, manages).Only(manages, 403), new()
        {
            ["Account.Email"] = "new-bot@example.com",
            ["Account.Name"] = "New bot",
            ["Account.Role"] = "Member",
            ["Account.Teams"] = "legal",
        });
        yield return Post(Person, "Change", r.Colleague, Changes(Everyone, manages).Only(manages, 403), new() { ["Role"] = "Viewer", ["Teams"] = "legal" });
        yield return Post(Person, "Deactivate", r.Colleague, Changes(Everyone, manages).Only(manages, 403));
        yield return Post(Person, "Deactivate", r.PersonIds[People.AdminOutsideSecurity], Refused(Everyone).Only(manages, 403));
        yield return Post(Person, "Reactivate", r.Departed, Changes(Everyone, manages).Only(manages, 403));
        yield return Post(Person, "ResetPassword", r.Colleague, Changes(Everyone, manages, done: 200).Only(manages, 403));
        yield return Post(Person, "ResetPassword", r.PersonIds[People.Security], Refused(Everyone).Only(manages, 403));
        yield return Post(Person, "IssueToken", r.ServiceAccount, Changes(Everyone, manages, done: 200).Only(manages, 403),
            new() { ["TokenName"] = "deploy", ["ExpiresInDays"] = "30" });
        yield return Post(Person, "RevokeToken", r.ServiceAccount, Changes(Everyone, manages).Only(manages, 403), Confirmed(new() { ["tokenId"] = r.ServiceAccountToken }));
        foreach (var handler in new[] { "Change", "Deactivate", "Reactivate", "ResetPassword", "IssueToken", "RevokeToken" })
        {
            yield return Post(Person, handler, MatrixRecords.Nothing, Refused(_ => false).Only(manages, 403),
                Confirmed(new() { ["Role"] = "Viewer", ["TokenName"] = "deploy", ["tokenId"] = r.ServiceAccountToken }));
        }
    }

    public static IEnumerable<PageProbe> Policy(MatrixRecords r)
    {
        Func<Persona, bool> replaces = May.ReplacePolicy;
        yield return Post("/policy/edit", null, "", Changes(Everyone, replaces).Only(replaces, 403),
            new() { ["Yaml"] = r.PolicyYaml.Replace("name: Default", "name: Amended", StringComparison.Ordinal) });
        yield return Post("/policy/edit", null, "", Refused(Everyone).Only(replaces, 403),
            new() { ["Yaml"] = r.PolicyYaml.Replace("owner: security", "owner: no-such-team", StringComparison.Ordinal) });
    }

    public static IEnumerable<PageProbe> Accounts(MatrixRecords r)
    {
        yield return Post("/tokens", "Create", "", Changes(Everyone, Everyone, done: 200), new() { ["Name"] = "matrix", ["ExpiresInDays"] = "30" });
        yield return Post("/tokens", "Revoke", "", Changes(p => p == People.Author, p => p == People.Author), Confirmed(new() { ["id"] = r.AuthorToken }));
        yield return Post("/tokens", "Revoke", "", Refused(_ => false), Confirmed(new() { ["id"] = MatrixRecords.Nothing }));
        yield return Post("/signin", null, "", SignIn(), new() { ["Email"] = OwnEmail, ["Password"] = Pages.PageSession.Password });
        yield return Post("/signout", null, "", _ => Outcome.SignIn);
        yield return Post("/setup", null, "", Anyone(404), new() { ["Email"] = "root@example.com", ["Name"] = "Root", ["Password"] = "a long passphrase" });
        yield return Post("/account/set-password", null, "", Anyone(200),
            new() { ["Token"] = "not-a-token", ["Password"] = "a long passphrase", ["ConfirmPassword"] = "a long passphrase" });
        yield return Post("/error", null, "", Anyone(200));
        yield return Post("/ack/{token}", null, "not-a-token", Anyone(404));
        yield return Post("/unsubscribe/{token}", null, "not-a-token", Anyone(404));
    }

    /// <summary>
    /// Signing in again starts a new session (a redirect home) and records the sign-in; someone with no account is told
    /// the email or password is wrong, and the failure is counted against their address.
    /// </summary>
    private static Answer SignIn() => p => p.Anonymous ? Outcome.Done(200) : Outcome.Done(302);
}
