using static SecComms.Web.Tests.Authorization.Answers;

namespace SecComms.Web.Tests.Authorization;

/// <summary>Every GET endpoint under <c>/api/v1</c>, asked about each fixture it can name, with every persona's answer.</summary>
public static class ReadMatrix
{
    private static readonly string[] CommunicationReads =
    [
        "/communications/{id:guid}",
        "/communications/{id:guid}/revisions",
        "/communications/{id:guid}/revisions/{number:int}",
        "/communications/{id:guid}/revisions/{number:int}/diff",
        "/communications/{id:guid}/approvals",
        "/communications/{id:guid}/requirements",
        "/communications/{id:guid}/quorum-fallback",
        "/communications/{id:guid}/safe",
        "/communications/{id:guid}/links",
        "/communications/{id:guid}/audience",
        "/communications/{id:guid}/dispatches",
    ];

    private static readonly string[] IncidentReads =
    [
        "/incidents/{id:guid}",
        "/incidents/{id:guid}/timeline",
        "/incidents/{id:guid}/clocks",
        "/incidents/{id:guid}/engagements",
        "/incidents/{id:guid}/messages",
    ];

    private static string Nothing => MatrixRecords.Nothing;

    public static IEnumerable<Probe> For(MatrixFixture f)
    {
        var r = f.Records;
        foreach (var route in CommunicationReads)
        {
            yield return new("GET", route, r.Confidential, When(May.SeeConfidential, 200, 404));
            yield return new("GET", route, r.Embargoed, When(May.SeeEmbargoed, 200, 404));
            yield return new("GET", route, r.PublicDraft, Everyone(200));
            yield return new("GET", route, Nothing, Everyone(404));
        }
        foreach (var generated in r.Generated.Where(id => id != r.Embargoed))
        {
            foreach (var route in CommunicationReads)
            {
                yield return new("GET", route, generated, When(May.SeeEmbargoed, 200, 404));
            }
        }
        yield return new("GET", "/communications/{id:guid}/exports/{format}", r.Embargoed, When(May.SeeEmbargoed, 200, 404));
        // A confidential communication is never an advisory, so there is no export of it even for those who read it.
        yield return new("GET", "/communications/{id:guid}/exports/{format}", r.Confidential, Everyone(404));
        yield return new("GET", "/communications", "", Everyone(200));
        yield return new("GET", "/communications", "", Everyone(200), Query: $"?q={f.ConfidentialCanary}");
        yield return new("GET", "/communications", "", Everyone(200), Query: $"?q={f.EmbargoCanary}");
        yield return new("GET", "/communications", "", Everyone(200), Query: "?q=CANARY");

        foreach (var route in IncidentReads)
        {
            yield return new("GET", route, r.Incident, When(May.SeeIncidents, 200, 404));
            yield return new("GET", route, Nothing, Everyone(404));
        }
        yield return new("GET", "/incidents/{id:guid}/no-public-notification", r.Incident, When(May.SeeIncidents, 204, 404));
        yield return new("GET", "/incidents/{id:guid}/no-public-notification", Nothing, Everyone(404));
        // A proposed decision shows its approving teams the decision, and nothing else of the incident.
        yield return new("GET", "/incidents/{id:guid}/no-public-notification", r.ProposedIncident, When(May.SeeIncidentDecision, 200, 404));
        yield return new("GET", "/incidents/{id:guid}", r.ProposedIncident, When(May.SeeIncidents, 200, 404));
        yield return new("GET", "/incidents", "", Everyone(200));
        yield return new("GET", "/incidents", "", Everyone(200), Query: "?search=CANARY");
        yield return new("GET", "/incidents/clocks", "", Everyone(200));

        yield return new("GET", "/releases", "", Everyone(200));
        yield return new("GET", "/releases/{id:guid}", r.Release, Everyone(200));
        yield return new("GET", "/releases/{id:guid}/package", r.Release, Everyone(200));
        yield return new("GET", "/releases/calendar", "", Everyone(200));
        yield return new("GET", "/vulnerabilities", "", Everyone(200));
        yield return new("GET", "/vulnerabilities", "", Everyone(200), Query: "?q=CANARY");
        yield return new("GET", "/vulnerabilities", "", Everyone(200), Query: $"?releaseId={r.Release}");
        yield return new("GET", "/vulnerabilities/{id:guid}", r.Vulnerability, When(May.SeeEmbargoed, 200, 404));
        yield return new("GET", "/vulnerabilities/{id:guid}", Nothing, Everyone(404));

        yield return new("GET", "/exceptions", "", Everyone(200));
        yield return new("GET", "/exceptions", "", Everyone(200), Query: $"?communicationId={r.Confidential}");
        yield return new("GET", "/exceptions/{id:guid}", r.Exception, When(May.SeeConfidential, 200, 404));
        yield return new("GET", "/exceptions/{id:guid}", Nothing, Everyone(404));

        yield return new("GET", "/audit", "", When(May.ReadAudit, 200, 403));
        yield return new("GET", "/audit", "", When(May.ReadAudit, 200, 403), Query: "?entity=incident");
        yield return new("GET", "/audit", "", When(May.ReadAudit, 200, 403), Query: "?action=communication.created&order=newest&limit=5");
        yield return new("GET", "/audit", "", When(May.ReadAudit, 400, 403), Query: "?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z");
        yield return new("GET", "/audit/verify", "", When(May.ReadAudit, 200, 403));
        yield return new("GET", "/audit/head", "", When(May.ReadAudit, 200, 403));

        yield return new("GET", "/policy", "", Everyone(200));
        yield return new("GET", "/policy/yaml", "", Everyone(200));
        yield return new("GET", "/policy/versions", "", Everyone(200));
        yield return new("GET", "/me", "", Everyone(200));
        yield return new("GET", "/tokens", "", Everyone(200));
        yield return new("GET", "/users", "", When(May.ManagePeople, 200, 403));
        yield return new("GET", "/people", "", When(May.ManagePeople, 200, 403));
        // What a person holds is listed only as far as the reader may see it: the participant's confidential communication is not.
        foreach (var person in new[] { r.PersonIds[People.Participant], r.PersonIds[People.Author], r.Colleague, r.ServiceAccount })
        {
            yield return new("GET", "/people/{id:guid}", person, When(May.ManagePeople, 200, 403));
        }
        yield return new("GET", "/people/{id:guid}", Nothing, When(May.ManagePeople, 404, 403));

        yield return new("GET", "/organizations", "", When(May.ReadAudiences, 200, 403));
        yield return new("GET", "/contacts", "", When(May.ReadAudiences, 200, 403));
        yield return new("GET", "/contacts/export", "", When(May.ReadAudiences, 200, 403));
        yield return new("GET", "/audiences", "", When(May.ReadAudiences, 200, 403));
        yield return new("GET", "/audiences/{key}", "", When(May.ReadAudiences, 200, 403));
        yield return new("GET", "/audiences/{key}/preview", "", When(May.ReadAudiences, 200, 403));
        yield return new("GET", "/dispatches/{id:guid}", Nothing, Everyone(404));
        yield return new("GET", "/dispatches/{id:guid}/organizations", Nothing, When(May.ReadAudiences, 404, 403));
        yield return new("GET", "/dispatches/{id:guid}/deliveries", Nothing, When(May.ReadAudiences, 404, 403));
        yield return new("GET", "/dispatches/{id:guid}/deliveries.csv", Nothing, When(May.ReadAudiences, 404, 403));

        yield return new("GET", "/webhooks", "", When(May.ManageWebhooks, 200, 403));
        yield return new("GET", "/webhooks/{id:guid}/deliveries", Nothing, When(May.ManageWebhooks, 404, 403));
    }
}
