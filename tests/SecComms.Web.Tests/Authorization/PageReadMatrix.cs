using static SecComms.Web.Tests.Authorization.PageAnswers;

namespace SecComms.Web.Tests.Authorization;

/// <summary>Every page and every GET handler of a page, opened on each record it can name, with every persona's answer.</summary>
public static class PageReadMatrix
{
    private static Func<Persona, bool> Everyone => _ => true;

    public static IEnumerable<PageProbe> For(MatrixFixture f)
    {
        var r = f.Records;
        yield return Get("/", "", Shows(Everyone));
        // The list repeats the search in its form, so the search leaves out the canary's first word.
        yield return Get("/", "", Shows(Everyone), $"?q={f.ConfidentialCanary["CANARY-".Length..]}");
        yield return Get("/", "", Shows(Everyone), "?q=CANARY");
        yield return Get("/", "", Shows(Everyone), "?waitingOn=me");
        yield return Get("/api-reference", "", Shows(Everyone));
        yield return Get("/tokens", "", Shows(Everyone));
        yield return Get("/signout", "", Shows(Everyone));
        yield return Get("/signin", "", Anyone(200));
        yield return Get("/signin/continue", "", Anyone(200), "?returnUrl=%2Ftokens");
        yield return Get("/setup", "", Anyone(404));
        yield return Get("/error", "", Anyone(200));

        foreach (var (id, sees) in new (string, Func<Persona, bool>)[]
        {
            (r.Confidential, May.SeeConfidential), (r.Embargoed, May.SeeEmbargoed), (r.PublicDraft, May.SeePublic), (MatrixRecords.Nothing, _ => false),
        })
        {
            yield return Get("/communications/{id:guid}", id, Shows(sees));
            yield return Get("/communications/{id:guid}/revisions/{n:int}/diff", id, Shows(sees));
            yield return Get("/communications/{id:guid}/edit", id, Shows(sees).WritersOnly());
        }
        foreach (var generated in r.Generated.Where(id => id != r.Embargoed))
        {
            yield return Get("/communications/{id:guid}", generated, Shows(May.SeeEmbargoed));
        }
        yield return Get("/communications/new", "", Shows(Everyone).WritersOnly());

        yield return Get("/dispatches/{id:guid}", r.Dispatch, Shows(May.SeeConfidential));
        yield return Get("/dispatches/{id:guid}", r.Dispatch, Shows(May.SeeConfidential), handler: "Progress");
        yield return Get("/dispatches/{id:guid}", r.Dispatch, Shows(May.SeeConfidential).Only(May.ReadAudiences, 403), handler: "Csv");
        yield return Get("/dispatches/{id:guid}", MatrixRecords.Nothing, Shows(_ => false));

        yield return Get("/exceptions", "", Shows(Everyone));
        yield return Get("/exceptions", "", Shows(Everyone), $"?communication={r.Confidential}");
        yield return Get("/exceptions/{id:guid}", r.Exception, Shows(May.SeeConfidential));
        yield return Get("/exceptions/{id:guid}", MatrixRecords.Nothing, Shows(_ => false));
        yield return Get("/exceptions/new", "", Shows(Everyone).WritersOnly());
        yield return Get("/exceptions/new", "", Shows(Everyone).WritersOnly(), $"?communication={r.Confidential}&gates=incident-contained");

        yield return Get("/incidents", "", Shows(May.SeeIncidents));
        yield return Get("/incidents", "", Shows(May.SeeIncidents), "?show=all&q=CANARY");
        yield return Get("/incidents/{id:guid}", r.Incident, Shows(May.SeeIncidents));
        yield return Get("/incidents/{id:guid}", r.ProposedIncident, Shows(May.SeeIncidents));
        yield return Get("/incidents/{id:guid}", MatrixRecords.Nothing, Shows(_ => false));
        yield return Get("/incidents/new", "", Shows(May.ManageIncidents).WritersOnly().Only(May.SeeIncidents, 404));

        yield return Get("/releases", "", Shows(Everyone));
        yield return Get("/releases/calendar", "", Shows(Everyone));
        yield return Get("/releases/{id:guid}", r.Release, Shows(Everyone));
        yield return Get("/releases/{id:guid}", r.PlannedRelease, Shows(Everyone));
        yield return Get("/releases/{id:guid}", MatrixRecords.Nothing, Shows(_ => false));
        // Everyone reads a release's package page; what it generated shows only to those who may see it.
        foreach (var release in new[] { r.Release, r.ReviewRelease, r.PlannedRelease })
        {
            yield return Get("/releases/{id:guid}/package", release, Shows(Everyone));
        }
        yield return Get("/releases/{id:guid}/package", MatrixRecords.Nothing, Shows(_ => false));
        yield return Get("/vulnerabilities", "", Shows(May.SeeEmbargoed));
        yield return Get("/vulnerabilities", "", Shows(May.SeeEmbargoed), "?q=CANARY");
        yield return Get("/vulnerabilities/{id:guid}", r.Vulnerability, Shows(May.SeeEmbargoed));
        yield return Get("/vulnerabilities/{id:guid}", MatrixRecords.Nothing, Shows(_ => false));
        yield return Get("/vulnerabilities/new", "", Shows(Everyone).WritersOnly().Only(May.SeeEmbargoed, 404));

        yield return Get("/audiences", "", Shows(May.ReadAudiences, 403));
        yield return Get("/audiences/{key}", MatrixFixture.SegmentKey, Shows(May.ReadAudiences, 403));
        yield return Get("/audiences/{key}", "no-such-segment", Shows(_ => false).Only(May.ReadAudiences, 403));
        yield return Get("/audiences/contacts", "", Shows(May.ReadAudiences, 403));
        yield return Get("/audiences/contacts", "", Shows(May.ReadAudiences, 403), handler: "Export");
        yield return Get("/audiences/import", "", Shows(Everyone).WritersOnly().Only(May.ReadAudiences, 403));
        yield return Get("/audiences/organizations", "", Shows(May.ReadAudiences, 403));
        // The organization page is its edit form: a viewer who reads audiences finds nothing there to change.
        yield return Get("/audiences/organizations/{id:guid}", r.Organization, Shows(May.ManageAudiences).Only(May.ReadAudiences, 403));
        yield return Get("/webhooks", "", Shows(May.ManageWebhooks, 403));
        yield return Get("/webhooks/{id:guid}", r.Webhook, Shows(May.ManageWebhooks, 403));
        yield return Get("/webhooks/{id:guid}", MatrixRecords.Nothing, Shows(_ => false).Only(May.ManageWebhooks, 403));

        yield return Get("/people", "", Shows(May.ManagePeople, 403));
        foreach (var person in new[] { r.PersonIds[People.Participant], r.Colleague, r.Departed, r.ServiceAccount })
        {
            yield return Get("/people/{id:guid}", person, Shows(May.ManagePeople, 403));
        }
        yield return Get("/people/{id:guid}", MatrixRecords.Nothing, Shows(_ => false).Only(May.ManagePeople, 403));
        // Without a usable link the page says so, to anyone.
        yield return Get("/account/set-password", "", Anyone(200));
        yield return Get("/account/set-password", "", Anyone(200), "?token=not-a-token");

        yield return Get("/audit", "", Shows(May.ReadAudit, 403));
        yield return Get("/audit", "", Shows(May.ReadAudit, 403), "?action=communication.created&before=5");
        yield return Get("/audit", "", Shows(May.ReadAudit, 403), "?entity=incident", handler: "Export");
        yield return Get("/audit/{seq:long}", "1", Shows(May.ReadAudit, 403));
        yield return Get("/audit/{seq:long}", "999999", Shows(_ => false).Only(May.ReadAudit, 403));
        yield return Get("/audit/chain", "", Shows(May.ReadAudit, 403));
        yield return Get("/policy", "", Shows(Everyone));
        yield return Get("/policy/versions", "", Shows(Everyone));
        yield return Get("/policy/diff", "", Shows(Everyone), "?from=1&to=1");
        yield return Get("/policy/diff", "", Shows(_ => false), "?from=1&to=999");
        yield return Get("/policy/edit", "", Shows(May.ReplacePolicy, 403));

        yield return Get("/advisories", "", Anyone(200));
        // The list repeats the search in its form, so the search leaves out the canary's first word.
        yield return Get("/advisories", "", Anyone(200), $"?q={f.EmbargoCanary["CANARY-".Length..]}&severity=critical");
        yield return Get("/advisories", "", Anyone(200), $"?q={f.ConfidentialCanary["CANARY-".Length..]}");
        // The held release's product is named by no public advisory, so it is refused like one never used.
        yield return Get("/advisories", "", Anyone(400), "?product=Acme%20Platform");
        yield return Get("/advisories/{reference}", r.EmbargoedReference, Anyone(404));
        yield return Get("/ack/{token}", "not-a-token", Anyone(200));
        yield return Get("/unsubscribe/{token}", "not-a-token", Anyone(200));
    }

    private static PageProbe Get(string route, string target, Answer expected, string query = "", string? handler = null) =>
        new("GET", route, handler, target, expected, Query: query);
}
